/**
 * Backend health lists a routed pool with `servers: []` — or no pools at all — (GUIDE-2026 step 2,
 * Resolution D: an empty pool): the gateway has no server for those requests and answers 502.
 * When the configuration itself shows the pool empty, empty-pool-routed says it already.
 */
import { defineRule } from './types';
import { q, rgOf } from './commands';
import { affectedBy, healthView, listenersText, poolIsEmpty, poolMembersUnknown, usageOf } from './backend-support';
import type { BackendAddressPool } from '../model/types';

export default defineRule({
  id: 'backend-health-empty',
  category: 'unhealthy-backend',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'Backend health shows no servers for a routed pool',
      message: 'Backend health lists no servers for pool {pool} ({shape}), while the configuration lists {members} member(s) for it.',
      effect: 'The gateway has no server to send these requests to: {listenersEn} get 502 Bad Gateway.',
      fix: 'Make sure the pool has servers the gateway knows: add them (IP addresses or FQDNs), or check that the VMs / scale set instances behind the pool exist and are running. If the configuration you gave was exported at a different time than the health output, export both again at the same time.',
    },
    ko: {
      title: '라우팅되는 풀에 대해 백엔드 상태에 서버가 없음',
      message: '백엔드 상태에 풀 {pool}의 서버가 없지만({shape}), 구성에는 이 풀의 멤버가 {members}개 있습니다.',
      effect: '게이트웨이는 이 요청을 보낼 서버가 없으므로 {listenersKo}이(가) 502 Bad Gateway를 받습니다.',
      fix: '게이트웨이가 아는 서버가 풀에 있는지 확인하세요. 서버(IP 주소나 FQDN)를 추가하거나, 풀 뒤의 VM/확장 집합 인스턴스가 존재하고 실행 중인지 확인하세요. 입력한 구성과 상태 출력을 서로 다른 시점에 내보냈다면 둘 다 같은 시점에 다시 내보내세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const view = healthView(ctx);
    if (!view) return;
    const usage = usageOf(ctx);
    const membersUnknown = poolMembersUnknown(gateway);
    // Pools the configuration already shows empty are reported by empty-pool-routed.
    const candidate = (pool: BackendAddressPool) => usage.pathsByPool.has(pool) && (membersUnknown || !poolIsEmpty(pool));
    // "?" when the input could not show the pool's members.
    const members = (pool: BackendAddressPool) => (membersUnknown ? '?' : String(pool.backendAddresses.length + pool.backendIpConfigurations.length));
    const rg = q(rgOf(gateway));
    const gw = q(gateway.name);
    const emit = (pool: BackendAddressPool, shape: string) => {
      const affected = affectedBy(gateway, (p) => p.pool === pool);
      const lt = listenersText(affected);
      report({
        resource: { type: 'backendAddressPools', name: pool.name, id: pool.id },
        source: pool.source,
        params: { pool: pool.name, shape, members: members(pool), listenersEn: lt.en, listenersKo: lt.ko },
        evidence: [
          { path: `backendHealth.backendAddressPools[${pool.name}].servers`, value: shape, source: view.documents[0].source },
          { path: `backendAddressPools[${pool.name}].backendAddresses`, value: `${members(pool)} member(s)`, source: pool.source },
        ],
        affected,
        commands: {
          powershell: [
            `$gw = Get-AzApplicationGateway -Name ${gw} -ResourceGroupName ${rg}`,
            `(Get-AzApplicationGatewayBackendAddressPool -ApplicationGateway $gw -Name ${q(pool.name)}) | ConvertTo-Json -Depth 10`,
            `$gw = Set-AzApplicationGatewayBackendAddressPool -ApplicationGateway $gw -Name ${q(pool.name)} -BackendIPAddresses <ip1>,<ip2>   # or -BackendFqdns`,
            `Set-AzApplicationGateway -ApplicationGateway $gw`,
          ],
          az: [`az network application-gateway address-pool update -g ${rg} --gateway-name ${gw} -n ${q(pool.name)} --servers <ip-or-fqdn-1> <ip-or-fqdn-2>`],
        },
      });
    };

    const full = view.documents.filter((d) => !d.onDemand);
    if (full.length && full.every((d) => d.pools.length === 0)) {
      const pools = gateway.backendAddressPools.filter(candidate);
      for (const pool of pools) {
        emit(pool, 'backendAddressPools: []');
      }
      return;
    }
    for (const g of view.pools) {
      if (!g.pool || !candidate(g.pool)) continue;
      const servers = g.settings.reduce((n, s) => n + s.servers.length, 0);
      if (servers > 0) continue;
      emit(g.pool, 'servers: []');
    }
  },
});
