/**
 * Multi-tenant PaaS backends (App Service, Container Apps, Front Door, API Management, Static Web Apps,
 * Traffic Manager in front of them) route by the Host header and reject names they do not know. Settings with
 * neither hostName nor pickHostNameFromBackendAddress pass the client's host through, so App Service answers
 * 404 / probes fail → 502 (azure-facts.md §3, WEBAPP; GUIDE-2026 Resolution I).
 * When every listener on the route has host names, those may be custom domains bound to the app (a valid
 * setup), so the finding is a warning asking to verify; with a basic listener it is an error.
 */
import { memberSource } from '../model/members';
import type { BackendHttpSettings, HttpListener, SourceRef } from '../model/types';
import { requestPaths } from '../model/topology';
import { az, ps, q } from './commands';
import { defineRule } from './types';

const SERVICES: [RegExp, string][] = [
  [/\.azurewebsites\.net\.?$/i, 'App Service'],
  [/\.azurecontainerapps\.io\.?$/i, 'Container Apps'],
  [/\.azurefd\.net\.?$/i, 'Azure Front Door'],
  [/\.azure-api\.net\.?$/i, 'API Management'],
  [/\.azurestaticapps\.net\.?$/i, 'Static Web Apps'],
  [/\.trafficmanager\.net\.?$/i, 'Traffic Manager'],
];

export function paasServiceOf(fqdn: string | undefined): string | undefined {
  if (!fqdn || !/\.(net|io)\.?\s*$/i.test(fqdn)) return undefined;
  return SERVICES.find(([re]) => re.test(fqdn.trim()))?.[1];
}

export default defineRule({
  id: 'gateway-paas-backend-no-host-override',
  category: 'gateway',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configure-web-app',
  text: {
    en: {
      title: 'PaaS backend gets the client\'s host name',
      message: 'Backend settings {settings} send requests to {service} member(s) {members} with neither a host name override nor "pick host name from backend target", so the backend receives the client\'s host: {clientHosts}.',
      effect:
        '{service} routes by the Host header and rejects host names that are not bound to the app: it answers 404 (or its own error page), probes fail and clients get 502. This works only if every client host name above is a custom domain bound to the app (* stands for a basic listener: any host name clients send). Listeners affected: {listeners}.',
      fix: 'Turn on "pick host name from backend target" on the backend settings (commands below) so the app gets its own default name, and use a custom probe that picks its host name from the backend settings. Or set the settings\' host name to a custom domain that is bound to the app (check with az webapp config hostname list).',
    },
    ko: {
      title: 'PaaS 백엔드가 클라이언트의 호스트 이름을 받습니다',
      message: '백엔드 설정 {settings}이(가) {service} 멤버 {members}에 요청을 보내지만 호스트 이름 재정의도 "백엔드 대상에서 호스트 이름 선택"도 설정되어 있지 않아, 백엔드가 클라이언트의 호스트를 받습니다: {clientHosts}.',
      effect:
        '{service}은(는) Host 헤더로 라우팅하며 앱에 바인딩되지 않은 호스트 이름을 거부합니다. 404(또는 자체 오류 페이지)를 반환하고 프로브가 실패하며 클라이언트는 502를 받습니다. 위 클라이언트 호스트 이름이 모두 앱에 바인딩된 사용자 지정 도메인인 경우에만 동작합니다(*는 기본 리스너, 즉 클라이언트가 보내는 임의의 호스트 이름). 영향받는 리스너: {listeners}.',
      fix: '백엔드 설정에서 "백엔드 대상에서 호스트 이름 선택"(pickHostNameFromBackendAddress)을 켜서 앱이 자신의 기본 이름을 받게 하고(아래 명령), 백엔드 설정에서 호스트 이름을 가져오는 사용자 지정 프로브를 사용하세요. 또는 설정의 호스트 이름을 앱에 바인딩된 사용자 지정 도메인으로 지정하세요(az webapp config hostname list로 확인).',
    },
  },
  check({ gateway, report }) {
    interface Acc {
      settings: BackendHttpSettings;
      services: Set<string>;
      members: Map<string, { path: string; source: SourceRef }>;
      listeners: Set<HttpListener>;
      unnamedListener: boolean;
      affected: Set<string>;
      pools: Set<object>;
    }
    const bySettings = new Map<BackendHttpSettings, Acc>();
    const poolPaas = new Map<object, { fqdn: string; service: string; path: string; source: SourceRef }[]>();
    const paths = requestPaths(gateway);
    for (let i = 0; i < paths.length; i++) {
      const p = paths[i]!;
      const s = p.settings;
      const pool = p.pool;
      if (!s || !pool || p.redirect) continue;
      if (s.hostName || s.pickHostNameFromBackendAddress) continue;
      let members = poolPaas.get(pool);
      if (!members) {
        members = [];
        pool.backendAddresses.forEach((a, i) => {
          const service = paasServiceOf(a.fqdn);
          if (service) members!.push({ fqdn: a.fqdn!.trim(), service, path: `backendAddressPools[${pool.name}].backendAddresses[${i}].fqdn`, source: memberSource(pool, a) });
        });
        poolPaas.set(pool, members);
      }
      if (!members.length) continue;
      let acc = bySettings.get(s);
      if (!acc) bySettings.set(s, (acc = { settings: s, services: new Set(), members: new Map(), listeners: new Set(), unnamedListener: false, affected: new Set(), pools: new Set() }));
      if (!acc.pools.has(pool)) acc.pools.add(pool);
      else members = [];
      for (const m of members) {
        acc.services.add(m.service);
        acc.members.set(m.fqdn, { path: m.path, source: m.source });
      }
      const l = p.listener;
      if (l) acc.listeners.add(l);
      if (!l || !l.hostNames.length) acc.unnamedListener = true;
      const name = l?.name ?? p.listenerRef?.name ?? p.rule.name;
      acc.affected.add(l?.hostNames.length ? `${name} (${l.hostNames.join(', ')})` : name);
    }
    for (const acc of bySettings.values()) {
      const s = acc.settings;
      const hostNames = [...new Set([...acc.listeners].flatMap((l) => l.hostNames))];
      const clientHosts = acc.unnamedListener ? ['*', ...hostNames] : hostNames;
      const onlyTrafficManager = [...acc.services].every((x) => x === 'Traffic Manager');
      // Only multi-site listeners can be custom domains bound to the app; Traffic Manager hides what is behind it.
      const severity = acc.unnamedListener && !onlyTrafficManager ? 'error' : 'warning';
      const members = [...acc.members.keys()];
      const affected = [...acc.affected];
      report({
        resource: { type: 'backendHttpSettingsCollection', name: s.name, id: s.id },
        source: s.source,
        severity,
        params: {
          settings: s.name,
          service: [...acc.services].join(', '),
          members: members.slice(0, 5).join(', ') + (members.length > 5 ? ` (+${members.length - 5})` : ''),
          clientHosts: clientHosts.join(', '),
          listeners: affected.join('; '),
        },
        evidence: [
          { path: `backendHttpSettingsCollection[${s.name}].hostName`, value: '(not set)', source: s.source },
          { path: `backendHttpSettingsCollection[${s.name}].pickHostNameFromBackendAddress`, value: String(s.pickHostNameFromBackendAddress ?? false), source: s.source },
          ...[...acc.members.entries()].slice(0, 5).map(([fqdn, m]) => ({ path: m.path, value: fqdn, source: m.source })),
        ],
        affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}`,
            '$s.PickHostNameFromBackendAddress = $true',
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'http-settings update', `-n ${q(s.name)} --host-name-from-backend-pool true`)],
        },
      });
    }
  },
});
