import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/traffic-nsg-blocked-backend';
import { BE_SUBNET_ID, GW_SUBNET_ID, gatewayWith, nsg, pool, run, ruleTester, securityRule, subnet, vnet, workspace } from './helpers';
import { accessLog, withTraffic } from './traffic-helpers';

const twoMembers = () => gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.0.1.5' }])] });
function net(denyTo?: string) {
  const rules = denyTo ? [securityRule({ name: 'DenyOne', priority: 100, access: 'Deny', protocol: 'Tcp', sourcePrefixes: ['10.0.0.0/24'], destinationPrefixes: [denyTo], destinationPorts: ['80'] })] : [];
  const n = nsg('nsg-be', rules);
  return { virtualNetworks: [vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24'), subnet(BE_SUBNET_ID, '10.0.1.0/24', { networkSecurityGroup: { id: n.id, name: n.name } })] })], networkSecurityGroups: [n] };
}
const timeouts = (server: string) => accessLog(4, () => ({ status: 504, serverStatus: '-', latency: '20.01', server, errorInfo: 'ERRORINFO_UPSTREAM_TIMED_OUT' }));

describe('traffic-nsg-blocked-backend', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no traffic', ws: workspace({ gateways: [twoMembers()], ...net('10.0.1.5/32') }) },
      { name: 'failures on a backend the NSG allows', ws: withTraffic(workspace({ gateways: [twoMembers()], ...net('10.0.1.5/32') }), { 'log.json': timeouts('10.0.1.4:80') }) },
      { name: 'no NSG known', ws: withTraffic(workspace({ gateways: [twoMembers()] }), { 'log.json': timeouts('10.0.1.5:80') }) },
      { name: 'the backend answered 5xx itself (not gateway-made)', ws: withTraffic(workspace({ gateways: [twoMembers()], ...net('10.0.1.5/32') }), { 'log.json': accessLog(2, () => ({ status: 503, serverStatus: '503', server: '10.0.1.5:80' })) }) },
    ],
    invalid: [
      {
        name: 'time-outs only on the one member whose NSG blocks port 80',
        ws: withTraffic(workspace({ gateways: [twoMembers()], ...net('10.0.1.5/32') }), { 'log.json': accessLog(6, () => ({})) + timeouts('10.0.1.5:80') }),
        expect: [{ resource: 'nsg-be', severity: 'error', messageIncludes: '4 gateway-made 5xx between 2025-02-25 09:20:00–09:23:00 UTC went to backend 10.0.1.5:80 of pool pool1 (settings settings1), and NSG nsg-be rule DenyOne (priority 100, backend subnet backend-subnet) denies the gateway subnet to 10.0.1.5:80. Other members of pool1: 10.0.1.4: 0.' }],
      },
    ],
  }, it);

  it('samples are the rows sent to that backend', () => {
    const [f] = run(rule, withTraffic(workspace({ gateways: [twoMembers()], ...net('10.0.1.5/32') }), { 'log.json': timeouts('10.0.1.5:80') }));
    const samples = f.evidence.filter((e) => e.path.startsWith('accessLog['));
    expect(samples.length).toBeGreaterThan(1);
    for (const s of samples) expect(s.value).toContain('backend 10.0.1.5:80');
  });
});
