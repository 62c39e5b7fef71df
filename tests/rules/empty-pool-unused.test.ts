import { describe, it } from 'vitest';
import check from '../../src/core/rules/empty-pool-unused';
import { gatewayWith, pool, ref, rule, ruleTester, workspace } from './helpers';

describe('empty-pool-unused', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'no empty pool', ws: workspace() },
        { name: 'empty pool that is routed (another rule)', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [])] })] }) },
        { name: 'pools lost from the input', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), pool('spare', [])], lost: [{ part: 'backendAddressPools.backendAddresses', reason: 'depth' }] })] }) },
        {
          name: 'empty pool named by a rule whose listener is missing',
          ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), pool('spare', [])], requestRoutingRules: [rule('rule1'), rule('rule2', { httpListener: ref('httpListeners', 'gone'), backendAddressPool: ref('backendAddressPools', 'spare') })] })] }),
        },
      ],
      invalid: [
        { name: 'spare empty pool', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), pool('spare', [])] })] }), expect: [{ resource: 'spare', severity: 'info' }] },
      ],
    },
    it,
  );
});
