/**
 * Trusted root certificates on Http (not Https) settings: ARM rejects it
 * (ApplicationGatewayBackendHttpSettingsCannotHaveTrustedRootCertificate, azure-facts.md §8 step 7). Usually
 * the settings were meant to be Https: the backend then gets plain HTTP.
 */
import { az, ps, q } from './commands';
import { defineRule } from './types';
import { backendRoutes } from './tls-host-vs-certificate';

export default defineRule({
  id: 'tls-trusted-root-on-http-settings',
  category: 'backend-tls',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'Trusted root certificates on Http backend settings',
      message: 'Backend settings {settings} use protocol {protocol} but list trusted root certificate(s) {roots}.',
      effect:
        'Azure rejects trusted root certificates on settings that are not Https (ApplicationGatewayBackendHttpSettingsCannotHaveTrustedRootCertificate): a deployment or update that sends this fails. The settings probably were meant to use Https: as they are, the backend receives plain HTTP. Listeners affected: {listeners}.',
      fix: 'If the backend serves HTTPS, set the settings\' protocol to Https (and the port to the backend\'s TLS port) first; otherwise remove the trusted root certificates from these settings.',
    },
    ko: {
      title: 'Http 백엔드 설정에 신뢰할 수 있는 루트 인증서가 있습니다',
      message: '백엔드 설정 {settings}은(는) {protocol} 프로토콜을 사용하지만 신뢰할 수 있는 루트 인증서 {roots}이(가) 지정되어 있습니다.',
      effect:
        'Azure는 Https가 아닌 설정의 신뢰할 수 있는 루트 인증서를 거부하므로(ApplicationGatewayBackendHttpSettingsCannotHaveTrustedRootCertificate) 이 구성을 보내는 배포나 업데이트가 실패합니다. 설정은 Https를 의도했을 가능성이 높으며, 지금 상태로는 백엔드가 일반 HTTP를 받습니다. 영향받는 리스너: {listeners}.',
      fix: '백엔드가 HTTPS를 제공한다면 먼저 설정의 프로토콜을 Https로(포트도 백엔드의 TLS 포트로) 바꾸세요. 그렇지 않으면 이 설정에서 신뢰할 수 있는 루트 인증서를 제거하세요.',
    },
  },
  check({ gateway, report }) {
    for (const s of gateway.backendHttpSettingsCollection) {
      const protocol = (s.protocol ?? '').trim();
      if (!protocol || protocol.toLowerCase() !== 'http' || !s.trustedRootCertificates.length) continue;
      const affected = backendRoutes(gateway).filter((r) => r.settings === s).flatMap((r) => r.affected);
      const roots = s.trustedRootCertificates.map((r) => r.name).join(', ');
      report({
        resource: { type: 'backendHttpSettingsCollection', name: s.name, id: s.id },
        source: s.source,
        params: { settings: s.name, protocol, roots, listeners: [...new Set(affected)].join('; ') || '—' },
        evidence: [
          { path: `backendHttpSettingsCollection[${s.name}].protocol`, value: protocol, source: s.source },
          { path: `backendHttpSettingsCollection[${s.name}].trustedRootCertificates`, value: roots, source: s.source },
        ],
        affected: [...new Set(affected)],
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}`,
            `$s.Protocol = 'Https'; $s.Port = 443   # or, for a plain-HTTP backend: $s.TrustedRootCertificates.Clear()`,
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'http-settings update', `-n ${q(s.name)} --protocol Https --port 443`)],
        },
      });
    }
  },
});
