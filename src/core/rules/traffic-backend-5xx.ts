/**
 * Access-log 5xx the backend itself answered (serverStatus 5xx): the gateway relayed them — the application is at
 * fault, not the gateway (logs-and-metrics.md §6, GUIDE-2026 step 11). Per pool, with the backends and statuses.
 */
import { defineRule } from './types';
import { ACCESS_LOG_DOCS, logQueryCommand, reportByPool } from './traffic-support';

export default defineRule({
  id: 'traffic-backend-5xx',
  category: 'backend-app',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: ACCESS_LOG_DOCS,
  text: {
    en: {
      title: 'Access log: the backend application answered 5xx itself',
      message: '{count} requests ({share} of the classified 5xx) got a 5xx that the backend itself returned (serverStatus {backendStatuses}) on backend pool {pool} between {window} (5-minute peak {peak}). Backends: {servers}.',
      effect: 'The gateway passed the backend\'s own error on to the client: this is not a gateway fault, and no gateway setting fixes it. Listeners affected: {listeners}.',
      fix: 'Look at the application on {servers} at those times: its logs, crashes, restarts, dependencies (database, APIs), and resource limits. The gateway configuration needs no change for these rows.',
    },
    ko: {
      title: '액세스 로그: 백엔드 애플리케이션이 직접 5xx를 반환했습니다',
      message: '{window}에 백엔드 풀 {pool}에서 요청 {count}건(분류된 5xx의 {share})이 백엔드가 직접 반환한 5xx(serverStatus {backendStatuses})를 받았습니다(5분 단위 최대 {peak}). 백엔드: {servers}.',
      effect: '게이트웨이는 백엔드의 오류 응답을 그대로 클라이언트에 전달했을 뿐입니다. 게이트웨이 장애가 아니며 게이트웨이 설정으로 해결되지 않습니다. 영향받는 리스너: {listeners}.',
      fix: '그 시간대의 {servers} 애플리케이션을 확인하세요: 애플리케이션 로그, 크래시와 재시작, 종속 서비스(데이터베이스, API), 리소스 한도. 이 행들에 대해서는 게이트웨이 구성을 바꿀 필요가 없습니다.',
    },
  },
  check(ctx) {
    reportByPool(
      ctx,
      'backend-5xx',
      (s) => ({ backendStatuses: [...new Set(s.samples.map((x) => x.serverStatus).filter(Boolean))].join(', ') || Object.keys(s.byStatus).join(', ') }),
      { az: [logQueryCommand(`AGWAccessLogs | where ServerStatus >= 500 | summarize Requests = count() by ServerRouted, ServerStatus, bin(TimeGenerated, 5m) | order by TimeGenerated asc`)] },
    );
  },
});
