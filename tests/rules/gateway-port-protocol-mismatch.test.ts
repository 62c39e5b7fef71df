import { expect, it } from 'vitest';
import rule from '../../src/core/rules/gateway-port-protocol-mismatch';
import { gatewayWith, listener, ref, run, ruleTester, workspace } from './helpers';

const src = { document: 'test.json', pointer: '' };
const ports = [
  { id: 'x/frontendPorts/port80', name: 'port80', source: src, port: 80 },
  { id: 'x/frontendPorts/port443', name: 'port443', source: src, port: 443 },
];

ruleTester(
  rule,
  {
    valid: [
      { name: 'Http on 80', ws: workspace() },
      { name: 'Https on 443', ws: workspace({ gateways: [gatewayWith({ frontendPorts: ports, httpListeners: [listener('listener1', { protocol: 'Https', frontendPort: ref('frontendPorts', 'port443') })] })] }) },
      { name: 'Http on 8080', ws: workspace({ gateways: [gatewayWith({ frontendPorts: [{ id: 'x/frontendPorts/p', name: 'p', source: src, port: 8080 }], httpListeners: [listener('listener1', { frontendPort: ref('frontendPorts', 'p') })] })] }) },
      { name: 'port unknown (dangling)', ws: workspace({ gateways: [gatewayWith({ httpListeners: [listener('listener1', { protocol: 'Http', frontendPort: ref('frontendPorts', 'nope') })] })] }) },
    ],
    invalid: [
      {
        name: 'Http on 443 → error',
        ws: workspace({ gateways: [gatewayWith({ frontendPorts: ports, httpListeners: [listener('listener1', { protocol: 'Http', frontendPort: ref('frontendPorts', 'port443') })] })] }),
        expect: [{ resource: 'listener1', severity: 'error', messageIncludes: 'protocol Http on frontend port 443 (port443)' }],
      },
      {
        name: 'Https on 80 → warning',
        ws: workspace({ gateways: [gatewayWith({ httpListeners: [listener('listener1', { protocol: 'Https' })] })] }),
        expect: [{ resource: 'listener1', severity: 'warning', messageIncludes: 'Https on frontend port 80' }],
      },
    ],
  },
  it,
);

it('gateway-port-protocol-mismatch: moves the listener to the existing port 80', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ frontendPorts: ports, httpListeners: [listener('listener1', { protocol: 'Http', frontendPort: ref('frontendPorts', 'port443') })] })] }));
  expect(f.commands.az).toEqual(['az network application-gateway http-listener update -g rg1 --gateway-name gw1 -n listener1 --frontend-port port80']);
});
