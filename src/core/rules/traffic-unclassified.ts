/**
 * What the fingerprint could not explain (logs-and-metrics.md §5–6): gateway-made 5xx that fit no class (a 500/503
 * from the gateway, 502/504 well below the request time-out), error_info codes Microsoft does not document (shown
 * verbatim), and rows that could not be read. Never fatal; said once per gateway.
 * A latency pinned at one value below the time-out points to the application's own time-out (T504).
 */
import { defineRule } from './types';
import { ACCESS_LOG_DOCS, classStats, classifiedTotal, gatewayRes, pct, sampleEvidence, trafficFor, windowOf } from './traffic-support';
import type { Evidence } from './types';

export default defineRule({
  id: 'traffic-unclassified',
  category: 'gateway',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: ACCESS_LOG_DOCS,
  text: {
    en: {
      title: 'Access log: 5xx rows the fingerprint does not explain',
      message: '{count} gateway 5xx rows ({share} of the classified 5xx) fit no known pattern between {window} (statuses {statuses}); unknown error_info codes: {codes}; unreadable rows: {odd}.',
      effect: '{patternEn}',
      fix: 'Look at the sample rows: their serverStatus, serverResponseLatency, timeTaken and error_info. Unknown error_info codes are shown as the log wrote them; search them on learn.microsoft.com. The gateway should not answer 500 itself: if it does, open a support case with the rows\' transactionId.',
    },
    ko: {
      title: '액세스 로그: 지문으로 설명되지 않는 5xx 행',
      message: '{window}에 게이트웨이 5xx 행 {count}건(분류된 5xx의 {share})이 알려진 패턴에 맞지 않습니다(상태 코드 {statuses}). 알 수 없는 error_info 코드: {codes}. 읽을 수 없는 행: {odd}.',
      effect: '{patternKo}',
      fix: '샘플 행의 serverStatus, serverResponseLatency, timeTaken, error_info를 확인하세요. 알 수 없는 error_info 코드는 로그에 기록된 그대로 표시하니 learn.microsoft.com에서 검색하세요. 게이트웨이는 직접 500을 반환하지 않아야 합니다. 그런 행이 있다면 transactionId와 함께 지원 요청을 여세요.',
    },
  },
  check(ctx) {
    const t = trafficFor(ctx);
    if (!t?.access) return;
    const s = classStats(ctx, 'other');
    const unknown = t.access.unknownErrorInfo;
    const oddDocs = ctx.workspace.traffic?.documents.filter((d) => t.documents.includes(d.name)) ?? [];
    const odd = oddDocs.reduce((n, d) => n + d.odd, 0);
    if (!s && !unknown.length && !odd) return;
    const total = classifiedTotal(t);
    const count = s?.count ?? 0;
    let patternEn = count ? 'These rows have no backend status and no error_info that names a cause.' : 'No 5xx row was left unexplained.';
    let patternKo = count ? '이 행들에는 백엔드 상태 코드도, 원인을 알려 주는 error_info도 없습니다.' : '설명되지 않은 5xx 행은 없습니다.';
    if (s && s.latency.count) {
      const [bin, n] = Object.entries(s.latency.bins).sort((a, b) => b[1] - a[1])[0] ?? ['0', 0];
      if (Number(bin) >= 1 && n >= 0.6 * s.latency.count) {
        patternEn += ` ${n} of them took about ${bin} s — a latency pinned at one value below the request time-out is usually the application's own time-out (IIS connectionTimeout, nginx proxy_read_timeout) being shorter.`;
        patternKo += ` 그중 ${n}건이 약 ${bin}초 걸렸습니다. 요청 시간 제한보다 짧은 한 값에 지연 시간이 몰려 있다면 보통 애플리케이션 자체의 시간 제한(IIS connectionTimeout, nginx proxy_read_timeout)이 더 짧은 것입니다.`;
      }
    }
    const gatewayMade500 = s?.byStatus['500'] ?? 0;
    const evidence: Evidence[] = [];
    if (s) evidence.push({ path: 'traffic.classes[other].count', value: `${count} (${Object.entries(s.byStatus).map(([k, n]) => `${k}: ${n}`).join(', ')})` }, ...sampleEvidence(s.samples, 3));
    for (const u of unknown.slice(0, 5)) evidence.push({ path: `traffic.unknownErrorInfo[${u.code}]`, value: `${u.count} row(s)` }, ...sampleEvidence(u.samples, 1));
    for (const o of ctx.workspace.traffic?.odd.samples.filter((x) => t.documents.includes(x.document)).slice(0, 2) ?? []) {
      evidence.push({ path: `oddRow[${o.document}${o.line ? `:${o.line}` : ''}]`, value: `${o.reason}: ${o.excerpt}`, source: { document: o.document, pointer: o.line ? `/line/${o.line}` : '' } });
    }
    ctx.report({
      resource: gatewayRes(ctx.gateway),
      source: ctx.gateway.source,
      severity: count && (gatewayMade500 > 0 || count * 10 >= total) ? 'warning' : 'info',
      params: {
        count,
        share: pct(count, total),
        window: s ? windowOf(s) : windowOf({ first: t.access.first, last: t.access.last }),
        statuses: s ? Object.keys(s.byStatus).join(', ') : '-',
        codes: unknown.length ? unknown.map((u) => `${u.code} (${u.count})`).join(', ') : '-',
        odd,
        patternEn,
        patternKo,
      },
      evidence,
      affected: s ? s.dimensions.listener.map((e) => e.key) : [],
      commands: {},
    });
  },
});
