import { describe, it, expect } from 'vitest';
import check from '../../src/core/rules/backend-health-unknown';
import { gatewayWith, health, pool, run, ruleTester, workspace } from './helpers';

describe('backend-health-unknown', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'healthy', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }])] }) },
        { name: 'unhealthy is not unknown', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }])] }) },
      ],
      invalid: [
        { name: 'all unknown', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Unknown' }])] }), expect: [{ resource: 'gw1', severity: 'warning', messageIncludes: 'Unknown for 1 of 1 server(s), in pool(s) pool1' }] },
        {
          name: 'two pools give one finding',
          ws: workspace({
            gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), pool('pool2', [{ fqdn: 'app.contoso.com' }])] })],
            backendHealth: [health([{ address: '10.0.1.4', health: 'Unknown' }, { pool: 'pool2', address: 'app.contoso.com', health: 'Unknown' }, { pool: 'pool2', address: '10.0.2.9', health: 'Healthy' }])],
          }),
          expect: [{ resource: 'gw1', count: 1, messageIncludes: 'Unknown for 2 of 3 server(s), in pool(s) pool1, pool2' }],
        },
      ],
    },
    it,
  );

  it('names the management ports of the SKU and the FQDNs to resolve', () => {
    const ws = workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'app.contoso.com' }])] })], backendHealth: [health([{ address: 'app.contoso.com', health: 'Unknown' }])] });
    const f = run(check, ws)[0];
    expect(f.text.en.fix).toContain('65200-65535');
    expect(f.text.en.fix).toContain('app.contoso.com');
    const v1 = run(check, workspace({ gateways: [gatewayWith({ generation: 'v1' })], backendHealth: [health([{ address: '10.0.1.4', health: 'Unknown' }])] }))[0];
    expect(v1.text.en.fix).toContain('65503-65534');
  });
});
