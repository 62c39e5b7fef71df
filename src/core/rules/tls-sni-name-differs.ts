/**
 * `sniName` (API 2025-01-01 and later; SETTINGS) is the TLS name the gateway sends and matches against the
 * backend certificate; the Host header still comes from hostName / pick-from-backend / the client. When they
 * differ, the certificate must cover sniName and the backend must accept a request whose Host differs from
 * its SNI (many multi-tenant servers do not). Documentation on sniName is thin: a warning.
 */
import { az, ps, q } from './commands';
import { defineRule } from './types';
import { backendRoutes, hostHeaderNames, isHttps, psString } from './tls-host-vs-certificate';

export default defineRule({
  id: 'tls-sni-name-differs',
  category: 'backend-tls',
  severity: 'warning',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-http-settings',
  text: {
    en: {
      title: 'SNI name differs from the Host header sent to the backend',
      message: 'Backend settings {settings} send SNI "{sni}" but the Host header {hosts} to pool {pool}.',
      effect:
        'The certificate is checked against "{sni}", while the backend routes the request by its Host header: a backend that requires SNI and Host to agree (multi-tenant platforms, servers with per-name TLS bindings) rejects the request or serves another site, and a certificate without "{sni}" fails the check (502). Listeners affected: {listeners}.',
      fix: 'Use the same name for both: set sniName to the host name sent (or clear it, so the host name is used), or set the settings\' host name to "{sni}". Then compare the backend certificate with that name.',
    },
    ko: {
      title: 'SNI 이름이 백엔드로 보내는 Host 헤더와 다릅니다',
      message: '백엔드 설정 {settings}은(는) 풀 {pool}에 SNI "{sni}"를 보내지만 Host 헤더는 {hosts}입니다.',
      effect:
        '인증서는 "{sni}"로 검사되지만 백엔드는 Host 헤더로 요청을 라우팅합니다. SNI와 Host가 같아야 하는 백엔드(멀티 테넌트 플랫폼, 이름별 TLS 바인딩을 쓰는 서버)는 요청을 거부하거나 다른 사이트를 제공하며, "{sni}"가 없는 인증서는 검사에 실패합니다(502). 영향받는 리스너: {listeners}.',
      fix: '두 값에 같은 이름을 사용하세요. sniName을 보내는 호스트 이름으로 지정하거나(비우면 호스트 이름이 사용됨), 설정의 호스트 이름을 "{sni}"로 지정하세요. 그런 다음 백엔드 인증서를 그 이름과 비교하세요.',
    },
  },
  check({ gateway, report }) {
    const seen = new Set<string>();
    for (const route of backendRoutes(gateway)) {
      const s = route.settings;
      const sni = s.sniName?.trim();
      if (!sni || !isHttps(s) || s.validateSNI === false) continue;
      const { names } = hostHeaderNames(route);
      const differing = names.filter((n) => !/[*?]/.test(n.name) && n.name.toLowerCase().replace(/\.$/, '') !== sni.toLowerCase().replace(/\.$/, ''));
      if (!differing.length) continue;
      // A fixed host name is the same for every pool of the settings: one finding is enough.
      const key = s.hostName ? s.id : `${s.id}|${route.pool.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report({
        resource: { type: 'backendHttpSettingsCollection', name: s.name, id: s.id },
        source: s.source,
        params: { settings: s.name, sni, hosts: differing.map((n) => n.name).join(', '), pool: route.pool.name, listeners: route.affected.join('; ') || '—' },
        evidence: [
          { path: `backendHttpSettingsCollection[${s.name}].sniName`, value: sni, source: s.source },
          ...differing.slice(0, 5).map((n) => ({ path: n.path, value: n.name, source: n.source })),
        ],
        affected: route.affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}`,
            `$s.HostName = ${psString(sni)}   # or: $s.SniName = ${psString(differing[0].name)}`,
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'http-settings update', `-n ${q(s.name)} --host-name ${q(sni)}`)],
        },
      });
    }
  },
});
