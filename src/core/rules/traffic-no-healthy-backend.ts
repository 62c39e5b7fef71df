/**
 * Access-log 502s the gateway made because it had no backend to send them to (logs-and-metrics.md §6: 502, no
 * serverStatus, serverResponseLatency 0 or empty, ERRORINFO_UPSTREAM_NO_LIVE; GUIDE causes 1, 2, 3, 6). Per pool,
 * linked to what the configuration says about it: backend health (which members are unhealthy, and why), an NSG that
 * blocks the gateway subnet from a member. Pools the configuration shows empty are traffic-502-empty-pool's.
 */
import { defineRule } from './types';
import { ps, az } from './commands';
import { healthView, poolIsEmpty, usageOf } from './backend-support';
import {
  ACCESS_LOG_DOCS, affectedOf, backendDenial, classStats, classifiedTotal, countEvidence, findPool, gatewayRes, peakText, pct, sampleEvidence, samplesFor, trafficFor, windowOf,
} from './traffic-support';
import { isIp } from '../net/cidr';
import type { Evidence, RuleContext } from './types';
import type { BackendAddressPool } from '../model/types';

export default defineRule({
  id: 'traffic-no-healthy-backend',
  category: 'unhealthy-backend',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: ACCESS_LOG_DOCS,
  text: {
    en: {
      title: 'Access log: 502s with no backend to send them to',
      message: '{count} requests ({share} of the classified 5xx) got 502 with no backend status and no backend latency on backend pool {pool} between {window} (5-minute peak {peak}); {noLive} of them carry ERRORINFO_UPSTREAM_NO_LIVE.',
      effect: 'The gateway found no healthy, reachable member in the pool and answered 502 itself. {linkEn} Listeners affected: {listeners}.',
      fix: 'Look at backend health for pool {pool} (commands below) and fix what makes its members unhealthy: the probe (path, host, expected status), an NSG/UDR between the gateway subnet and the backends, or the backends themselves being down at those times.',
    },
    ko: {
      title: '액세스 로그: 보낼 백엔드가 없어 발생한 502',
      message: '{window}에 백엔드 풀 {pool}에서 요청 {count}건(분류된 5xx의 {share})이 백엔드 상태 코드와 백엔드 지연 시간 없이 502를 받았습니다(5분 단위 최대 {peak}). 그중 {noLive}건에 ERRORINFO_UPSTREAM_NO_LIVE가 기록되어 있습니다.',
      effect: '게이트웨이가 풀에서 정상이고 연결 가능한 멤버를 찾지 못해 직접 502를 반환했습니다. {linkKo} 영향받는 리스너: {listeners}.',
      fix: '풀 {pool}의 백엔드 상태를 확인하고(아래 명령) 멤버가 비정상인 원인을 해결하세요: 프로브(경로, 호스트, 기대 상태 코드), 게이트웨이 서브넷과 백엔드 사이의 NSG/UDR, 또는 그 시간에 백엔드 자체가 중지된 경우입니다.',
    },
  },
  check(ctx) {
    const s = classStats(ctx, 'no-healthy-backend');
    if (!s) return;
    const t = trafficFor(ctx)!;
    const total = classifiedTotal(t);
    const groups = s.dimensions.pool.length ? s.dimensions.pool.slice(0, 5) : [{ key: '', count: s.count, error: 0, first: s.first, last: s.last }];
    const view = healthView(ctx);
    for (const g of groups) {
      const pool = findPool(ctx.gateway, g.key);
      if (pool && poolIsEmpty(pool)) continue; // traffic-502-empty-pool
      const single = groups.length === 1;
      const count = single ? s.count : g.count;
      const noLive = Math.min(count, s.errorInfo['ERRORINFO_UPSTREAM_NO_LIVE'] ?? 0);
      const link = linkOf(ctx, pool, view);
      ctx.report({
        resource: pool ? { type: 'backendAddressPools', name: pool.name, id: pool.id } : gatewayRes(ctx.gateway),
        source: pool?.source ?? ctx.gateway.source,
        params: {
          count,
          share: pct(count, total),
          pool: pool?.name ?? (g.key || '(not named in the log)'),
          window: windowOf(single ? s : g),
          peak: single ? peakText(s) : '-',
          noLive,
          linkEn: link.en,
          linkKo: link.ko,
          listeners: affectedOf(ctx, s, pool).join(', ') || '-',
        },
        evidence: [...countEvidence('no-healthy-backend', { ...s, count }, total), ...link.evidence, ...sampleEvidence(samplesFor(s, (x) => x.pool, g.key))],
        affected: affectedOf(ctx, s, pool),
        commands: { powershell: [ps.backendHealth(ctx.gateway)], az: [az.backendHealth(ctx.gateway)] },
      });
    }
  },
});

function linkOf(ctx: RuleContext, pool: BackendAddressPool | undefined, view: ReturnType<typeof healthView>): { en: string; ko: string; evidence: Evidence[] } {
  const en: string[] = [];
  const ko: string[] = [];
  const evidence: Evidence[] = [];
  if (!pool) {
    en.push('The log does not name the pool (v1 logs do not); backend health tells which pool has no healthy member.');
    ko.push('로그에 풀 이름이 없습니다(v1 로그에는 없음). 어느 풀에 정상 멤버가 없는지는 백엔드 상태에서 확인하세요.');
    return { en: en.join(' '), ko: ko.join(' '), evidence };
  }
  const members = pool.backendAddresses.length + pool.backendIpConfigurations.length;
  const group = view?.pools.find((p) => p.pool === pool || p.name.toLowerCase() === pool.name.toLowerCase());
  if (!view) {
    en.push(`Pool ${pool.name} has ${members} member(s) in the configuration; backend health was not given.`);
    ko.push(`구성상 풀 ${pool.name}에는 멤버가 ${members}개 있으며, 백엔드 상태는 입력에 없습니다.`);
  } else if (group) {
    const servers = group.settings.flatMap((x) => x.servers);
    const bad = servers.filter((x) => !/^(healthy|up)$/i.test(x.health));
    if (bad.length) {
      const list = bad.slice(0, 5).map((x) => `${x.address} ${x.health}${x.healthProbeLog ? ` ("${x.healthProbeLog.slice(0, 140)}")` : ''}`).join('; ');
      en.push(`Backend health shows ${bad.length} of ${servers.length} member(s) of ${pool.name} not healthy: ${list}.`);
      ko.push(`백엔드 상태에서 ${pool.name}의 멤버 ${servers.length}개 중 ${bad.length}개가 정상이 아닙니다: ${list}.`);
      for (const x of bad.slice(0, 5)) evidence.push({ path: `backendHealth[${pool.name}].servers[${x.address}].health`, value: `${x.health}${x.healthProbeLog ? `: ${x.healthProbeLog}` : ''}`, source: x.source });
    } else {
      en.push(`Backend health (taken at its own time) shows all ${servers.length} member(s) of ${pool.name} healthy: they were unhealthy or unreachable when the 502s happened — compare the times.`);
      ko.push(`백엔드 상태(조회 시점 기준)에서는 ${pool.name}의 멤버 ${servers.length}개가 모두 정상입니다. 502가 발생한 시점에는 비정상이거나 연결할 수 없었던 것이니 시간을 비교해 보세요.`);
    }
  }
  // An NSG that blocks the gateway subnet from a member explains it (GUIDE cause 1).
  const ports = new Set<number>();
  for (const p of usageOf(ctx).pathsByPool.get(pool) ?? []) if (p.settings?.port) ports.add(p.settings.port);
  for (const a of pool.backendAddresses.slice(0, 50)) {
    const ip = a.ipAddress && isIp(a.ipAddress) ? a.ipAddress : undefined;
    if (!ip) continue;
    for (const port of ports) {
      const d = backendDenial(ctx, ip, port);
      if (!d) continue;
      en.push(`NSG ${d.nsg} (${d.where}) rule ${d.rule} (priority ${d.priority}) denies the gateway subnet to ${ip}:${port}.`);
      ko.push(`NSG ${d.nsg}(${d.where})의 규칙 ${d.rule}(우선순위 ${d.priority})이(가) 게이트웨이 서브넷에서 ${ip}:${port}로 가는 트래픽을 거부합니다.`);
      evidence.push({ path: `networkSecurityGroups[${d.nsg}].securityRules[${d.rule}]`, value: `denies ${ip}:${port} from the gateway subnet` });
      break;
    }
  }
  return { en: en.join(' '), ko: ko.join(' '), evidence };
}
