/**
 * Access-log 502s on a pool the configuration shows empty (GUIDE cause 5, GUIDE-2026 Resolution D): the gateway had
 * no server at all to send them to. The log proves the empty pool is hit, with counts, window and sample rows.
 */
import { defineRule } from './types';
import { q, rgOf } from './commands';
import { poolIsEmpty, poolMembersUnknown } from './backend-support';
import {
  ACCESS_LOG_DOCS, affectedOf, classStats, classifiedTotal, countEvidence, findPool, peakText, pct, sampleEvidence, samplesFor, trafficFor, windowOf,
} from './traffic-support';

export default defineRule({
  id: 'traffic-502-empty-pool',
  category: 'empty-pool',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: ACCESS_LOG_DOCS,
  text: {
    en: {
      title: 'Access log: 502s on a backend pool that has no members',
      message: '{count} requests ({share} of the classified 5xx) got 502 with no backend status on backend pool {pool} between {window} (5-minute peak {peak}), and the configuration shows {pool} with no members.',
      effect: 'The gateway has no server to send these requests to and answers 502 Bad Gateway itself. Listeners affected: {listeners}.',
      fix: 'Add the backend servers to {pool} (IP addresses, FQDNs, or the VMs\' NICs / scale set), or point the rules that use it at a pool with servers.',
    },
    ko: {
      title: '액세스 로그: 멤버가 없는 백엔드 풀에서 502 발생',
      message: '{window}에 백엔드 풀 {pool}에서 요청 {count}건(분류된 5xx의 {share})이 백엔드 상태 코드 없이 502를 받았고(5분 단위 최대 {peak}), 구성상 {pool}에는 멤버가 없습니다.',
      effect: '게이트웨이는 이 요청을 보낼 서버가 없어 직접 502 Bad Gateway를 반환합니다. 영향받는 리스너: {listeners}.',
      fix: '{pool}에 백엔드 서버(IP 주소, FQDN, 또는 VM의 NIC/확장 집합)를 추가하거나, 이 풀을 쓰는 규칙이 서버가 있는 풀을 가리키도록 바꾸세요.',
    },
  },
  check(ctx) {
    const s = classStats(ctx, 'no-healthy-backend');
    if (!s || poolMembersUnknown(ctx.gateway)) return;
    const total = classifiedTotal(trafficFor(ctx));
    for (const g of s.dimensions.pool) {
      const pool = findPool(ctx.gateway, g.key);
      if (!pool || !poolIsEmpty(pool)) continue;
      const count = s.dimensions.pool.length === 1 ? s.count : g.count;
      const rg = q(rgOf(ctx.gateway));
      ctx.report({
        resource: { type: 'backendAddressPools', name: pool.name, id: pool.id },
        source: pool.source,
        params: { count, share: pct(count, total), pool: pool.name, window: windowOf(s.dimensions.pool.length === 1 ? s : g), peak: s.dimensions.pool.length === 1 ? peakText(s) : '-', listeners: affectedOf(ctx, s, pool).join(', ') || '-' },
        evidence: [
          ...countEvidence('no-healthy-backend', { ...s, count }, total),
          { path: `backendAddressPools[${pool.name}].backendAddresses`, value: '[]', source: pool.source },
          { path: `backendAddressPools[${pool.name}].backendIPConfigurations`, value: '[]', source: pool.source },
          ...sampleEvidence(samplesFor(s, (x) => x.pool, g.key)),
        ],
        affected: affectedOf(ctx, s, pool),
        commands: {
          powershell: [
            `$gw = Get-AzApplicationGateway -Name ${q(ctx.gateway.name)} -ResourceGroupName ${rg}`,
            `$gw = Set-AzApplicationGatewayBackendAddressPool -ApplicationGateway $gw -Name ${q(pool.name)} -BackendIPAddresses <ip1>,<ip2>`,
            'Set-AzApplicationGateway -ApplicationGateway $gw',
          ],
          az: [`az network application-gateway address-pool update -g ${rg} --gateway-name ${q(ctx.gateway.name)} -n ${q(pool.name)} --servers <ip-or-fqdn-1> <ip-or-fqdn-2>`],
        },
      });
    }
  },
});
