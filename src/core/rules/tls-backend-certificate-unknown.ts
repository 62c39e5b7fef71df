/**
 * Once per gateway: HTTPS backends whose certificate the input does not carry, so the guide's cause 7
 * (certificate name vs the host name sent) cannot be decided offline. Says which names each backend's
 * certificate must cover and how to look (azure-facts.md §5, §8 step 7).
 */
import type { BackendHttpSettings } from '../model/types';
import { az, ps } from './commands';
import { defineRule } from './types';
import { backendRoutes, isHttps, knownBackendCertificates, namesToCheck } from './tls-host-vs-certificate';

export default defineRule({
  id: 'tls-backend-certificate-unknown',
  category: 'backend-tls',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/ssl-overview',
  text: {
    en: {
      title: 'Backend certificates not in the input: name check not done',
      message: 'The input does not carry the certificates of {count} HTTPS backend(s) of gateway {gateway}, so whether they match the host names sent (the guide\'s cause 7) cannot be checked offline. Each certificate must cover (SAN, or CN without SAN): {expected}. (* = whatever host name clients send to a basic listener.)',
      effect: 'A certificate that does not cover its name makes the backend unhealthy or the request fail with 502 ("Upstream SSL certificate does not match").',
      fix: 'Compare each backend\'s certificate with the names above: openssl s_client -connect <backend>:443 -servername <name> | openssl x509 -noout -subject -ext subjectAltName. Backend health (commands below) names a mismatch explicitly.',
    },
    ko: {
      title: '입력에 백엔드 인증서가 없어 이름 검사를 하지 못했습니다',
      message: '입력에 게이트웨이 {gateway}의 HTTPS 백엔드 {count}개의 인증서가 없어, 보내는 호스트 이름과 일치하는지(가이드의 원인 7)를 오프라인으로 검사할 수 없습니다. 각 인증서에 포함되어야 하는 이름(SAN, SAN이 없으면 CN): {expected}. (* = 기본 리스너로 클라이언트가 보내는 임의의 호스트 이름)',
      effect: '인증서가 해당 이름을 포함하지 않으면 백엔드가 비정상이 되거나 요청이 502("Upstream SSL certificate does not match")로 실패합니다.',
      fix: '각 백엔드 인증서를 위 이름과 비교하세요: openssl s_client -connect <backend>:443 -servername <name> | openssl x509 -noout -subject -ext subjectAltName. 백엔드 상태(아래 명령)에 불일치가 명시적으로 표시됩니다.',
    },
  },
  check(ctx) {
    const { gateway, gw, report } = ctx;
    const routes = backendRoutes(gateway).filter((r) => isHttps(r.settings));
    const unknown = routes.filter((r) => r.settings.validateSNI !== false && !knownBackendCertificates(ctx, r, routes.length).length);
    if (!unknown.length) return;
    const probeOf = (s: BackendHttpSettings) => gw.probe(s.probe);
    const lines = unknown.slice(0, 10).map((r) => {
      const names = namesToCheck(gateway, r, probeOf).map((n) => n.name);
      if (r.unknownClientHost && !r.settings.hostName && !r.settings.pickHostNameFromBackendAddress && gateway.generation !== 'v1') names.push('*');
      // v1 sends no SNI to IP members: the server's default certificate is what counts there.
      const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} (+${names.length - 5})` : names.join(', ');
      return `${r.settings.name} → ${r.pool.name}: ${names.length ? shown : gateway.generation === 'v1' ? '(no SNI)' : '*'}`;
    });
    report({
      resource: { type: 'applicationGateways', name: gateway.name, id: gateway.id },
      source: gateway.source,
      params: { count: unknown.length, expected: lines.join('; ') + (unknown.length > 10 ? ` (+${unknown.length - 10})` : '') },
      evidence: unknown.slice(0, 10).map((r) => ({ path: `backendHttpSettingsCollection[${r.settings.name}].protocol`, value: r.settings.protocol ?? 'Https', source: r.settings.source })),
      commands: { powershell: [ps.backendHealth(gateway)], az: [az.backendHealth(gateway)] },
    });
  },
});
