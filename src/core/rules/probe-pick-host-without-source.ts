/**
 * A probe that picks its host from the backend settings, used by settings that have neither hostName nor
 * pickHostNameFromBackendAddress: ARM rejects it with
 * ApplicationGatewayBackendHttpSettingsIncompatibleProbeSettingPickHostName (GUIDE-2026 Resolution B).
 */
import { defineRule } from './types';
import { affectedBy, listenersText, usageOf } from './backend-support';
import { q, rgOf } from './commands';

export default defineRule({
  id: 'probe-pick-host-without-source',
  category: 'custom-probe',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'Probe picks the host from settings that have none',
      message: 'Probe {probe} picks its host name from the backend settings, but settings {settings} have neither a host name nor pickHostNameFromBackendAddress.',
      effect: 'There is no host for the probe to take. Azure rejects this combination (ApplicationGatewayBackendHttpSettingsIncompatibleProbeSettingPickHostName): a deployment or update that contains it fails, and the gateway keeps its previous configuration. Listeners behind these settings: {listenersEn}.',
      fix: 'Either give the probe an explicit host (and turn pickHostNameFromBackendHttpSettings off), or give settings {settings} a host name — a fixed hostName, or pickHostNameFromBackendAddress for FQDN members such as App Service.',
    },
    ko: {
      title: '프로브가 호스트가 없는 설정에서 호스트를 가져옴',
      message: '프로브 {probe}은(는) 백엔드 설정에서 호스트 이름을 가져오지만, 설정 {settings}에는 호스트 이름도 pickHostNameFromBackendAddress도 없습니다.',
      effect: '프로브가 가져올 호스트가 없습니다. Azure는 이 조합을 거부하므로(ApplicationGatewayBackendHttpSettingsIncompatibleProbeSettingPickHostName) 이를 포함한 배포나 업데이트는 실패하고, 게이트웨이는 이전 구성을 유지합니다. 이 설정 뒤의 리스너: {listenersKo}.',
      fix: '프로브에 host를 명시하고 pickHostNameFromBackendHttpSettings를 끄거나, 설정 {settings}에 호스트 이름을 지정하세요(고정 hostName, 또는 App Service 같은 FQDN 멤버라면 pickHostNameFromBackendAddress).',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    for (const [probe, users] of usage.settingsByProbe) {
      if (!probe.pickHostNameFromBackendHttpSettings) continue;
      const bad = users.filter((s) => !s.hostName && !s.pickHostNameFromBackendAddress);
      if (!bad.length) continue;
      const affected = affectedBy(gateway, (p) => !!p.settings && bad.includes(p.settings));
      const lt = listenersText(affected);
      const rg = q(rgOf(gateway));
      const gw = q(gateway.name);
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: { probe: probe.name, settings: bad.map((s) => s.name).join(', '), listenersEn: lt.en, listenersKo: lt.ko },
        evidence: [
          { path: `probes[${probe.name}].pickHostNameFromBackendHttpSettings`, value: 'true', source: probe.source },
          ...bad.map((s) => ({ path: `backendHttpSettingsCollection[${s.name}].hostName / pickHostNameFromBackendAddress`, value: `(none) / ${String(s.pickHostNameFromBackendAddress ?? false)}`, source: s.source })),
        ],
        affected,
        commands: {
          powershell: [
            `$gw = Get-AzApplicationGateway -Name ${gw} -ResourceGroupName ${rg}`,
            `# Option 1: an explicit host on the probe`,
            `$p = Get-AzApplicationGatewayProbeConfig -ApplicationGateway $gw -Name ${q(probe.name)}`,
            `$p.PickHostNameFromBackendHttpSettings = $false; $p.Host = '<site-host-name>'`,
            `# Option 2 (instead): the settings pick the host from the pool member (FQDN members)`,
            ...bad.map((s) => `# (Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}).PickHostNameFromBackendAddress = $true`),
            `Set-AzApplicationGateway -ApplicationGateway $gw`,
          ],
          az: [
            `az network application-gateway probe update -g ${rg} --gateway-name ${gw} -n ${q(probe.name)} --host-name-from-http-settings false --host <site-host-name>`,
            ...bad.map((s) => `# or instead: az network application-gateway http-settings update -g ${rg} --gateway-name ${gw} -n ${q(s.name)} --host-name-from-backend-pool true`),
          ],
        },
      });
    }
  },
});
