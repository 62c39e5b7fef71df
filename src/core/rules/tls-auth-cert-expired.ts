/**
 * v1: an authentication certificate is the backend server's own certificate (matched exactly), so an expired
 * one means the backend presents an expired certificate ("Backend certificate is invalid. Current date is not
 * within the Valid from and Valid to date range") — or was renewed and no longer matches the upload
 * ("isn't allow-listed"). Either way the members fail (azure-facts.md §5, §6).
 */
import { validityAt } from '../tls/validity';
import { az, ps, q } from './commands';
import { defineRule } from './types';
import { leafOf } from './tls-host-vs-certificate';
import { certificateUse } from './tls-trusted-root-not-ca';

export default defineRule({
  id: 'tls-auth-cert-expired',
  category: 'backend-tls',
  severity: 'error',
  appliesTo: ['v1'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/ssl-overview',
  text: {
    en: {
      title: 'Authentication certificate (backend certificate) has expired',
      message: 'Authentication certificate {cert} ({subject}) expired on {notAfter}; the analysis date is {today}. Used by backend settings: {settings}.',
      effect:
        'The authentication certificate is the backend\'s own certificate. If the backend still presents it, backend health shows "Backend certificate is invalid. Current date is not within the Valid from and Valid to date range"; if the backend was renewed, its new certificate no longer matches the upload ("isn\'t allow-listed"). Either way the members are unhealthy and clients get 502. Listeners affected: {listeners}.',
      fix: 'Renew the certificate on the backend (with its full chain), export the new public certificate (.CER, Base-64) and replace this authentication certificate with it (commands below).',
    },
    ko: {
      title: '인증 인증서(백엔드 인증서)가 만료되었습니다',
      message: '인증 인증서 {cert}({subject})은(는) {notAfter}에 만료되었습니다. 분석 기준일은 {today}입니다. 사용하는 백엔드 설정: {settings}.',
      effect:
        '인증 인증서는 백엔드 자체의 인증서입니다. 백엔드가 아직 이 인증서를 제시하면 백엔드 상태에 "Backend certificate is invalid. Current date is not within the Valid from and Valid to date range"가 표시되고, 백엔드 인증서를 갱신했다면 새 인증서가 업로드된 것과 일치하지 않습니다("isn\'t allow-listed"). 어느 경우든 멤버가 비정상이 되어 클라이언트는 502를 받습니다. 영향받는 리스너: {listeners}.',
      fix: '백엔드에서 인증서를 전체 체인과 함께 갱신하고, 새 공개 인증서(.CER, Base-64)를 내보내 이 인증 인증서를 교체하세요(아래 명령).',
    },
  },
  check(ctx) {
    const { gateway, certificates, report } = ctx;
    if (gateway.generation === 'v2') return;
    for (const c of gateway.authenticationCertificates) {
      if (!c.data) continue;
      const cert = leafOf(certificates.get(c.data)?.certificates ?? []);
      if (!cert || validityAt(cert, certificates.now) !== 'expired') continue;
      const use = certificateUse(ctx, c, 'authenticationCertificates');
      report({
        resource: { type: 'authenticationCertificates', name: c.name, id: c.id },
        source: c.source,
        severity: use.affected.length ? 'error' : 'info',
        params: { cert: c.name, subject: cert.subject, notAfter: cert.notAfter.slice(0, 10), today: certificates.now.toISOString().slice(0, 10), settings: use.settings.map((s) => s.name).join(', ') || '—', listeners: use.affected.join('; ') || '—' },
        evidence: [{ path: `authenticationCertificates[${c.name}].data`, value: `subject ${cert.subject}; notAfter ${cert.notAfter}`, source: c.source }],
        affected: use.affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `Set-AzApplicationGatewayAuthenticationCertificate -ApplicationGateway $gw -Name ${q(c.name)} -CertificateFile .\\backend.cer`,
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'auth-cert update', `-n ${q(c.name)} --cert-file backend.cer`)],
        },
      });
    }
  },
});
