/**
 * The default probe sends GET / on the settings' own port (azure-facts.md §2: `<protocol>://127.0.0.1:<port>/`).
 * On 80/443 that is usually a web site's home page; on other ports (APIs, admin consoles, app servers)
 * `/` often answers 401/403/404, which is outside 200–399.
 */
import { defineRule } from './types';
import { affectedBy, healthView, listText, listenersText, newProbeCommands, serversForSettings, usageOf } from './backend-support';

export default defineRule({
  id: 'default-probe-non-standard-port',
  category: 'default-probe',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview',
  text: {
    en: {
      title: 'Default probe on a non-standard port',
      message: 'Backend settings {settings} use port {port} and no custom probe: every 30 s each gateway instance sends GET {url} to every server of {pools}, and a server is marked Unhealthy after 3 answers outside 200–399 or 30 s without an answer.',
      effect: '{healthEn}If the application on port {port} answers / with 401, 403, 404 or 5xx (APIs and admin ports often do), the servers go Unhealthy and {listenersEn} get 502 Bad Gateway.',
      fix: 'Make sure every server answers GET / on {protocol} port {port} with a status from 200 to 399 — or add a custom probe with a path that does (for example the application\'s health endpoint).',
    },
    ko: {
      title: '표준이 아닌 포트에서 기본 프로브 사용',
      message: '백엔드 HTTP 설정 {settings}은(는) 포트 {port}을(를) 사용하고 사용자 지정 프로브가 없습니다. 각 게이트웨이 인스턴스가 30초마다 {pools}의 모든 서버에 GET {url} 요청을 보내며, 200–399 밖의 응답이 3번 오거나 30초 동안 응답이 없으면 서버를 Unhealthy로 표시합니다.',
      effect: '{healthKo}포트 {port}의 애플리케이션이 /에 401, 403, 404 또는 5xx로 응답하면(API나 관리 포트에서 흔함) 서버가 Unhealthy가 되고 {listenersKo}이(가) 502 Bad Gateway를 받습니다.',
      fix: '모든 서버가 {protocol} 포트 {port}에서 GET /에 200–399 상태로 응답하는지 확인하세요. 또는 그렇게 응답하는 경로(예: 애플리케이션의 상태 확인 엔드포인트)로 사용자 지정 프로브를 추가하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    const view = healthView(ctx);
    for (const [settings] of usage.pathsBySettings) {
      if (settings.probe || settings.port === undefined) continue;
      if (settings.port === 80 || settings.port === 443) continue;
      const servers = serversForSettings(view, settings);
      if (servers.length && servers.every((s) => s.health === 'Healthy')) continue;
      const unhealthy = servers.filter((s) => s.health === 'Unhealthy');
      const protocol = (settings.protocol ?? 'Http').toLowerCase() === 'https' ? 'Https' : 'Http';
      const pools = usage.poolsBySettings.get(settings) ?? [];
      const affected = affectedBy(gateway, (p) => p.settings === settings);
      const lt = listenersText(affected);
      report({
        resource: { type: 'backendHttpSettingsCollection', name: settings.name, id: settings.id },
        source: settings.source,
        severity: unhealthy.length ? 'warning' : undefined,
        params: {
          settings: settings.name,
          port: settings.port,
          protocol,
          url: `${protocol.toLowerCase()}://127.0.0.1:${settings.port}/`,
          pools: pools.length ? listText(pools.map((p) => p.name), 5).en : '(none)',
          healthEn: unhealthy.length ? `Backend health shows ${unhealthy.length} of ${servers.length} servers Unhealthy for these settings. ` : '',
          healthKo: unhealthy.length ? `백엔드 상태에서 이 설정의 서버 ${servers.length}개 중 ${unhealthy.length}개가 Unhealthy입니다. ` : '',
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [
          { path: `backendHttpSettingsCollection[${settings.name}].port`, value: String(settings.port), source: settings.source },
          { path: `backendHttpSettingsCollection[${settings.name}].probe`, value: '(none: default probe)', source: settings.source },
          ...unhealthy.slice(0, 5).map((s) => ({ path: `backendHealth.servers[${s.address}].health`, value: s.healthProbeLog ? `${s.health} — ${s.healthProbeLog}` : s.health, source: s.source })),
        ],
        affected,
        commands: newProbeCommands(gateway, settings, {
          protocol,
          path: '<path-that-answers-200>',
          host: settings.hostName || settings.pickHostNameFromBackendAddress ? undefined : '127.0.0.1',
          pickFromSettings: !!settings.hostName || !!settings.pickHostNameFromBackendAddress,
        }),
      });
    }
  },
});
