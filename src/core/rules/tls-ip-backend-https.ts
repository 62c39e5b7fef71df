/**
 * HTTPS to IP-address members without a host name for them (azure-facts.md §5, SSL): an IP is never sent as
 * SNI. v1 sends no SNI to IP members, so the server's default certificate must be the allow-listed
 * authentication certificate; v2 sends the client's host as SNI (settings without hostName) and probes send
 * no SNI unless the probe names a host. Whether the backend's certificate passes then depends on what the
 * backend serves for those names: a warning. (pickHostNameFromBackendAddress with IP members is
 * tls-ip-backend-pick-hostname; settings with a hostName on v2 send that name and are well defined.)
 */
import { memberSource } from '../model/members';
import type { BackendAddressPool } from '../model/types';
import { az, ps, q } from './commands';
import { defineRule } from './types';
import { backendRoutes, isHttps } from './tls-host-vs-certificate';

const ipCache = new WeakMap<BackendAddressPool, string[]>();

/** IP-address members of a pool (addresses and VM NIC configurations), cached per pool. */
export function ipMembers(pool: BackendAddressPool): string[] {
  const hit = ipCache.get(pool);
  if (hit) return hit;
  const out = [
    ...pool.backendAddresses.filter((a) => a.ipAddress && !a.fqdn).map((a) => a.ipAddress!.trim()),
    ...pool.backendIpConfigurations.map((r) => `NIC ${r.id.split('/').slice(-3, -2)[0] ?? r.name}/${r.name}`),
  ];
  ipCache.set(pool, out);
  return out;
}

export const shortList = (xs: string[], n = 5) => xs.slice(0, n).join(', ') + (xs.length > n ? ` (+${xs.length - n})` : '');

export default defineRule({
  id: 'tls-ip-backend-https',
  category: 'backend-tls',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/ssl-overview',
  text: {
    en: {
      title: 'HTTPS to IP-address backends without a host name',
      message: 'Backend settings {settings} reach IP member(s) {ips} of pool {pool} over HTTPS and set no host name for them (SKU: {generation}).',
      effect:
        'An IP address is never sent as SNI. v1 sends no SNI to IP members: the server answers with its default certificate, which must be the uploaded authentication certificate, or backend health shows "Backend server certificate isn\'t allow-listed". v2 sends the client\'s host name as SNI, and probes send none unless the probe names a host: the certificate the backend returns for those must pass the name check, or the members turn unhealthy and clients get 502. Listeners affected: {listeners}.',
      fix: 'Put the backends\' FQDNs in the pool, or set the backend settings\' host name to the name on the backend certificate (v2 then sends it as SNI and Host header) and give the custom probe the same host. On v1, upload the certificate the server presents by default as the authentication certificate.',
    },
    ko: {
      title: '호스트 이름 없이 IP 주소 백엔드에 HTTPS로 연결합니다',
      message: '백엔드 설정 {settings}이(가) 풀 {pool}의 IP 멤버 {ips}에 HTTPS로 연결하면서 호스트 이름을 지정하지 않습니다(SKU: {generation}).',
      effect:
        'IP 주소는 SNI로 전송되지 않습니다. v1은 IP 멤버에 SNI를 보내지 않으므로 서버는 기본 인증서를 반환하며, 이 인증서가 업로드한 인증 인증서여야 합니다. 그렇지 않으면 백엔드 상태에 "Backend server certificate isn\'t allow-listed"가 표시됩니다. v2는 클라이언트의 호스트 이름을 SNI로 보내고, 프로브는 호스트를 지정하지 않으면 SNI를 보내지 않습니다. 백엔드가 이때 반환하는 인증서가 이름 검사를 통과해야 하며, 그렇지 않으면 멤버가 비정상이 되고 클라이언트는 502를 받습니다. 영향받는 리스너: {listeners}.',
      fix: '풀에 백엔드의 FQDN을 넣거나, 백엔드 설정의 호스트 이름을 백엔드 인증서에 있는 이름으로 지정하고(v2는 이를 SNI와 Host 헤더로 보냄) 사용자 지정 프로브에도 같은 호스트를 지정하세요. v1에서는 서버가 기본으로 제시하는 인증서를 인증 인증서로 업로드하세요.',
    },
  },
  check({ gateway, report }) {
    for (const route of backendRoutes(gateway)) {
      const s = route.settings;
      if (!isHttps(s)) continue;
      const v1 = gateway.generation === 'v1';
      const v2Unnamed = !s.hostName && !s.pickHostNameFromBackendAddress && !s.sniName;
      if (!v1 && !v2Unnamed) continue;
      // The pool's IP members last: listing them is the costly part (a pool can hold 1,200).
      const ips = ipMembers(route.pool);
      if (!ips.length) continue;
      report({
        resource: { type: 'backendHttpSettingsCollection', name: s.name, id: s.id },
        source: s.source,
        params: { settings: s.name, pool: route.pool.name, ips: shortList(ips), generation: gateway.generation, listeners: route.affected.join('; ') || '—' },
        evidence: [
          { path: `backendHttpSettingsCollection[${s.name}].protocol`, value: s.protocol ?? '', source: s.source },
          { path: `backendHttpSettingsCollection[${s.name}].hostName`, value: s.hostName ?? '(not set)', source: s.source },
          ...route.pool.backendAddresses.filter((a) => a.ipAddress && !a.fqdn).slice(0, 5).map((a) => ({ path: `backendAddressPools[${route.pool.name}].backendAddresses`, value: a.ipAddress!, source: memberSource(route.pool, a) })),
        ],
        affected: route.affected,
        commands: v1
          ? { powershell: [ps.backendHealth(gateway)], az: [az.backendHealth(gateway)] }
          : {
              powershell: [
                ps.getGateway(gateway),
                `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}`,
                `$s.HostName = '<name-on-backend-certificate>'`,
                ps.setGateway(),
              ],
              az: [az.sub(gateway, 'http-settings update', `-n ${q(s.name)} --host-name <name-on-backend-certificate>`), az.backendHealth(gateway)],
            },
      });
    }
  },
});
