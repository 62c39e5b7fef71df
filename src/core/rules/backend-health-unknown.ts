/**
 * Unknown health (HEALTH, HEALTH-CONCEPT; azure-facts.md §4, §6, §8 step 2): the status could not be
 * retrieved — right after a deployment (wait 2–3 minutes), or an NSG/UDR/firewall on the gateway subnet
 * blocks the management ports (65503-65534 v1, 65200-65535 v2), or a pool FQDN does not resolve. One finding
 * per gateway listing the pools.
 */
import { defineRule } from './types';
import { ps, az, q } from './commands';
import { affectedBy, gatewayResource, healthEvidence, healthView, listText, listenersText, managementPorts, settingsNameOf } from './backend-support';
import type { BackendServerHealth } from '../model/types';

export default defineRule({
  id: 'backend-health-unknown',
  category: 'unhealthy-backend',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting',
  text: {
    en: {
      title: 'Backend health is Unknown',
      message: 'Backend health is Unknown for {count} of {total} server(s), in pool(s) {pools}.',
      effect: 'Unknown means the gateway could not report the status; it does not say whether requests work. If the cause also stops probes or name resolution, {listenersEn} get 502 Bad Gateway.',
      fix: 'If the gateway was created or changed in the last few minutes, wait 2–3 minutes and read backend health again. Otherwise check the gateway subnet: its NSG must allow inbound TCP {ports} from the GatewayManager service tag and inbound from AzureLoadBalancer, and must not deny outbound Internet; a route 0.0.0.0/0 to a virtual appliance or a BGP-learned default route on the gateway subnet causes this on v2. {fqdnEn}',
    },
    ko: {
      title: '백엔드 상태가 Unknown',
      message: '풀 {pools}에서 서버 {total}개 중 {count}개의 백엔드 상태가 Unknown입니다.',
      effect: 'Unknown은 게이트웨이가 상태를 보고하지 못했다는 뜻이며, 요청이 처리되는지 여부를 말해 주지 않습니다. 같은 원인이 프로브나 이름 확인까지 막는다면 {listenersKo}이(가) 502 Bad Gateway를 받습니다.',
      fix: '게이트웨이를 몇 분 안에 만들거나 변경했다면 2–3분 기다린 뒤 백엔드 상태를 다시 확인하세요. 그렇지 않다면 게이트웨이 서브넷을 점검하세요: NSG가 GatewayManager 서비스 태그로부터 TCP {ports} 인바운드와 AzureLoadBalancer 인바운드를 허용해야 하고, 아웃바운드 Internet을 거부하면 안 됩니다. v2에서는 게이트웨이 서브넷의 0.0.0.0/0 → 가상 어플라이언스 경로나 BGP로 학습한 기본 경로가 이 상태를 일으킵니다. {fqdnKo}',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const view = healthView(ctx);
    if (!view) return;
    let total = 0;
    const unknown: { pool: string; settings: string; server: BackendServerHealth }[] = [];
    const poolNames = new Set<string>();
    const poolObjs = new Set<unknown>();
    for (const g of view.pools) {
      for (const s of g.settings) {
        for (const server of s.servers) {
          total++;
          if (server.health !== 'Unknown') continue;
          unknown.push({ pool: g.name, settings: settingsNameOf(s), server });
          poolNames.add(g.name);
          if (g.pool) poolObjs.add(g.pool);
        }
      }
    }
    if (!unknown.length) return;
    const fqdns = [...new Set(unknown.map((u) => u.server.address).filter((a) => /[a-z]/i.test(a) && !a.includes(':')))];
    const affected = affectedBy(gateway, (p) => !!p.pool && poolObjs.has(p.pool));
    const lt = listenersText(affected);
    const subnet = gateway.gatewayIpConfigurations[0]?.subnet;
    const ports = managementPorts(gateway);
    report({
      resource: gatewayResource(gateway),
      source: gateway.source,
      params: {
        count: unknown.length,
        total,
        pools: listText([...poolNames], 10).en,
        ports,
        fqdnEn: fqdns.length ? `For the FQDN members (${listText(fqdns, 5).en}), also check that the DNS servers of the gateway's VNet resolve them.` : '',
        fqdnKo: fqdns.length ? `FQDN 멤버(${listText(fqdns, 5).ko})는 게이트웨이 VNet의 DNS 서버가 이름을 확인하는지도 점검하세요.` : '',
        listenersEn: lt.en,
        listenersKo: lt.ko,
      },
      evidence: unknown.slice(0, 20).map((u) => healthEvidence(u.pool, u.settings, [u.server])[0]),
      affected,
      commands: {
        powershell: [
          ...(subnet ? [`Get-AzVirtualNetworkSubnetConfig -ResourceId ${q(subnet.id)} | Select-Object Name, AddressPrefix, @{n='Nsg';e={$_.NetworkSecurityGroup.Id}}, @{n='RouteTable';e={$_.RouteTable.Id}}`] : []),
          ps.backendHealth(gateway),
        ],
        az: [
          ...(subnet ? [`az network vnet subnet show --ids ${q(subnet.id)} --query "{prefix:addressPrefix, nsg:networkSecurityGroup.id, routeTable:routeTable.id}"`] : []),
          az.backendHealth(gateway),
        ],
      },
    });
  },
});
