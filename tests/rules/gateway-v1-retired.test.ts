import { expect, it } from 'vitest';
import rule from '../../src/core/rules/gateway-v1-retired';
import { gatewayWith, run, ruleTester, workspace } from './helpers';

const v1 = (name: string, tier: string) => gatewayWith({ sku: { name, tier, capacity: 2 }, generation: 'v1' });

ruleTester(
  rule,
  {
    valid: [
      { name: 'v2', ws: workspace() },
      { name: 'unknown SKU', ws: workspace({ gateways: [gatewayWith({ sku: {}, generation: 'unknown' })] }) },
    ],
    invalid: [
      { name: 'Standard_Medium', ws: workspace({ gateways: [v1('Standard_Medium', 'Standard')] }), expect: [{ resource: 'gw1', severity: 'warning', messageIncludes: 'v1 SKU Standard_Medium' }] },
      { name: 'WAF_Large', ws: workspace({ gateways: [v1('WAF_Large', 'WAF')] }), expect: [{ messageIncludes: 'retired on 2026-04-28' }] },
    ],
  },
  it,
);

it('gateway-v1-retired: migration commands with the user\'s names', () => {
  const [f] = run(rule, workspace({ gateways: [v1('WAF_Medium', 'WAF')] }));
  expect(f.commands.powershell?.[1]).toMatch(/^AzureAppGWMigration\.ps1 -resourceId \/subscriptions\/.*\/applicationGateways\/gw1 .*-AppGWResourceGroupName rg1/);
  expect(f.commands.az?.[0]).toContain('--sku WAF_v2');
});
