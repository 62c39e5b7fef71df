/**
 * An expired trusted root certificate fails the chain validation of every backend that relies on it
 * (azure-facts.md §5 "Certificate validity", CERTS). Error when HTTPS traffic relies on it with
 * validateCertChainAndExpiry on; info otherwise.
 */
import { reportRootsIn } from './tls-support';
import { defineRule } from './types';

export default defineRule({
  id: 'tls-trusted-root-expired',
  category: 'backend-tls',
  severity: 'error',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/certificates-for-backend-authentication',
  text: {
    en: {
      title: 'Trusted root certificate has expired',
      message: 'Trusted root certificate {root} ({subject}) expired on {notAfter}; the analysis date is {today}. Used by backend settings: {settings}.',
      effect: 'The backend\'s certificate chain no longer validates against an expired root: the members turn unhealthy and clients get 502. Listeners affected: {listeners}.',
      fix: 'Get the current root CA certificate of the backend\'s chain (Base-64 .CER) and replace this one (commands below); if the CA itself was replaced, reissue the backend certificate from the new CA too.',
    },
    ko: {
      title: '신뢰할 수 있는 루트 인증서가 만료되었습니다',
      message: '신뢰할 수 있는 루트 인증서 {root}({subject})은(는) {notAfter}에 만료되었습니다. 분석 기준일은 {today}입니다. 사용하는 백엔드 설정: {settings}.',
      effect: '만료된 루트로는 백엔드의 인증서 체인이 더 이상 검증되지 않습니다. 멤버가 비정상이 되어 클라이언트는 502를 받습니다. 영향받는 리스너: {listeners}.',
      fix: '백엔드 체인의 현재 루트 CA 인증서(Base-64 .CER)를 구해 이 인증서를 교체하세요(아래 명령). CA 자체가 바뀌었다면 새 CA로 백엔드 인증서도 다시 발급하세요.',
    },
  },
  check(ctx) {
    reportRootsIn(ctx, 'expired');
  },
});
