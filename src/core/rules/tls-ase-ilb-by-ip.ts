/**
 * HTTPS by IP address to what looks like an internal (ILB) App Service Environment: the gateway's names point
 * at `*.appserviceenvironment.net` while the pool holds IPs. Without an FQDN the TLS handshake can get the
 * ILB's default certificate → "Backend server certificate isn't allow-listed" (azure-facts.md §8, the 2026
 * article create-gateway-internal-load-balancer-app-service-environment). A heuristic: warning.
 */
import { memberSource } from '../model/members';
import { az, ps, q } from './commands';
import { defineRule } from './types';
import { backendRoutes, isHttps } from './tls-host-vs-certificate';
import { ipMembers, shortList } from './tls-ip-backend-https';

const ASE = /\.appserviceenvironment\.net\.?$/i;

export default defineRule({
  id: 'tls-ase-ilb-by-ip',
  category: 'backend-tls',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/create-gateway-internal-load-balancer-app-service-environment',
  text: {
    en: {
      title: 'Internal App Service Environment reached by IP address',
      message: 'Backend settings {settings} use the App Service Environment name {aseName} but reach pool {pool} by IP address ({ips}) over HTTPS.',
      effect:
        'By IP, the TLS handshake with an internal (ILB) App Service Environment can return the ILB\'s default certificate instead of the app\'s: backend health shows "Backend server certificate isn\'t allow-listed" or a name mismatch, the members turn unhealthy and clients get 502. Listeners affected: {listeners}.',
      fix: 'Put the app\'s FQDN ({aseName} or the app\'s custom domain) in the backend pool instead of the ILB IP, make sure the gateway resolves it (private DNS zone linked to the gateway\'s VNet), and send that name as host name.',
    },
    ko: {
      title: '내부 App Service Environment에 IP 주소로 연결합니다',
      message: '백엔드 설정 {settings}은(는) App Service Environment 이름 {aseName}을(를) 사용하지만 풀 {pool}에는 HTTPS로 IP 주소({ips})로 연결합니다.',
      effect:
        'IP로 연결하면 내부(ILB) App Service Environment와의 TLS 핸드셰이크에서 앱의 인증서 대신 ILB의 기본 인증서가 반환될 수 있습니다. 백엔드 상태에 "Backend server certificate isn\'t allow-listed" 또는 이름 불일치가 표시되고 멤버가 비정상이 되어 클라이언트는 502를 받습니다. 영향받는 리스너: {listeners}.',
      fix: '백엔드 풀에 ILB IP 대신 앱의 FQDN({aseName} 또는 앱의 사용자 지정 도메인)을 넣고, 게이트웨이가 이를 확인(resolve)할 수 있는지(게이트웨이 VNet에 연결된 프라이빗 DNS 영역) 확인한 뒤 그 이름을 호스트 이름으로 보내세요.',
    },
  },
  check({ gateway, gw, report }) {
    for (const route of backendRoutes(gateway)) {
      const s = route.settings;
      if (!isHttps(s)) continue;
      const probe = gw.probe(s.probe);
      const aseName = aseNameOf([s.hostName, s.sniName, probe?.host]) ?? aseNameOf(route.listeners.flatMap((l) => l.hostNames));
      if (!aseName) continue;
      // The pool's IP members last: listing them is the costly part (a pool can hold 1,200).
      const ips = ipMembers(route.pool);
      if (!ips.length) continue;
      report({
        resource: { type: 'backendHttpSettingsCollection', name: s.name, id: s.id },
        source: s.source,
        params: { settings: s.name, aseName: aseName.trim(), pool: route.pool.name, ips: shortList(ips), listeners: route.affected.join('; ') || '—' },
        evidence: [
          { path: `backendHttpSettingsCollection[${s.name}]`, value: aseName, source: s.source },
          ...route.pool.backendAddresses.filter((a) => a.ipAddress && !a.fqdn).slice(0, 5).map((a) => ({ path: `backendAddressPools[${route.pool.name}].backendAddresses`, value: a.ipAddress!, source: memberSource(route.pool, a) })),
        ],
        affected: route.affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `Set-AzApplicationGatewayBackendAddressPool -ApplicationGateway $gw -Name ${q(route.pool.name)} -BackendFqdns ${q(aseName.trim())}`,
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'address-pool update', `-n ${q(route.pool.name)} --servers ${q(aseName.trim())}`)],
        },
      });
    }
  },
});

/** The first name that is an App Service Environment host name. */
function aseNameOf(names: (string | undefined)[]): string | undefined {
  return names.find((n): n is string => !!n && ASE.test(n.trim()));
}
