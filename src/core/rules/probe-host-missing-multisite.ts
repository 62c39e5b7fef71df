/**
 * A custom probe with no host that does not pick the host from the settings probes 127.0.0.1
 * (azure-facts.md §2; MULTISITE: one probe per setting, so probe one of the sites, or 127.0.0.1).
 * Behind multi-site listeners the backend often serves only the named sites.
 */
import { defineRule } from './types';
import { affectedBy, healthView, listText, listenerHostsOf, listenersText, probeUpdateCommands, provenHealthy, usageOf } from './backend-support';

export default defineRule({
  id: 'probe-host-missing-multisite',
  category: 'custom-probe',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/multiple-site-overview',
  text: {
    en: {
      title: 'Probe without a host behind multi-site listeners',
      message: 'Probe {probe} has no host and does not pick the host name from the backend settings, so it probes with the host 127.0.0.1. Its settings {settings} serve multi-site listeners for {hosts}.',
      effect: 'A backend that serves only those named sites answers 127.0.0.1 with 404, 400 or a default site: if that is outside the probe\'s match codes, its servers go Unhealthy and {listenersEn} get 502 Bad Gateway.',
      fix: 'Set the probe\'s host to one of the sites (for example {host}), or enable pickHostNameFromBackendHttpSettings — the settings must then carry a host name or pick it from the backend address. Keep 127.0.0.1 only if every server has a default site that answers 200–399. Then verify in backend health that the servers are Healthy.',
    },
    ko: {
      title: '다중 사이트 리스너 뒤에서 host가 없는 프로브',
      message: '프로브 {probe}에는 host가 없고 백엔드 설정에서 호스트 이름을 가져오지도 않으므로 호스트 127.0.0.1로 프로브합니다. 이 프로브를 쓰는 설정 {settings}은(는) {hosts}용 다중 사이트 리스너를 처리합니다.',
      effect: '이 이름의 사이트만 제공하는 백엔드는 127.0.0.1에 404, 400 또는 기본 사이트로 응답합니다. 그 응답이 프로브의 일치 코드 밖이면 서버가 Unhealthy가 되고 {listenersKo}이(가) 502 Bad Gateway를 받습니다.',
      fix: '프로브의 host를 사이트 중 하나(예: {host})로 설정하거나 pickHostNameFromBackendHttpSettings를 켜세요. 이 경우 설정에 호스트 이름이 있거나 백엔드 주소에서 가져와야 합니다. 모든 서버에 200–399로 응답하는 기본 사이트가 있을 때만 127.0.0.1을 유지하세요. 그다음 백엔드 상태에서 서버가 Healthy인지 확인하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    const view = healthView(ctx);
    for (const [probe, users] of usage.settingsByProbe) {
      if (probe.host?.trim() || probe.pickHostNameFromBackendHttpSettings) continue;
      const used = users.filter((s) => usage.pathsBySettings.has(s));
      const paths = used.flatMap((s) => usage.pathsBySettings.get(s) ?? []);
      const hosts = listenerHostsOf(paths);
      if (!hosts.length) continue;
      if (provenHealthy(view, used)) continue;
      const multi = used.filter((s) => listenerHostsOf(usage.pathsBySettings.get(s) ?? []).length > 0);
      const affected = affectedBy(gateway, (p) => !!p.settings && multi.includes(p.settings) && !!p.listener?.hostNames.length);
      const lt = listenersText(affected);
      const host = hosts.find((h) => !/[*?]/.test(h)) ?? '<site-host-name>';
      const listener = paths.find((p) => p.listener?.hostNames.length)?.listener;
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: {
          probe: probe.name,
          settings: multi.map((s) => s.name).join(', '),
          hosts: listText(hosts, 5).en,
          host,
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [
          { path: `probes[${probe.name}].host`, value: '(empty)', source: probe.source },
          { path: `probes[${probe.name}].pickHostNameFromBackendHttpSettings`, value: String(probe.pickHostNameFromBackendHttpSettings ?? false), source: probe.source },
          ...(listener ? [{ path: `httpListeners[${listener.name}].hostNames`, value: listener.hostNames.join(', '), source: listener.source }] : []),
        ],
        affected,
        commands: probeUpdateCommands(gateway, probe, [`Host = '${host.replace(/'/g, "''")}'`], `--host ${host}`),
      });
    }
  },
});
