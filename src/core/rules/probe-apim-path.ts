/**
 * API Management behind the gateway (GUIDE-2026 Resolution B): probe `/status-0123456789abcdef` with the
 * host set to the APIM gateway's FQDN. Other paths on the APIM gateway answer 404 unless an API is
 * published there, so servers go Unhealthy. Reported on the custom probe, or on the settings when they use
 * the default probe (path /).
 */
import { memberSource } from '../model/members';
import type { BackendAddress, BackendAddressPool } from '../model/types';
import { defineRule } from './types';
import { affectedBy, apimMembers, listenersText, newProbeCommands, probeUpdateCommands, usageOf } from './backend-support';

export const APIM_STATUS_PATH = '/status-0123456789abcdef';

export default defineRule({
  id: 'probe-apim-path',
  category: 'custom-probe',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'API Management backend not probed on its status endpoint',
      message: 'Backend settings {settings} send requests to API Management ({apim}), and their probe ({probe}) checks the path {path} instead of {statusPath}.',
      effect: 'The API Management gateway answers 404 on paths where no API is published (on / for example): its servers go Unhealthy and {listenersEn} get 502 Bad Gateway.',
      fix: 'Probe API Management on {statusPath} with the host set to the API Management gateway\'s FQDN ({apim}).',
    },
    ko: {
      title: 'API Management 백엔드를 상태 엔드포인트로 프로브하지 않음',
      message: '백엔드 HTTP 설정 {settings}은(는) API Management({apim})로 요청을 보내는데, 이 설정의 프로브({probe})는 {statusPath} 대신 경로 {path}을(를) 검사합니다.',
      effect: 'API Management 게이트웨이는 API가 게시되지 않은 경로(예: /)에 404로 응답하므로 서버가 Unhealthy가 되고 {listenersKo}이(가) 502 Bad Gateway를 받습니다.',
      fix: 'API Management는 host를 API Management 게이트웨이 FQDN({apim})으로 하여 {statusPath} 경로로 프로브하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    const reportedProbes = new Set<string>();
    for (const [settings] of usage.pathsBySettings) {
      const pools = usage.poolsBySettings.get(settings) ?? [];
      const apim: { pool: BackendAddressPool; a: BackendAddress }[] = [];
      for (const p of pools) for (const a of apimMembers(p, gateway)) apim.push({ pool: p, a });
      if (!apim.length) continue;
      const fqdn = apim[0].a.fqdn!;
      const apimPools = new Set(apim.map((x) => x.pool));
      const probe = ctx.gw.probe(settings.probe);
      if (settings.probe && !probe) continue;
      let users = [settings];
      if (probe) {
        if (probe.path === undefined || probe.path.trim().toLowerCase() === APIM_STATUS_PATH) continue;
        if (reportedProbes.has(probe.id)) continue;
        reportedProbes.add(probe.id);
        users = (usage.settingsByProbe.get(probe) ?? []).filter((s) => usage.pathsBySettings.has(s));
      }
      const affected = affectedBy(gateway, (p) => !!p.settings && users.includes(p.settings) && !!p.pool && apimPools.has(p.pool));
      const lt = listenersText(affected);
      const protocol = (settings.protocol ?? 'Https').toLowerCase() === 'http' ? 'Http' : 'Https';
      report({
        resource: probe ? { type: 'probes', name: probe.name, id: probe.id } : { type: 'backendHttpSettingsCollection', name: settings.name, id: settings.id },
        source: probe?.source ?? settings.source,
        params: {
          settings: users.map((s) => s.name).join(', '),
          apim: fqdn,
          probe: probe ? probe.name : 'default',
          path: probe?.path ?? '/',
          statusPath: APIM_STATUS_PATH,
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [
          probe
            ? { path: `probes[${probe.name}].path`, value: probe.path ?? '', source: probe.source }
            : { path: `backendHttpSettingsCollection[${settings.name}].probe`, value: '(none: default probe, path /)', source: settings.source },
          { path: `backendAddressPools[${apim[0].pool.name}].backendAddresses.fqdn`, value: fqdn, source: memberSource(apim[0].pool, apim[0].a) },
        ],
        affected,
        commands: probe
          ? probeUpdateCommands(gateway, probe, [`Path = '${APIM_STATUS_PATH}'`, `Host = '${fqdn}'`, 'PickHostNameFromBackendHttpSettings = $false'], `--path ${APIM_STATUS_PATH} --host ${fqdn} --host-name-from-http-settings false`)
          : newProbeCommands(gateway, settings, { protocol, path: APIM_STATUS_PATH, host: fqdn }),
      });
    }
  },
});
