import { expect, it } from 'vitest';
import rule from '../../src/core/rules/gateway-sku-unknown';
import { gatewayWith, run, ruleTester, workspace } from './helpers';

ruleTester(
  rule,
  {
    valid: [
      { name: 'v2', ws: workspace() },
      { name: 'v1', ws: workspace({ gateways: [gatewayWith({ sku: { name: 'Standard_Small', tier: 'Standard' }, generation: 'v1' })] }) },
    ],
    invalid: [{ name: 'no SKU', ws: workspace({ gateways: [gatewayWith({ sku: {}, generation: 'unknown' })] }), expect: [{ resource: 'gw1', severity: 'info', messageIncludes: 'does not show the SKU of gateway gw1' }] }],
  },
  it,
);

it('gateway-sku-unknown: names the SKU-dependent checks and the export command', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ sku: {}, generation: 'unknown' })] }));
  expect(f.text.en.effect).toContain('v1 502 / v2 504');
  expect(f.commands.powershell?.[0]).toContain('ConvertTo-Json -Depth 100');
});
