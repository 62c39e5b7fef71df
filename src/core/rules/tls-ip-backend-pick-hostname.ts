/**
 * v2: with pickHostNameFromBackendAddress, IP-address members are not supported over HTTPS: there is no host
 * name to take from an IP (azure-facts.md §5, SSL). On an unknown SKU the same holds if it is v2: warning.
 */
import { memberSource } from '../model/members';
import { az, ps, q } from './commands';
import { defineRule } from './types';
import { backendRoutes, isHttps } from './tls-host-vs-certificate';
import { ipMembers, shortList } from './tls-ip-backend-https';

export default defineRule({
  id: 'tls-ip-backend-pick-hostname',
  category: 'backend-tls',
  severity: 'error',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/ssl-overview',
  text: {
    en: {
      title: '"Pick host name from backend target" with IP-address members over HTTPS',
      message: 'Backend settings {settings} pick the host name from the backend address over HTTPS, but pool {pool} has IP member(s) {ips}.',
      effect:
        'On v2, IP-address members are not supported over HTTPS with "pick host name from backend target": an IP gives no host name to send as SNI, so the certificate name check cannot pass and these members serve 502. Listeners affected: {listeners}.',
      fix: 'Replace the IP members with the backends\' FQDNs (the names on their certificates), or turn off "pick host name from backend target" and set the backend settings\' host name to the name on the backend certificate.',
    },
    ko: {
      title: 'HTTPS에서 IP 주소 멤버와 "백엔드 대상에서 호스트 이름 선택"을 함께 사용합니다',
      message: '백엔드 설정 {settings}은(는) HTTPS에서 백엔드 주소로부터 호스트 이름을 가져오지만, 풀 {pool}에 IP 멤버 {ips}이(가) 있습니다.',
      effect:
        'v2에서는 "백엔드 대상에서 호스트 이름 선택"을 사용할 때 HTTPS로 IP 주소 멤버를 지원하지 않습니다. IP에서는 SNI로 보낼 호스트 이름을 얻을 수 없어 인증서 이름 검사를 통과할 수 없으므로 이 멤버는 502를 반환합니다. 영향받는 리스너: {listeners}.',
      fix: 'IP 멤버를 백엔드의 FQDN(인증서에 있는 이름)으로 바꾸거나, "백엔드 대상에서 호스트 이름 선택"을 끄고 백엔드 설정의 호스트 이름을 백엔드 인증서에 있는 이름으로 지정하세요.',
    },
  },
  check({ gateway, report }) {
    for (const route of backendRoutes(gateway)) {
      const s = route.settings;
      if (!isHttps(s) || !s.pickHostNameFromBackendAddress || s.hostName) continue;
      const ips = ipMembers(route.pool);
      if (!ips.length) continue;
      report({
        resource: { type: 'backendHttpSettingsCollection', name: s.name, id: s.id },
        source: s.source,
        severity: gateway.generation === 'v2' ? 'error' : 'warning',
        params: { settings: s.name, pool: route.pool.name, ips: shortList(ips), listeners: route.affected.join('; ') || '—' },
        evidence: [
          { path: `backendHttpSettingsCollection[${s.name}].pickHostNameFromBackendAddress`, value: 'true', source: s.source },
          ...route.pool.backendAddresses.filter((a) => a.ipAddress && !a.fqdn).slice(0, 5).map((a) => ({ path: `backendAddressPools[${route.pool.name}].backendAddresses`, value: a.ipAddress!, source: memberSource(route.pool, a) })),
        ],
        affected: route.affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}`,
            `$s.PickHostNameFromBackendAddress = $false; $s.HostName = '<name-on-backend-certificate>'`,
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'http-settings update', `-n ${q(s.name)} --host-name-from-backend-pool false --host-name <name-on-backend-certificate>`)],
        },
      });
    }
  },
});
