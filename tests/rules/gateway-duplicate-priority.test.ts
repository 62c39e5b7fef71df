import { expect, it } from 'vitest';
import rule from '../../src/core/rules/gateway-duplicate-priority';
import { gatewayWith, listener, ref, rule as routingRule, run, ruleTester, workspace } from './helpers';

const rules = (...ps: (number | undefined)[]) =>
  gatewayWith({
    httpListeners: ps.map((_, i) => listener(`listener${i + 1}`, { hostNames: [`site${i + 1}.contoso.com`] })),
    requestRoutingRules: ps.map((p, i) => routingRule(`rule${i + 1}`, { priority: p, httpListener: ref('httpListeners', `listener${i + 1}`) })),
  });

ruleTester(
  rule,
  {
    valid: [
      { name: 'unique priorities', ws: workspace({ gateways: [rules(100, 200, 300)] }) },
      { name: 'no priorities', ws: workspace({ gateways: [rules(undefined, undefined)] }) },
    ],
    invalid: [
      { name: 'two share 100', ws: workspace({ gateways: [rules(100, 100, 300)] }), expect: [{ resource: 'rule2', severity: 'error', messageIncludes: 'rule1, rule2 all have priority 100' }] },
      { name: 'two groups', ws: workspace({ gateways: [rules(10, 10, 20, 20)] }), expect: [{ messageIncludes: 'priority 10' }, { messageIncludes: 'priority 20' }] },
    ],
  },
  it,
);

it('gateway-duplicate-priority: moves the second rule to a free number', () => {
  const [f] = run(rule, workspace({ gateways: [rules(100, 100, 101)] }));
  expect(f.commands.az).toEqual(['az network application-gateway rule update -g rg1 --gateway-name gw1 -n rule2 --priority 102']);
  expect(f.affected).toEqual(['listener1 (site1.contoso.com)', 'listener2 (site2.contoso.com)']);
});
