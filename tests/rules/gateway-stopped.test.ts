import { it } from 'vitest';
import rule from '../../src/core/rules/gateway-stopped';
import { gatewayWith, listener, rule as routingRule, ruleTester, workspace } from './helpers';

ruleTester(
  rule,
  {
    valid: [
      { name: 'running', ws: workspace() },
      { name: 'state not in the input', ws: workspace({ gateways: [gatewayWith({ operationalState: undefined })] }) },
    ],
    invalid: [
      {
        name: 'stopped → error naming every listener',
        ws: workspace({
          gateways: [
            gatewayWith({
              operationalState: 'Stopped',
              httpListeners: [listener('listener1'), listener('listener2', { hostNames: ['www.contoso.com'] })],
              requestRoutingRules: [routingRule('rule1'), routingRule('rule2', { httpListener: { id: 'x/httpListeners/listener2', name: 'listener2' }, priority: 200 })],
            }),
          ],
        }),
        expect: [{ resource: 'gw1', severity: 'error', messageIncludes: 'operationalState Stopped' }],
      },
      { name: 'stopping → warning (wait)', ws: workspace({ gateways: [gatewayWith({ operationalState: 'Stopping' })] }), expect: [{ severity: 'warning', messageIncludes: 'Stopping' }] },
      { name: 'starting, any case → warning', ws: workspace({ gateways: [gatewayWith({ operationalState: 'starting' })] }), expect: [{ severity: 'warning' }] },
    ],
  },
  it,
);
