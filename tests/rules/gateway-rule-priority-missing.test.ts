import { expect, it } from 'vitest';
import rule from '../../src/core/rules/gateway-rule-priority-missing';
import { gatewayWith, listener, ref, rule as routingRule, run, ruleTester, workspace } from './helpers';

const twoRules = (p1?: number, p2?: number) =>
  gatewayWith({
    httpListeners: [listener('listener1'), listener('listener2', { hostNames: ['www.contoso.com'] })],
    requestRoutingRules: [routingRule('rule1', { priority: p1 }), routingRule('rule2', { priority: p2, httpListener: ref('httpListeners', 'listener2') })],
  });

ruleTester(
  rule,
  {
    valid: [
      { name: 'all rules have priorities', ws: workspace({ gateways: [twoRules(100, 200)] }) },
      { name: 'no rules', ws: workspace({ gateways: [gatewayWith({ requestRoutingRules: [] })] }) },
      { name: 'v1 gateway is not checked', ws: workspace({ gateways: [{ ...twoRules(100, undefined), generation: 'v1', sku: { name: 'Standard_Small', tier: 'Standard' } }] }) },
    ],
    invalid: [
      { name: 'mixed → error', ws: workspace({ gateways: [twoRules(100, undefined)] }), expect: [{ resource: 'rule2', severity: 'error', messageIncludes: '1 of 2 routing rules' }] },
      { name: 'none → info', ws: workspace({ gateways: [twoRules(undefined, undefined)] }), expect: [{ severity: 'info', messageIncludes: '2 of 2' }] },
      { name: 'unknown SKU, mixed → still reported', ws: workspace({ gateways: [{ ...twoRules(undefined, 5), generation: 'unknown', sku: {} }] }), expect: [{ resource: 'rule1', severity: 'error' }] },
    ],
  },
  it,
);

it('gateway-rule-priority-missing: suggests multi-site before basic, after the highest number in use', () => {
  const [f] = run(rule, workspace({ gateways: [twoRules(undefined, undefined)] }));
  expect(f.text.en.fix).toContain('rule2 = 10, rule1 = 20');
  const [g] = run(rule, workspace({ gateways: [twoRules(105, undefined)] }));
  expect(g.commands.az).toEqual(['az network application-gateway rule update -g rg1 --gateway-name gw1 -n rule2 --priority 110']);
});
