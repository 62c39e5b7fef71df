/**
 * App Service routes by Host and rejects host names not bound to the app (GUIDE-2026 Resolution I, WEBAPP): backend
 * settings that override the host name with one the app does not have (`az webapp config hostname list`), or a
 * custom probe whose host is not bound, get App Service's 404 — probes fail, members turn unhealthy, clients get 502.
 * Needs the App Service output; without it gateway-paas-backend-no-host-override covers the general case.
 */
import { defineRule } from './types';
import { requestPaths } from '../model/topology';
import { settingsUpdateCommands, probeUpdateCommands } from './backend-support';
import { affectedBy } from './backend-support';
import { appLabel, appServices, appsInPool } from './app-service-support';
import type { AppService } from '../traffic/types';
import type { BackendHttpSettings, Probe } from '../model/types';

export default defineRule({
  id: 'app-service-host-not-bound',
  category: 'backend-app',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configure-web-app',
  text: {
    en: {
      title: 'Host name sent to App Service is not bound to the app',
      message: '{what} {name} sends Host "{host}" to App Service {app} ({member}), but the app\'s host names are: {hostNames}.',
      effect: 'App Service answers requests for a host name it does not have with 404: {effectEn} Listeners affected: {listeners}.',
      fix: '{fixEn} The app\'s names: az webapp config hostname list.',
    },
    ko: {
      title: 'App Service로 보내는 호스트 이름이 앱에 바인딩되어 있지 않습니다',
      message: '{what} {name}이(가) App Service {app}({member})에 Host "{host}"를 보내지만, 앱의 호스트 이름은 다음과 같습니다: {hostNames}.',
      effect: 'App Service는 자신에게 없는 호스트 이름의 요청에 404를 반환합니다. {effectKo} 영향받는 리스너: {listeners}.',
      fix: '{fixKo} 앱의 호스트 이름은 az webapp config hostname list로 확인하세요.',
    },
  },
  check(ctx) {
    const apps = appServices(ctx.workspace).filter((a) => a.hostNames.length || a.defaultHostName);
    if (!apps.length) return;
    const seen = new Set<string>();
    for (const p of requestPaths(ctx.gateway)) {
      if (!p.pool || !p.settings) continue;
      for (const { app, fqdn } of appsInPool(apps, p.pool)) {
        const bound = new Set([...app.hostNames, ...(app.defaultHostName ? [app.defaultHostName] : [])]);
        const s = p.settings;
        const hostOf = (h?: string) => h?.trim().toLowerCase().replace(/\.$/, '');
        const settingsHost = !s.pickHostNameFromBackendAddress ? hostOf(s.hostName) : undefined;
        if (settingsHost && !bound.has(settingsHost)) report(ctx, 'settings', s, undefined, settingsHost, app, fqdn, bound, seen);
        const probe = ctx.gw.probe(s.probe);
        const probeHost = probe && !probe.pickHostNameFromBackendHttpSettings ? hostOf(probe.host) : undefined;
        if (probe && probeHost && probeHost !== '127.0.0.1' && !bound.has(probeHost)) report(ctx, 'probe', s, probe, probeHost, app, fqdn, bound, seen);
      }
    }
  },
});

function report(
  ctx: Parameters<ReturnType<typeof defineRule>['check']>[0],
  what: 'settings' | 'probe',
  s: BackendHttpSettings,
  probe: Probe | undefined,
  host: string,
  app: AppService,
  member: string,
  bound: Set<string>,
  seen: Set<string>,
): void {
  const target = what === 'settings' ? s : probe!;
  const key = `${what}|${target.id}|${appLabel(app)}`;
  if (seen.has(key)) return;
  seen.add(key);
  const listeners = affectedBy(ctx.gateway, (p) => p.settings === s);
  const pick = {
    en: `Set ${what === 'settings' ? `backend settings ${s.name}` : `probe ${probe!.name}`} to a host name bound to the app — for the default name, "pick host name from backend target" — or bind ${host} to App Service ${appLabel(app)} (az webapp config hostname add).`,
    ko: `${what === 'settings' ? `백엔드 설정 ${s.name}` : `프로브 ${probe!.name}`}이(가) 앱에 바인딩된 호스트 이름을 쓰게 하거나(기본 이름이라면 "백엔드 대상에서 호스트 이름 선택"), ${host}을(를) App Service ${appLabel(app)}에 바인딩하세요(az webapp config hostname add).`,
  };
  ctx.report({
    resource: what === 'settings' ? { type: 'backendHttpSettingsCollection', name: s.name, id: s.id } : { type: 'probes', name: probe!.name, id: probe!.id },
    source: target.source,
    params: {
      what: what === 'settings' ? 'BackendHttpSettings' : 'Probe',
      name: target.name,
      host,
      app: appLabel(app),
      member,
      hostNames: [...bound].join(', '),
      effectEn: what === 'settings' ? 'every request through these settings gets 404 from the app (and the probe, when it takes its host from the settings, fails: members unhealthy, 502).' : 'the probe fails, the app is marked unhealthy and clients get 502.',
      effectKo: what === 'settings' ? '이 설정을 거치는 모든 요청이 앱에서 404를 받습니다(프로브가 설정에서 호스트를 가져오면 프로브도 실패해 멤버가 비정상이 되고 502가 납니다).' : '프로브가 실패해 앱이 비정상으로 표시되고 클라이언트는 502를 받습니다.',
      listeners: listeners.join(', ') || '-',
      fixEn: pick.en,
      fixKo: pick.ko,
    },
    evidence: [
      { path: what === 'settings' ? `backendHttpSettingsCollection[${s.name}].hostName` : `probes[${probe!.name}].host`, value: host, source: target.source },
      { path: `appService[${appLabel(app)}].hostNames`, value: [...bound].join(', '), source: app.source },
    ],
    affected: listeners,
    commands: what === 'settings'
      ? settingsUpdateCommands(ctx.gateway, [s], ['PickHostNameFromBackendAddress = $true', 'HostName = $null'], '--host-name-from-backend-pool true')
      : probeUpdateCommands(ctx.gateway, probe!, ['PickHostNameFromBackendHttpSettings = $true', 'Host = $null'], '--host-name-from-http-settings true'),
  });
}
