/**
 * The listener (frontend) certificate's validity, read from sslCertificates[].publicCertData (SSL). Not a 502
 * cause: clients see a certificate error before any request reaches the gateway. Expired → warning; expiring
 * within 30 days → info.
 */
import { daysUntilExpiry, validityAt } from '../tls/validity';
import { az, ps, q } from './commands';
import { defineRule } from './types';
import { leafOf } from './tls-host-vs-certificate';

const SOON_DAYS = 30;

export default defineRule({
  id: 'tls-listener-cert-expired',
  category: 'backend-tls',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/ssl-overview',
  text: {
    en: {
      title: 'Listener certificate expired or about to expire',
      message: 'SSL certificate {cert} ({subject}) is valid until {notAfter}; the analysis date is {today}. Listeners: {listeners}.',
      effect: 'This is not a 502 cause: once it has expired, browsers and clients reject the gateway\'s certificate before sending a request, so the failure shows as a TLS error on the client side, not in the gateway\'s access log.',
      fix: 'Renew the certificate and replace it on the gateway (commands below). With a Key Vault certificate, renew it in Key Vault; a secret id without a version lets the gateway pick up the renewed version.',
    },
    ko: {
      title: '리스너 인증서가 만료되었거나 곧 만료됩니다',
      message: 'SSL 인증서 {cert}({subject})의 유효 기간은 {notAfter}까지이며, 분석 기준일은 {today}입니다. 리스너: {listeners}.',
      effect: '502의 원인은 아닙니다. 만료되면 브라우저와 클라이언트가 요청을 보내기 전에 게이트웨이 인증서를 거부하므로, 실패는 게이트웨이 액세스 로그가 아니라 클라이언트 쪽 TLS 오류로 나타납니다.',
      fix: '인증서를 갱신해 게이트웨이에서 교체하세요(아래 명령). Key Vault 인증서라면 Key Vault에서 갱신하세요. 버전 없는 비밀 ID를 사용하면 게이트웨이가 갱신된 버전을 가져옵니다.',
    },
  },
  check({ gateway, certificates, report }) {
    for (const c of gateway.sslCertificates) {
      if (!c.publicCertData) continue;
      const cert = leafOf(certificates.get(c.publicCertData)?.certificates ?? []);
      if (!cert) continue;
      const days = daysUntilExpiry(cert, certificates.now);
      const expired = validityAt(cert, certificates.now) === 'expired';
      if (!expired && !(days <= SOON_DAYS)) continue;
      const listeners = gateway.httpListeners.filter((l) => l.sslCertificate && l.sslCertificate.name.toLowerCase() === c.name.toLowerCase());
      const labels = listeners.map((l) => (l.hostNames.length ? `${l.name} (${l.hostNames.join(', ')})` : l.name));
      report({
        resource: { type: 'sslCertificates', name: c.name, id: c.id },
        source: c.source,
        severity: expired ? 'warning' : 'info',
        params: { cert: c.name, subject: cert.subject, notAfter: cert.notAfter.slice(0, 10), today: certificates.now.toISOString().slice(0, 10), listeners: labels.join('; ') || '—' },
        evidence: [{ path: `sslCertificates[${c.name}].publicCertData`, value: `subject ${cert.subject}; notAfter ${cert.notAfter}`, source: c.source }],
        affected: labels,
        commands: c.keyVaultSecretId
          ? { az: [az.sub(gateway, 'ssl-cert update', `-n ${q(c.name)} --key-vault-secret-id <secret-id-without-version>`)] }
          : {
              powershell: [
                ps.getGateway(gateway),
                `Set-AzApplicationGatewaySslCertificate -ApplicationGateway $gw -Name ${q(c.name)} -CertificateFile .\\renewed.pfx -Password (Read-Host -AsSecureString 'PFX password')`,
                ps.setGateway(),
              ],
              az: [az.sub(gateway, 'ssl-cert update', `-n ${q(c.name)} --cert-file renewed.pfx --cert-password <pfx-password>`)],
            },
      });
    }
  },
});
