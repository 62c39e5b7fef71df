/**
 * Access-log rows that ended on the client side: 499 (client closed), 408 (client did not send in time), v1 status 0
 * (logs-and-metrics.md §3, §6). Not 502s; worth knowing when they cluster with slow backends (clients gave up).
 */
import { defineRule } from './types';
import { affectedOf, classStats, countEvidence, gatewayRes, peakText, sampleEvidence, topText, trafficFor, windowOf } from './traffic-support';

export default defineRule({
  id: 'traffic-client-closed',
  category: 'gateway',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/http-response-codes',
  text: {
    en: {
      title: 'Access log: requests ended by the client',
      message: '{count} requests ended on the client side between {window} (5-minute peak {peak}): {statuses}. Paths: {paths}.',
      effect: 'These are not gateway or backend failures: the client closed the connection (499; v1 may log 0) or did not send its request in time (408). When they come with slow backend answers, clients gave up waiting.',
      fix: 'If they coincide with backend time-outs or high latency, fix the slowness first; otherwise check the clients\' own time-outs (mobile networks, load testers, health checkers).',
    },
    ko: {
      title: '액세스 로그: 클라이언트가 끝낸 요청',
      message: '{window}에 요청 {count}건이 클라이언트 쪽에서 끝났습니다(5분 단위 최대 {peak}): {statuses}. 경로: {paths}.',
      effect: '게이트웨이나 백엔드 장애가 아닙니다. 클라이언트가 연결을 닫았거나(499, v1은 0으로 기록하기도 함) 제시간에 요청을 보내지 않았습니다(408). 백엔드 응답이 느린 시간과 겹치면 클라이언트가 기다리다 포기한 것입니다.',
      fix: '백엔드 시간 초과나 높은 지연 시간과 겹친다면 먼저 느린 원인을 해결하세요. 그렇지 않다면 클라이언트 자체의 시간 제한을 확인하세요(모바일 네트워크, 부하 테스트 도구, 상태 검사기 등).',
    },
  },
  check(ctx) {
    const s = classStats(ctx, 'client');
    if (!s || !trafficFor(ctx)) return;
    ctx.report({
      resource: gatewayRes(ctx.gateway),
      source: ctx.gateway.source,
      params: { count: s.count, window: windowOf(s), peak: peakText(s), statuses: Object.entries(s.byStatus).map(([k, n]) => `${k} × ${n}`).join(', '), paths: topText(s.dimensions.path) || '-' },
      evidence: [...countEvidence('client', s, 0), ...sampleEvidence(s.samples, 2)],
      affected: affectedOf(ctx, s),
    });
  },
});
