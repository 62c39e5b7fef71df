/**
 * Backend health says servers are Unhealthy because they answered a status code outside the probe's match
 * ("Expected:… Received:…", HEALTH): the match codes (default 200–399, PROBE) and what the servers answer
 * disagree. Redirects and 401/403 may be accepted in the match; 404, 405 and 5xx mean a wrong path or host.
 * (Without backend health, probe-match-excludes-redirects covers the HTTP → HTTPS redirect case.)
 */
import type { BackendServerHealth, Gateway, Probe } from '../model/types';
import { defineRule } from './types';
import {
  affectedBy, codeAccepted, healthView, listText, listenersText, parseStatusCodes, probeUpdateCommands, serversForSettings, usageOf,
} from './backend-support';
import { matchProbeLog, statusCodeAdvice } from './probe-log-messages';

export default defineRule({
  id: 'probe-match-excludes-status',
  category: 'custom-probe',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting',
  text: {
    en: {
      title: 'Servers answer the probe with a status code it does not accept',
      message: 'Probe {probe} accepts status codes {codes}, but backend health shows servers answering other codes ({received}): {servers}.',
      effect: 'These servers are Unhealthy and get no requests; when no server of a pool is left Healthy, {listenersEn} get 502 Bad Gateway.',
      fix: 'Per code: {adviceEn}',
    },
    ko: {
      title: '서버가 프로브에 허용되지 않는 상태 코드로 응답함',
      message: '프로브 {probe}은(는) 상태 코드 {codes}을(를) 허용하지만, 백엔드 상태에서 서버가 다른 코드로 응답하고 있습니다({received}): {servers}.',
      effect: '이 서버들은 Unhealthy가 되어 요청을 받지 않으며, 풀에 Healthy 서버가 하나도 남지 않으면 {listenersKo}이(가) 502 Bad Gateway를 받습니다.',
      fix: '코드별 조치: {adviceKo}',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const view = healthView(ctx);
    if (!view) return;
    const usage = usageOf(ctx);
    for (const [probe, users] of usage.settingsByProbe) {
      const codes = probe.match?.statusCodes?.length ? probe.match.statusCodes : ['200-399'];
      const ranges = parseStatusCodes(probe.match?.statusCodes);
      if (!ranges.length) continue;
      const received = new Map<number, BackendServerHealth[]>();
      for (const s of users) {
        for (const server of serversForSettings(view, s)) {
          if (server.health === 'Healthy') continue;
          const m = matchProbeLog(server.healthProbeLog, server.healthProbeErrorName);
          if (m?.message?.kind !== 'status-mismatch' || m.received === undefined) continue;
          // Accepted today: the health was taken before the probe changed.
          if (codeAccepted(ranges, m.received)) continue;
          const list = received.get(m.received) ?? [];
          list.push(server);
          received.set(m.received, list);
        }
      }
      if (!received.size) continue;
      const entries = [...received.entries()].sort((a, b) => b[1].length - a[1].length);
      const servers = entries.flatMap(([, list]) => list);
      const affected = affectedBy(gateway, (p) => !!p.settings && users.includes(p.settings));
      const lt = listenersText(affected);
      const advice = entries.map(([code]) => statusCodeAdvice(code));
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: {
          probe: probe.name,
          codes: codes.join(', '),
          received: entries.map(([code, list]) => `${code} ×${list.length}`).join(', '),
          servers: listText(servers.map((s) => s.address), 10).en,
          adviceEn: advice.map((a) => a.en).join(' '),
          adviceKo: advice.map((a) => a.ko).join(' '),
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [
          { path: `probes[${probe.name}].match.statusCodes`, value: codes.join(', '), source: probe.source },
          ...servers.slice(0, 10).map((s) => ({ path: `backendHealth.servers[${s.address}].healthProbeLog`, value: s.healthProbeLog ?? s.healthProbeErrorName ?? s.health, source: s.source })),
        ],
        affected,
        commands: fixCommands(gateway, probe, codes, entries.map(([code]) => code)),
      });
    }
  },
});

/**
 * Redirects and 401/403 can mean "alive" and may be accepted in the match (HEALTH: "allow 401 in the probe
 * match"); 404, 405 and 5xx mean the path or the host is wrong: change those, never accept them.
 */
function fixCommands(gateway: Gateway, probe: Probe, codes: string[], received: number[]) {
  const acceptable = received.filter((c) => (c >= 300 && c < 400) || c === 401 || c === 403);
  if (acceptable.length === received.length) {
    const next = [...codes, ...acceptable.map((c) => (c >= 300 && c < 400 ? '300-399' : String(c)))].filter((c, i, a) => a.indexOf(c) === i);
    return probeUpdateCommands(gateway, probe, [`Match = ${psMatch(next, probe.match?.body)}`], `--match-status-codes ${next.join(' ')}`);
  }
  return probeUpdateCommands(gateway, probe, [`Path = '<path-that-answers-200>'`, `Host = '<site-host-name>'`], '--path <path-that-answers-200> --host <site-host-name>');
}

/** The whole match object is replaced in PowerShell, so the body match is carried over. */
export function psMatch(codes: string[], body: string | undefined): string {
  const b = body ? ` -Body '${body.replace(/'/g, "''")}'` : '';
  return `New-AzApplicationGatewayProbeHealthResponseMatch -StatusCode ${codes.map((c) => `'${c}'`).join(',')}${b}`;
}
