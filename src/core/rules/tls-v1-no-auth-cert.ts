/**
 * v1 end-to-end TLS allow-lists backends by their certificate: HTTPS settings need authentication
 * certificates (the backend server certificate's public key, .CER) (azure-facts.md §5, SSL). Only on a known
 * v1 gateway: on v2 (and an unknown SKU that may be v2) no upload is needed for a well-known CA.
 */
import { az, ps, q } from './commands';
import { defineRule } from './types';
import { backendRoutes, isHttps } from './tls-host-vs-certificate';

export default defineRule({
  id: 'tls-v1-no-auth-cert',
  category: 'backend-tls',
  severity: 'error',
  appliesTo: ['v1'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/ssl-overview',
  text: {
    en: {
      title: 'v1 HTTPS backend settings without an authentication certificate',
      message: 'Backend settings {settings} use HTTPS on a v1 gateway but list no authentication certificate.',
      effect:
        'v1 accepts a backend only when its certificate matches an uploaded authentication certificate; without one, backend health shows "Backend server certificate isn\'t allow-listed", the members are unhealthy and clients get 502. Listeners affected: {listeners}.',
      fix: 'Export the backend server\'s certificate (public key only, .CER, Base-64) and add it to these settings as an authentication certificate (commands below). Its CN must match the pool member\'s FQDN.',
    },
    ko: {
      title: '인증 인증서가 없는 v1 HTTPS 백엔드 설정',
      message: '백엔드 설정 {settings}은(는) v1 게이트웨이에서 HTTPS를 사용하지만 인증 인증서(authenticationCertificates)가 없습니다.',
      effect:
        'v1은 백엔드 인증서가 업로드된 인증 인증서와 일치할 때만 백엔드를 허용합니다. 인증 인증서가 없으면 백엔드 상태에 "Backend server certificate isn\'t allow-listed"가 표시되고 멤버가 비정상이 되어 클라이언트는 502를 받습니다. 영향받는 리스너: {listeners}.',
      fix: '백엔드 서버 인증서를 공개 키만(.CER, Base-64) 내보내 이 설정에 인증 인증서로 추가하세요(아래 명령). 인증서의 CN은 풀 멤버의 FQDN과 일치해야 합니다.',
    },
  },
  check({ gateway, report }) {
    if (gateway.generation !== 'v1') return;
    const used = new Map<string, string[]>();
    for (const r of backendRoutes(gateway)) {
      const list = used.get(r.settings.id) ?? [];
      for (const a of r.affected) if (!list.includes(a)) list.push(a);
      used.set(r.settings.id, list);
    }
    for (const s of gateway.backendHttpSettingsCollection) {
      if (!isHttps(s) || s.authenticationCertificates.length) continue;
      const affected = used.get(s.id) ?? [];
      report({
        resource: { type: 'backendHttpSettingsCollection', name: s.name, id: s.id },
        source: s.source,
        // Settings no rule uses carry no traffic today.
        severity: affected.length ? 'error' : 'warning',
        params: { settings: s.name, listeners: affected.join('; ') || '—' },
        evidence: [
          { path: `backendHttpSettingsCollection[${s.name}].protocol`, value: s.protocol ?? 'Https', source: s.source },
          { path: `backendHttpSettingsCollection[${s.name}].authenticationCertificates`, value: '[]', source: s.source },
        ],
        affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `Add-AzApplicationGatewayAuthenticationCertificate -ApplicationGateway $gw -Name ${q(`${s.name}-backend`)} -CertificateFile .\\backend.cer`,
            `$cert = Get-AzApplicationGatewayAuthenticationCertificate -ApplicationGateway $gw -Name ${q(`${s.name}-backend`)}`,
            `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}`,
            '$s.AuthenticationCertificates.Add($cert)',
            ps.setGateway(),
          ],
          az: [
            az.sub(gateway, 'auth-cert create', `-n ${q(`${s.name}-backend`)} --cert-file backend.cer`),
            az.sub(gateway, 'http-settings update', `-n ${q(s.name)} --auth-certs ${q(`${s.name}-backend`)}`),
          ],
        },
      });
    }
  },
});
