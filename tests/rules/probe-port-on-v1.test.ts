import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-port-on-v1';
import { gatewayWith, probe, ruleTester, workspace } from './helpers';

const v1 = { generation: 'v1' as const, sku: { name: 'Standard_Medium', tier: 'Standard' } };

describe('probe-port-on-v1', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'v1 without port', ws: workspace({ gateways: [gatewayWith({ ...v1, probes: [probe('p1')] })] }) },
        { name: 'unknown SKU is not claimed to be v1', ws: workspace({ gateways: [gatewayWith({ generation: 'unknown', sku: {}, probes: [probe('p1', { port: 8080 })] })] }) },
        { name: 'port 0 means not set', ws: workspace({ gateways: [gatewayWith({ ...v1, probes: [probe('p1', { port: 0 })] })] }) },
      ],
      invalid: [
        { name: 'v1 with a probe port', ws: workspace({ gateways: [gatewayWith({ ...v1, probes: [probe('p1', { port: 80 })] })] }), expect: [{ resource: 'p1', severity: 'error', messageIncludes: 'is v1 (Standard_Medium)' }] },
      ],
    },
    it,
  );
});
