/**
 * Settings without a custom probe use the default probe, which the guide and PROBE describe as sending
 * Host 127.0.0.1 (azure-facts.md §2). Some pages say v2 takes the host from the settings: that is not
 * settled, so this is a warning that says what to verify. A backend that serves only named sites
 * (multi-tenant PaaS, host-name bindings) answers such a probe with 404/400 and goes Unhealthy.
 */
import { memberSource } from '../model/members';
import { defineRule } from './types';
import {
  affectedBy, healthView, multiTenantMembers, listText, listenerHostsOf, listenersText, newProbeCommands, provenHealthy, usageOf,
} from './backend-support';

export default defineRule({
  id: 'default-probe-host-sensitive-backend',
  category: 'default-probe',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview',
  text: {
    en: {
      title: 'Default probe in front of a backend that serves named sites',
      message: 'Backend settings {settings} have no custom probe, so the default probe checks pool {pools} with GET {url} (expects 200–399). Signs that the backend serves only named sites: {signs}.',
      effect:
        '{reasonsEn} The documentation says the default probe sends the host 127.0.0.1; some pages say v2 takes the host from the backend settings — this is not settled. A backend that serves only named sites answers 127.0.0.1 with 404, 400 or another site\'s page: its servers go Unhealthy and {listenersEn} get 502 Bad Gateway.',
      fix: 'Add a custom probe for {settings} that sends the site\'s host name ({host}), with a path that answers 200–399 without authentication, or one that picks the host name from the backend settings when the settings carry it. Then verify in backend health that the servers of {pools} are Healthy for {settings}; "Received:404" or "Received:400" there means the host the probe sends is wrong.',
    },
    ko: {
      title: '이름 기반 사이트를 제공하는 백엔드에 기본 프로브 사용',
      message: '백엔드 HTTP 설정 {settings}에 사용자 지정 프로브가 없어 기본 프로브가 풀 {pools}을(를) GET {url}(200–399 기대)로 검사합니다. 백엔드가 이름 기반 사이트만 제공한다는 징후: {signs}.',
      effect:
        '{reasonsKo} 문서에는 기본 프로브가 호스트 127.0.0.1을 보낸다고 되어 있고, 일부 문서는 v2가 백엔드 설정의 호스트를 쓴다고 합니다(확정되지 않음). 이름 기반 사이트만 제공하는 백엔드는 127.0.0.1에 404, 400 또는 다른 사이트로 응답하므로 서버가 Unhealthy가 되고 {listenersKo}이(가) 502 Bad Gateway를 받습니다.',
      fix: '{settings}용 사용자 지정 프로브를 추가해 사이트의 호스트 이름({host})과 인증 없이 200–399로 응답하는 경로를 보내도록 하거나, 설정에 호스트 이름이 있으면 pickHostNameFromBackendHttpSettings를 사용하세요. 그다음 백엔드 상태에서 {pools}의 서버가 {settings}에 대해 Healthy인지 확인하세요. "Received:404" 또는 "Received:400"이 보이면 프로브가 보내는 호스트가 잘못된 것입니다.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    const view = healthView(ctx);
    for (const [settings, paths] of usage.pathsBySettings) {
      if (settings.probe) continue;
      if (provenHealthy(view, [settings])) continue;
      const pools = usage.poolsBySettings.get(settings) ?? [];
      const reasonsEn: string[] = [];
      const reasonsKo: string[] = [];
      const signs: string[] = [];
      const evidence = [];
      const paas = new Set<string>();
      for (const pool of pools) {
        for (const a of multiTenantMembers(pool, gateway)) {
          if (a.fqdn && !paas.has(a.fqdn)) {
            paas.add(a.fqdn);
            if (paas.size <= 10) evidence.push({ path: `backendAddressPools[${pool.name}].backendAddresses.fqdn`, value: a.fqdn, source: memberSource(pool, a) });
          }
        }
      }
      if (paas.size) {
        const l = listText([...paas], 5);
        signs.push(`backend FQDN ${l.en}`);
        reasonsEn.push(`pool members ${l.en} are multi-tenant Azure host names (App Service, API Management, Container Apps, Storage, …) that answer only for their own host name`);
        reasonsKo.push(`풀 멤버 ${l.ko}은(는) 자기 호스트 이름에만 응답하는 다중 테넌트 Azure 호스트 이름(App Service, API Management, Container Apps, Storage 등)입니다`);
      }
      if (settings.hostName) {
        signs.push(`hostName = ${settings.hostName}`);
        reasonsEn.push(`the settings send the host name ${settings.hostName} to the backend, a sign that it routes by host name`);
        reasonsKo.push(`설정이 백엔드에 호스트 이름 ${settings.hostName}을(를) 보내므로 백엔드가 호스트 이름으로 라우팅한다고 볼 수 있습니다`);
        evidence.push({ path: `backendHttpSettingsCollection[${settings.name}].hostName`, value: settings.hostName, source: settings.source });
      } else if (settings.pickHostNameFromBackendAddress) {
        signs.push('pickHostNameFromBackendAddress = true');
        reasonsEn.push('the settings pick the host name from the backend address, a sign that the backend routes by host name');
        reasonsKo.push('설정이 백엔드 주소에서 호스트 이름을 가져오므로 백엔드가 호스트 이름으로 라우팅한다고 볼 수 있습니다');
        evidence.push({ path: `backendHttpSettingsCollection[${settings.name}].pickHostNameFromBackendAddress`, value: 'true', source: settings.source });
      }
      const hosts = listenerHostsOf(paths);
      if (hosts.length) {
        const l = listText(hosts, 5);
        signs.push(`listener hostNames = ${l.en}`);
        reasonsEn.push(`multi-site listeners for ${l.en} send their requests here, so the backend may serve only those names`);
        reasonsKo.push(`${l.ko}용 다중 사이트 리스너가 이곳으로 요청을 보내므로 백엔드가 그 이름만 제공할 수 있습니다`);
        const first = paths.find((p) => p.listener?.hostNames.length)?.listener;
        if (first) evidence.push({ path: `httpListeners[${first.name}].hostNames`, value: first.hostNames.join(', '), source: first.source });
      }
      if (!reasonsEn.length) continue;
      evidence.unshift({ path: `backendHttpSettingsCollection[${settings.name}].probe`, value: '(none: default probe)', source: settings.source });
      const protocol = (settings.protocol ?? 'Http').toLowerCase() === 'https' ? 'Https' : 'Http';
      const port = settings.port ?? (protocol === 'Https' ? 443 : 80);
      const host = settings.hostName ?? [...paas][0] ?? hosts.find((h) => !h.includes('*')) ?? '<site-host-name>';
      const pick = !!settings.hostName || !!settings.pickHostNameFromBackendAddress;
      const affected = affectedBy(gateway, (p) => p.settings === settings);
      const lt = listenersText(affected);
      const poolNames = listText(pools.map((p) => p.name), 5);
      report({
        resource: { type: 'backendHttpSettingsCollection', name: settings.name, id: settings.id },
        source: settings.source,
        params: {
          settings: settings.name,
          pools: pools.length ? poolNames.en : '(none)',
          url: `${protocol.toLowerCase()}://127.0.0.1:${port}/`,
          signs: signs.join('; '),
          reasonsEn: capital(reasonsEn.join('; ')) + '.',
          reasonsKo: reasonsKo.join('. ') + '.',
          listenersEn: lt.en,
          listenersKo: lt.ko,
          host,
        },
        evidence,
        affected,
        commands: newProbeCommands(gateway, settings, { protocol, path: '/', host: pick ? undefined : host, pickFromSettings: pick }),
      });
    }
  },
});

const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
