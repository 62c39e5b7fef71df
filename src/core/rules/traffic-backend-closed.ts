/**
 * Access-log 502s where the backend closed the connection early (ERRORINFO_UPSTREAM_CLOSED_CONNECTION,
 * logs-and-metrics.md §5–6: keep-alive mismatch, crashes, TLS). The backend side is at fault; names the backends.
 */
import { defineRule } from './types';
import { logQueryCommand, reportByPool } from './traffic-support';

export default defineRule({
  id: 'traffic-backend-closed',
  category: 'backend-app',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-diagnostics',
  text: {
    en: {
      title: 'Access log: the backend closed the connection',
      message: '{count} requests ({share} of the classified 5xx) failed because the backend closed the connection before answering (ERRORINFO_UPSTREAM_CLOSED_CONNECTION) on backend pool {pool} between {window} (5-minute peak {peak}). Backends: {servers}.',
      effect: 'The gateway answered 502 after the backend dropped the connection: the cause is on the backend side (it crashed or restarted, hit a connection limit, closed idle keep-alive connections the gateway was about to reuse, or failed the TLS handshake). Listeners affected: {listeners}.',
      fix: 'On {servers}: check for crashes, restarts and connection limits at those times; make the server\'s keep-alive / idle timeout longer than the time the gateway keeps idle connections open; for HTTPS check the TLS versions and ciphers the backend accepts.',
    },
    ko: {
      title: '액세스 로그: 백엔드가 연결을 끊었습니다',
      message: '{window}에 백엔드 풀 {pool}에서 요청 {count}건(분류된 5xx의 {share})이 백엔드가 응답 전에 연결을 끊어 실패했습니다(ERRORINFO_UPSTREAM_CLOSED_CONNECTION, 5분 단위 최대 {peak}). 백엔드: {servers}.',
      effect: '백엔드가 연결을 끊은 뒤 게이트웨이가 502를 반환했습니다. 원인은 백엔드 쪽입니다(크래시나 재시작, 연결 수 한도, 게이트웨이가 재사용하려던 유휴 keep-alive 연결 종료, TLS 핸드셰이크 실패). 영향받는 리스너: {listeners}.',
      fix: '{servers}에서 그 시간대의 크래시, 재시작, 연결 한도를 확인하세요. 서버의 keep-alive/유휴 시간 제한을 게이트웨이가 유휴 연결을 유지하는 시간보다 길게 하고, HTTPS라면 백엔드가 허용하는 TLS 버전과 암호 그룹을 확인하세요.',
    },
  },
  check(ctx) {
    reportByPool(ctx, 'backend-closed', () => ({}), {
      az: [logQueryCommand('AGWAccessLogs | where ErrorInfo == "ERRORINFO_UPSTREAM_CLOSED_CONNECTION" | summarize Requests = count() by ServerRouted, bin(TimeGenerated, 5m)')],
    });
  },
});
