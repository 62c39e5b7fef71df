import { describe, it, expect } from 'vitest';
import check from '../../src/core/rules/backend-probe-log';
import { gatewayWith, health, pool, run, ruleTester, workspace } from './helpers';

const STATUS_404 = 'Status code of the backend\'s HTTP response did not match the probe setting. Expected:200-399 Received:404.';
const CONNECT = 'Application Gateway could not connect to the backend. Check that the backend responds on the port used for the probe. Also check whether any NSG/UDR/Firewall is blocking access to the Ip and port of this backend.';
const three = gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.0.1.5' }, { ipAddress: '10.0.1.6' }])] });

describe('backend-probe-log', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'healthy with a success log', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy', log: 'Success. Received 200 status code' }])] }) },
        { name: 'unhealthy without any log', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }])] }) },
        { name: 'no health', ws: workspace() },
      ],
      invalid: [
        {
          name: '404 on every server: one grouped error',
          ws: workspace({ gateways: [three], backendHealth: [health(['10.0.1.4', '10.0.1.5', '10.0.1.6'].map((address) => ({ address, health: 'Unhealthy', log: STATUS_404 })))] }),
          expect: [{ resource: 'pool1', severity: 'error', count: 1, messageIncludes: '3 server(s) of pool pool1 (settings settings1) are Unhealthy' }],
        },
        {
          name: 'two different messages on some servers: two warnings',
          ws: workspace({ gateways: [three], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: STATUS_404 }, { address: '10.0.1.5', health: 'Unhealthy', log: CONNECT }, { address: '10.0.1.6', health: 'Healthy' }])] }),
          expect: [
            { severity: 'warning', messageIncludes: '404' },
            { severity: 'warning', messageIncludes: 'could not connect to the backend' },
          ],
        },
        {
          name: 'unrecognised message is shown verbatim as info',
          ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: 'Something new happened.' }])] }),
          expect: [{ severity: 'info', messageIncludes: '"Something new happened."' }],
        },
        {
          name: 'unknown health with the control-plane message',
          ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Unknown', log: 'The backend health status could not be retrieved. This happens when an NSG/UDR/Firewall on the application gateway subnet is blocking traffic on ports 65503-65534 in case of v1 SKU, and ports 65200-65535 in case of the v2 SKU or if the FQDN configured in the backend pool could not be resolved to an IP address.' }])] }),
          expect: [{ severity: 'warning', messageIncludes: 'are Unknown' }],
        },
      ],
    },
    it,
  );

  it('uses the error code when there is no text, and gives Korean cause and fix', () => {
    const h = health([{ address: '10.0.1.4', health: 'Unhealthy' }]);
    h.pools[0].settings[0].servers[0].healthProbeErrorName = 'HostNameNotResolved';
    const f = run(check, workspace({ backendHealth: [h] }))[0];
    expect(f.text.en.message).toContain('"HostNameNotResolved"');
    expect(f.text.en.effect).toContain('could not resolve');
    expect(f.text.ko.effect).toContain('FQDN을 확인(resolve)하지 못해');
    expect(f.text.ko.fix).toContain('nslookup');
  });

  it('explains a status code in the effect and the fix', () => {
    const f = run(check, workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: STATUS_404 }])] }))[0];
    expect(f.text.en.effect).toContain('The server answered 404 while the probe accepts 200-399');
    expect(f.text.en.fix).toContain('404 Not Found');
    expect(f.text.ko.fix).toContain('프로브 경로가 없거나');
  });
});
