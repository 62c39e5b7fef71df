import { describe, it } from 'vitest';
import check from '../../src/core/rules/backend-some-unhealthy';
import { gatewayWith, health, pool, ruleTester, workspace } from './helpers';

const two = gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.0.1.5' }])] });

describe('backend-some-unhealthy', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'all healthy', ws: workspace({ gateways: [two], backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }, { address: '10.0.1.5', health: 'Healthy' }])] }) },
        { name: 'all unhealthy is the other rule', ws: workspace({ gateways: [two], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }, { address: '10.0.1.5', health: 'Unhealthy' }])] }) },
        { name: 'no health', ws: workspace() },
      ],
      invalid: [
        {
          name: 'one of two',
          ws: workspace({ gateways: [two], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }, { address: '10.0.1.5', health: 'Healthy' }])] }),
          expect: [{ resource: 'pool1', severity: 'warning', messageIncludes: '1 of 2 servers of pool pool1 Unhealthy' }],
        },
      ],
    },
    it,
  );
});
