/**
 * A trusted root certificate whose validity starts after the analysis date cannot validate anything yet
 * (azure-facts.md §5 "Certificate validity", CERTS). Often a clock or a wrong certificate: error when traffic
 * relies on it with chain validation on; info otherwise.
 */
import { reportRootsIn } from './tls-support';
import { defineRule } from './types';

export default defineRule({
  id: 'tls-trusted-root-not-yet-valid',
  category: 'backend-tls',
  severity: 'error',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/certificates-for-backend-authentication',
  text: {
    en: {
      title: 'Trusted root certificate is not valid yet',
      message: 'Trusted root certificate {root} ({subject}) is valid only from {notBefore}; the analysis date is {today}. Used by backend settings: {settings}.',
      effect: 'Until then the backend\'s chain does not validate against it: the members are unhealthy and clients get 502. Listeners affected: {listeners}.',
      fix: 'Upload the root CA certificate that is valid now (Base-64 .CER) in place of this one (commands below), and check that the backend certificate was issued from it.',
    },
    ko: {
      title: '신뢰할 수 있는 루트 인증서가 아직 유효하지 않습니다',
      message: '신뢰할 수 있는 루트 인증서 {root}({subject})은(는) {notBefore}부터 유효합니다. 분석 기준일은 {today}입니다. 사용하는 백엔드 설정: {settings}.',
      effect: '그때까지는 백엔드 체인이 이 인증서로 검증되지 않아 멤버가 비정상이 되고 클라이언트는 502를 받습니다. 영향받는 리스너: {listeners}.',
      fix: '지금 유효한 루트 CA 인증서(Base-64 .CER)를 이 인증서 대신 업로드하고(아래 명령), 백엔드 인증서가 그 루트에서 발급되었는지 확인하세요.',
    },
  },
  check(ctx) {
    reportRootsIn(ctx, 'not-yet-valid');
  },
});
