/**
 * host set together with pickHostNameFromBackendHttpSettings = true. Microsoft does not say they are
 * mutually exclusive (azure-facts.md §2, uncertain; Terraform documents them as exclusive), so this
 * is a warning: which host the probe really sends is ambiguous.
 */
import { defineRule } from './types';
import { affectedBy, listenersText, probeUpdateCommands, usageOf } from './backend-support';

export default defineRule({
  id: 'probe-host-and-pick',
  category: 'custom-probe',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-create-probe-portal',
  text: {
    en: {
      title: 'Probe has a host and also picks the host from the settings',
      message: 'Probe {probe} sets host {host} and also pickHostNameFromBackendHttpSettings = true.',
      effect: 'With the switch on, the host comes from the backend settings ({sourceEn}); Microsoft does not say what happens to an explicit host then (other tools treat the two as exclusive). The probe may not send {host}; if the name it sends is wrong for the backend, servers go Unhealthy and {listenersEn} get 502.',
      fix: 'Keep one of the two: to probe {host}, turn pickHostNameFromBackendHttpSettings off; to use the settings\' host, clear the probe\'s host. Then check in backend health that the servers are Healthy.',
    },
    ko: {
      title: '프로브에 host가 있으면서 설정에서 호스트도 가져옴',
      message: '프로브 {probe}은(는) host {host}을(를) 지정하면서 pickHostNameFromBackendHttpSettings = true로도 설정되어 있습니다.',
      effect: '이 스위치가 켜져 있으면 호스트는 백엔드 설정({sourceKo})에서 옵니다. 이때 명시한 host가 어떻게 되는지 Microsoft 문서에는 나와 있지 않습니다(다른 도구는 둘을 상호 배타적으로 취급). 프로브가 {host}을(를) 보내지 않을 수 있으며, 보내는 이름이 백엔드에 맞지 않으면 서버가 Unhealthy가 되고 {listenersKo}이(가) 502를 받습니다.',
      fix: '둘 중 하나만 사용하세요. {host}(으)로 프로브하려면 pickHostNameFromBackendHttpSettings를 끄고, 설정의 호스트를 쓰려면 프로브의 host를 비우세요. 그다음 백엔드 상태에서 서버가 Healthy인지 확인하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    for (const probe of gateway.probes) {
      const host = probe.host?.trim();
      if (!host || !probe.pickHostNameFromBackendHttpSettings) continue;
      const users = usage.settingsByProbe.get(probe) ?? [];
      const sources = users.map((s) => (s.hostName ? `${s.name}: ${s.hostName}` : s.pickHostNameFromBackendAddress ? `${s.name}: the pool member's address` : `${s.name}: no host name`));
      const sourcesKo = users.map((s) => (s.hostName ? `${s.name}: ${s.hostName}` : s.pickHostNameFromBackendAddress ? `${s.name}: 풀 멤버의 주소` : `${s.name}: 호스트 이름 없음`));
      const affected = affectedBy(gateway, (p) => !!p.settings && users.includes(p.settings));
      const lt = listenersText(affected);
      const cmds = probeUpdateCommands(gateway, probe, ['PickHostNameFromBackendHttpSettings = $false'], '--host-name-from-http-settings false');
      cmds.powershell.splice(cmds.powershell.length - 1, 0, `# or, to use the settings' host instead: $p.PickHostNameFromBackendHttpSettings = $true; $p.Host = $null`);
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: {
          probe: probe.name,
          host,
          sourceEn: sources.length ? sources.join('; ') : 'no settings use this probe',
          sourceKo: sourcesKo.length ? sourcesKo.join('; ') : '이 프로브를 쓰는 설정 없음',
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [
          { path: `probes[${probe.name}].host`, value: host, source: probe.source },
          { path: `probes[${probe.name}].pickHostNameFromBackendHttpSettings`, value: 'true', source: probe.source },
        ],
        affected,
        commands: cmds,
      });
    }
  },
});
