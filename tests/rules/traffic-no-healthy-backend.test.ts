import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/traffic-no-healthy-backend';
import { BE_SUBNET_ID, GW_SUBNET_ID, gatewayWith, health, nsg, pool, run, ruleTester, securityRule, subnet, vnet, workspace } from './helpers';
import { accessLog, withTraffic } from './traffic-helpers';

const nhb = (n: number, poolName = 'pool1') => accessLog(n, () => ({ status: 502, serverStatus: '-', latency: '', server: '', pool: poolName, errorInfo: 'ERRORINFO_UPSTREAM_NO_LIVE' }));
const ok = accessLog(5, () => ({}));

describe('traffic-no-healthy-backend', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no traffic input', ws: workspace() },
      { name: 'only successful requests', ws: withTraffic(workspace(), { 'log.json': ok }) },
      { name: '502s on a pool the configuration shows empty are traffic-502-empty-pool\'s', ws: withTraffic(workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [])] })] }), { 'log.json': nhb(3) }) },
      { name: 'the backend answered 503 itself', ws: withTraffic(workspace(), { 'log.json': accessLog(3, () => ({ status: 503, serverStatus: '503' })) }) },
    ],
    invalid: [
      { name: 'three 502s without backend status on pool1', ws: withTraffic(workspace(), { 'log.json': ok + nhb(3) }), expect: [{ resource: 'pool1', severity: 'error', messageIncludes: '3 requests (100% of the classified 5xx) got 502' }] },
      { name: 'two pools: one finding each', ws: withTraffic(workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), pool('pool2', [{ ipAddress: '10.0.1.9' }])] })] }), { 'log.json': nhb(3) + nhb(2, 'pool2') }), expect: [{ resource: 'pool1', messageIncludes: '3 requests' }, { resource: 'pool2', messageIncludes: '2 requests' }] },
      { name: 'a pool the configuration does not know: on that name', ws: withTraffic(workspace(), { 'log.json': nhb(2, 'pool-old') }), expect: [{ resource: 'gw1', messageIncludes: 'pool-old' }] },
    ],
  }, it);

  it('quotes the window, the peak, ERRORINFO_UPSTREAM_NO_LIVE and sample rows', () => {
    const [f] = run(rule, withTraffic(workspace(), { 'log.json': nhb(3) }));
    expect(f.text.en.message).toContain('between 2025-02-25 09:20:00–09:22:00 UTC');
    expect(f.text.en.message).toContain('5-minute peak 3 @ 2025-02-25 09:20:00–09:25:00 UTC');
    expect(f.text.en.message).toContain('3 of them carry ERRORINFO_UPSTREAM_NO_LIVE');
    const samples = f.evidence.filter((e) => e.path.startsWith('accessLog['));
    expect(samples).toHaveLength(3);
    expect(samples[0]).toMatchObject({ path: 'accessLog[log.json:1]', source: { document: 'log.json', pointer: '/line/1' } });
    expect(samples[0].value).toContain('502');
    expect(f.affected).toEqual(['listener1']);
    expect(f.commands.az?.[0]).toContain('show-backend-health');
  });

  it('links to backend health: the unhealthy members and their probe messages', () => {
    const ws = withTraffic(workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: 'Time taken by the backend to respond to application gateway\'s health probe is more than the timeout threshold in the probe setting.' }])] }), { 'log.json': nhb(2) });
    const [f] = run(rule, ws);
    expect(f.text.en.effect).toContain('Backend health shows 1 of 1 member(s) of pool1 not healthy: 10.0.1.4 Unhealthy');
    expect(f.text.ko.effect).toContain('10.0.1.4 Unhealthy');
    expect(f.evidence.some((e) => e.path === 'backendHealth[pool1].servers[10.0.1.4].health')).toBe(true);
  });

  it('links to an NSG that blocks the gateway subnet from a member', () => {
    const deny = nsg('nsg-be', [securityRule({ name: 'DenyAppGw', priority: 100, access: 'Deny', protocol: 'Tcp', sourcePrefixes: ['10.0.0.0/24'], destinationPorts: ['80'] })]);
    const v = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24'), subnet(BE_SUBNET_ID, '10.0.1.0/24', { networkSecurityGroup: { id: deny.id, name: deny.name } })] });
    const [f] = run(rule, withTraffic(workspace({ virtualNetworks: [v], networkSecurityGroups: [deny] }), { 'log.json': nhb(2) }));
    expect(f.text.en.effect).toContain('NSG nsg-be (backend subnet backend-subnet) rule DenyAppGw (priority 100) denies the gateway subnet to 10.0.1.4:80');
  });
});
