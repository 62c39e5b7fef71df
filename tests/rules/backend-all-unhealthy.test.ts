import { describe, it } from 'vitest';
import check from '../../src/core/rules/backend-all-unhealthy';
import { gatewayWith, health, pool, ruleTester, workspace } from './helpers';

const two = gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.0.1.5' }])] });

describe('backend-all-unhealthy', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'no health given', ws: workspace() },
        { name: 'all healthy', ws: workspace({ gateways: [two], backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }, { address: '10.0.1.5', health: 'Healthy' }])] }) },
        { name: 'one of two unhealthy', ws: workspace({ gateways: [two], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }, { address: '10.0.1.5', health: 'Healthy' }])] }) },
        { name: 'unknown is not unhealthy', ws: workspace({ gateways: [two], backendHealth: [health([{ address: '10.0.1.4', health: 'Unknown' }, { address: '10.0.1.5', health: 'Unknown' }])] }) },
      ],
      invalid: [
        {
          name: 'both unhealthy',
          ws: workspace({ gateways: [two], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }, { address: '10.0.1.5', health: 'Unhealthy' }])] }),
          expect: [{ resource: 'pool1', severity: 'error', messageIncludes: 'every server of pool pool1 (2 in total) Unhealthy for settings settings1' }],
        },
        {
          name: 'the same server listed twice (two pasted documents) counts once',
          ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }]), health([{ address: '10.0.1.4', health: 'Unhealthy' }])] }),
          expect: [{ resource: 'pool1', messageIncludes: 'pool1 (1 in total)' }],
        },
      ],
    },
    it,
  );
});
