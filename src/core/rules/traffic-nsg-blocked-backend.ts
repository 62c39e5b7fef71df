/**
 * Gateway-made 5xx concentrated on a backend that an NSG blocks from the gateway subnet (GUIDE cause 1, GUIDE-2026
 * Resolution A): the log names the backend (serverRouted), the configuration shows the Deny on its port. Names the
 * pool, settings, backend, NSG and rule, and how the pool's other members fared.
 */
import { defineRule } from './types';
import { usageOf } from './backend-support';
import {
  ACCESS_LOG_DOCS, backendDenial, countEvidence, affectedOf, poolsOfAddress, sampleEvidence, serverIp, serverPort, trafficFor, windowOf,
} from './traffic-support';
import type { AccessSample, DimensionEntry, TrafficClass } from '../traffic/types';
import { mergeStats } from '../traffic/stats';

const GATEWAY_MADE: TrafficClass[] = ['no-healthy-backend', 'backend-timeout', 'backend-closed', 'other'];

export default defineRule({
  id: 'traffic-nsg-blocked-backend',
  category: 'nsg',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: ACCESS_LOG_DOCS,
  text: {
    en: {
      title: 'Access log: failures on a backend an NSG blocks',
      message: '{count} gateway-made 5xx between {window} went to backend {server} of pool {pool} (settings {settings}), and NSG {nsg} rule {rule} (priority {priority}, {where}) denies the gateway subnet to {ip}:{port}. Other members of {pool}: {others}.',
      effect: 'The gateway cannot open connections to {server}: its requests time out or fail and the probe marks it unhealthy; while other members stay healthy, only the requests sent to {server} fail. Listeners affected: {listeners}.',
      fix: 'In NSG {nsg}, allow TCP {port} from the whole gateway subnet to {ip} with a rule whose priority number is lower than {rule}\'s (or narrow {rule}). Use the subnet prefix, not single gateway instance addresses.',
    },
    ko: {
      title: '액세스 로그: NSG가 차단하는 백엔드에서 발생한 장애',
      message: '{window}에 게이트웨이가 만든 5xx {count}건이 풀 {pool}(설정 {settings})의 백엔드 {server}로 간 요청이었고, NSG {nsg}의 규칙 {rule}(우선순위 {priority}, {where})이(가) 게이트웨이 서브넷에서 {ip}:{port}로 가는 트래픽을 거부합니다. {pool}의 다른 멤버: {others}.',
      effect: '게이트웨이가 {server}에 연결할 수 없어 요청이 시간 초과되거나 실패하고 프로브가 이 서버를 비정상으로 표시합니다. 다른 멤버가 정상인 동안에는 {server}로 보낸 요청만 실패합니다. 영향받는 리스너: {listeners}.',
      fix: 'NSG {nsg}에서 게이트웨이 서브넷 전체가 {ip}의 TCP {port}에 접근하도록, {rule}보다 우선순위 숫자가 작은 Allow 규칙을 추가하세요(또는 {rule}의 범위를 좁히세요). 개별 게이트웨이 인스턴스 주소가 아니라 서브넷 접두사를 사용하세요.',
    },
  },
  check(ctx) {
    const t = trafficFor(ctx);
    const a = t?.access;
    if (!a) return;
    const list = GATEWAY_MADE.map((c) => a.classes[c]).filter((s): s is NonNullable<typeof s> => !!s && s.count > 0);
    if (!list.length) return;
    const merged = mergeStats(list);
    const servers: DimensionEntry[] = merged.dimensions.server;
    const total = merged.count;
    const usage = usageOf(ctx);
    for (const e of servers.slice(0, 10)) {
      const ip = serverIp(e.key);
      const pools = poolsOfAddress(ctx.gateway, ip);
      const settingsList = [...new Set(pools.flatMap((p) => (usage.pathsByPool.get(p) ?? []).map((x) => x.settings).filter((s): s is NonNullable<typeof s> => !!s)))];
      const port = serverPort(e.key) ?? settingsList[0]?.port;
      if (!port) continue;
      const d = backendDenial(ctx, ip, port);
      if (!d) continue;
      const pool = pools[0];
      const others = pool
        ? pool.backendAddresses.map((x) => x.ipAddress ?? x.fqdn ?? '').filter((x) => x && x.toLowerCase() !== ip.toLowerCase()).map((x) => `${x}: ${servers.filter((s) => serverIp(s.key) === x).reduce((n, s) => n + s.count, 0)}`)
        : [];
      const samples: AccessSample[] = list.flatMap((s) => s.samples).filter((x) => x.server && serverIp(x.server) === ip);
      ctx.report({
        resource: { type: 'networkSecurityGroups', name: d.nsg, id: d.nsgId },
        severity: d.certain ? 'error' : 'warning',
        params: {
          count: e.count,
          window: windowOf(e),
          server: e.key,
          pool: pool?.name ?? '-',
          settings: settingsList.map((s) => s.name).join(', ') || '-',
          nsg: d.nsg,
          rule: d.rule,
          priority: d.priority,
          where: d.where,
          ip,
          port,
          others: others.join(', ') || '-',
          listeners: pool ? affectedOf(ctx, merged, pool).join(', ') || '-' : '-',
        },
        evidence: [
          ...countEvidence(`gateway-made on ${e.key}`, { count: e.count, first: e.first, last: e.last }, total),
          { path: `networkSecurityGroups[${d.nsg}].securityRules[${d.rule}]`, value: `priority ${d.priority}: denies TCP ${port} from the gateway subnet to ${ip} (${d.where})` },
          ...sampleEvidence(samples.length ? samples : merged.samples),
        ],
        affected: pool ? affectedOf(ctx, merged, pool) : [],
      });
    }
  },
});
