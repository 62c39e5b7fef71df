/**
 * The gateway subnet holds application gateways and nothing else (azure-facts.md §4 Subnet, INFRA), so a
 * backend address inside it is an instance of the gateway itself (or a frontend IP), never a real server.
 * Needs the gateway subnet's prefix from the workspace; without it the rule stays silent (the network rules
 * already ask for the VNet).
 */
import { memberSource } from '../model/members';
import { parseCidr } from '../net/cidr';
import { affectedListeners } from '../model/topology';
import { az, ps, q } from './commands';
import { defineRule } from './types';

export default defineRule({
  id: 'gateway-backend-in-gateway-subnet',
  category: 'gateway',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'Backend address inside the gateway\'s own subnet',
      message: 'Pool {pool} has member(s) {addresses} inside the gateway subnet {subnet} ({prefixes}).',
      effect:
        'The gateway subnet may contain only application gateways, so these addresses are the gateway\'s own instances or frontend IPs, not backend servers: requests sent to them loop back or fail, and probes mark them unhealthy (502). Listeners affected: {listeners}.',
      fix: 'Replace these members with the real backend servers\' addresses (in their own subnet), and move any VM or other resource out of the gateway subnet.',
    },
    ko: {
      title: '백엔드 주소가 게이트웨이 자체 서브넷 안에 있습니다',
      message: '풀 {pool}의 멤버 {addresses}이(가) 게이트웨이 서브넷 {subnet}({prefixes}) 안에 있습니다.',
      effect:
        '게이트웨이 서브넷에는 Application Gateway만 둘 수 있으므로 이 주소는 백엔드 서버가 아니라 게이트웨이 자신의 인스턴스나 프런트엔드 IP입니다. 이 주소로 보낸 요청은 되돌아오거나 실패하고, 프로브가 비정상으로 표시합니다(502). 영향받는 리스너: {listeners}.',
      fix: '이 멤버를 별도 서브넷에 있는 실제 백엔드 서버의 주소로 바꾸고, 게이트웨이 서브넷에 있는 VM이나 다른 리소스는 다른 서브넷으로 옮기세요.',
    },
  },
  check({ gateway, net, report }) {
    const subnets = gateway.gatewayIpConfigurations.map((c) => net.subnet(c.subnet)).filter((s) => s !== undefined);
    const prefixes = subnets.flatMap((s) => s.addressPrefixes);
    if (!prefixes.length) return;
    const subnetName = subnets.map((s) => s.name).join(', ');
    const ranges = prefixes.map((p) => parseCidr(p)).filter((c) => c !== undefined);
    const v4Ranges = ranges.filter((r) => r.family === 4).map((r) => [Number(r.first), Number(r.last)] as const);
    // Pools can hold 1,200 members each: dotted quads take a fast path, everything else goes through parseCidr.
    const inside = (ip?: string) => {
      if (!ip) return false;
      const t = ip.trim();
      const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t);
      if (m) {
        const o = [m[1], m[2], m[3], m[4]].map(Number);
        if (o.some((x) => x > 255)) return false;
        const v = ((o[0] * 256 + o[1]) * 256 + o[2]) * 256 + o[3];
        return v4Ranges.some(([a, b]) => a <= v && v <= b);
      }
      if (t.includes('/')) return false;
      const a = parseCidr(t);
      return !!a && ranges.some((r) => r.family === a.family && r.first <= a.first && a.last <= r.last);
    };
    for (const pool of gateway.backendAddressPools) {
      const hits: { value: string; path: string; source: typeof pool.source }[] = [];
      pool.backendAddresses.forEach((a, i) => {
        if (inside(a.ipAddress)) hits.push({ value: a.ipAddress!, path: `backendAddressPools[${pool.name}].backendAddresses[${i}].ipAddress`, source: memberSource(pool, a) });
      });
      for (const ipc of pool.backendIpConfigurations) {
        const nic = net.nicOfIpConfiguration(ipc);
        const conf = nic?.ipConfigurations.find((c) => c.id.toLowerCase() === ipc.id.toLowerCase());
        if (conf && inside(conf.privateIpAddress)) hits.push({ value: conf.privateIpAddress!, path: `backendAddressPools[${pool.name}].backendIPConfigurations[${ipc.name}]`, source: conf.source });
      }
      if (!hits.length) continue;
      const affected = affectedListeners(gateway, (p) => p.pool === pool);
      const shown = hits.slice(0, 10).map((h) => h.value).join(', ') + (hits.length > 10 ? ` (+${hits.length - 10})` : '');
      report({
        resource: { type: 'backendAddressPools', name: pool.name, id: pool.id },
        source: pool.source,
        params: { pool: pool.name, addresses: shown, subnet: subnetName, prefixes: prefixes.join(', '), listeners: affected.length ? affected.join('; ') : '—' },
        evidence: [
          ...hits.map((h) => ({ path: h.path, value: h.value, source: h.source })),
          ...subnets.map((s) => ({ path: `subnet ${s.name}.addressPrefixes`, value: s.addressPrefixes.join(', '), source: s.source })),
        ],
        affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `Set-AzApplicationGatewayBackendAddressPool -ApplicationGateway $gw -Name ${q(pool.name)} -BackendIPAddresses <backend-ip-1>, <backend-ip-2>`,
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'address-pool update', `-n ${q(pool.name)} --servers <backend-ip-1> <backend-ip-2>`)],
        },
      });
    }
  },
});
