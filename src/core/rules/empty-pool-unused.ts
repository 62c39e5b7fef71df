/**
 * An empty pool that no rule routes to does no harm today, but it becomes a 502 as soon as a rule or a
 * path map points at it (GUIDE cause 5).
 */
import { defineRule } from './types';
import { q, rgOf } from './commands';
import { partLost, poolIsEmpty, poolMembersUnknown, usageOf } from './backend-support';

export default defineRule({
  id: 'empty-pool-unused',
  category: 'empty-pool',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-troubleshooting-502',
  text: {
    en: {
      title: 'Empty backend pool not used by any rule',
      message: 'Backend pool {pool} has no members and no routing rule or path map sends requests to it.',
      effect: 'No traffic is affected now. A rule or path map pointed at it later would answer 502 Bad Gateway for every request it routes there.',
      fix: 'Delete the pool if it is left over, or add its servers before routing to it.',
    },
    ko: {
      title: '어떤 규칙도 쓰지 않는 빈 백엔드 풀',
      message: '백엔드 풀 {pool}에 멤버가 없고, 이 풀로 요청을 보내는 라우팅 규칙이나 경로 맵도 없습니다.',
      effect: '지금은 영향받는 트래픽이 없습니다. 나중에 규칙이나 경로 맵이 이 풀을 가리키면 그리로 라우팅되는 모든 요청이 502 Bad Gateway를 받게 됩니다.',
      fix: '남은 풀이라면 삭제하고, 이 풀로 라우팅하기 전에 서버를 먼저 추가하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    if (poolMembersUnknown(gateway) || partLost(gateway, 'requestRoutingRules') || partLost(gateway, 'urlPathMaps')) return;
    const usage = usageOf(ctx);
    // A pool referenced by a redirecting route or a dangling rule is still "mentioned"; only report pools nothing names.
    const named = new Set<string>();
    for (const r of gateway.requestRoutingRules) if (r.backendAddressPool) named.add(r.backendAddressPool.name.toLowerCase());
    for (const m of gateway.urlPathMaps) {
      if (m.defaultBackendAddressPool) named.add(m.defaultBackendAddressPool.name.toLowerCase());
      for (const pr of m.pathRules) if (pr.backendAddressPool) named.add(pr.backendAddressPool.name.toLowerCase());
    }
    for (const pool of gateway.backendAddressPools) {
      if (!poolIsEmpty(pool) || usage.pathsByPool.has(pool) || named.has(pool.name.toLowerCase())) continue;
      report({
        resource: { type: 'backendAddressPools', name: pool.name, id: pool.id },
        source: pool.source,
        params: { pool: pool.name },
        evidence: [{ path: `backendAddressPools[${pool.name}].backendAddresses`, value: '[]', source: pool.source }],
        commands: {
          powershell: [
            `$gw = Get-AzApplicationGateway -Name ${q(gateway.name)} -ResourceGroupName ${q(rgOf(gateway))}`,
            `$gw = Remove-AzApplicationGatewayBackendAddressPool -ApplicationGateway $gw -Name ${q(pool.name)}`,
            `Set-AzApplicationGateway -ApplicationGateway $gw`,
          ],
          az: [`az network application-gateway address-pool delete -g ${q(rgOf(gateway))} --gateway-name ${q(gateway.name)} -n ${q(pool.name)}`],
        },
      });
    }
  },
});
