import { describe, it } from 'vitest';
import check from '../../src/core/rules/pool-blank-addresses';
import { gatewayWith, pool, ruleTester, workspace } from './helpers';

describe('pool-blank-addresses', () => {
  ruleTester(
    check,
    {
      valid: [{ name: 'no blank entries', ws: workspace() }],
      invalid: [
        { name: 'two blank entries next to a member', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [{ ...pool('pool1'), blankAddresses: 2 }] })] }), expect: [{ resource: 'pool1', severity: 'warning', messageIncludes: '2 blank, 1 real member(s)' }] },
        { name: 'only blank entries', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [{ ...pool('pool1', []), blankAddresses: 1 }] })] }), expect: [{ resource: 'pool1', messageIncludes: '1 blank, 0 real member(s)' }] },
      ],
    },
    it,
  );
});
