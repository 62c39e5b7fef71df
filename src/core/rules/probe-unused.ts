/**
 * "A probe only runs when its setting is used by a rule" (SETTINGS, azure-facts.md §2): a custom probe
 * attached to no settings, or only to settings no rule routes through, checks nothing.
 */
import { defineRule } from './types';
import { q, rgOf } from './commands';
import { partLost, usageOf } from './backend-support';

export default defineRule({
  id: 'probe-unused',
  category: 'custom-probe',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-http-settings',
  text: {
    en: {
      title: 'Custom probe does not run',
      message: 'Probe {probe} never runs: no routing rule uses backend settings that reference it (settings referencing it: {users}).',
      effect: 'Nothing is probed with it. If it was meant for some backend settings, those settings use the default probe instead (GET / on the settings\' port, host 127.0.0.1 according to the documentation), which may mark their servers Unhealthy.',
      fix: 'Attach the probe to the backend settings it was made for (and make sure a rule uses those settings), or delete it.',
    },
    ko: {
      title: '실행되지 않는 사용자 지정 프로브',
      message: '프로브 {probe}은(는) 실행되지 않습니다. 이 프로브를 참조하는 백엔드 설정을 사용하는 라우팅 규칙이 없습니다(이 프로브를 참조하는 설정: {users}).',
      effect: '이 프로브로는 아무것도 검사하지 않습니다. 특정 백엔드 설정용으로 만든 것이었다면 그 설정은 대신 기본 프로브(설정 포트의 GET /, 문서상 호스트 127.0.0.1)를 사용하며, 이 때문에 서버가 Unhealthy로 표시될 수 있습니다.',
      fix: '프로브를 원래 의도한 백엔드 설정에 연결하고(그 설정을 규칙이 사용하는지도 확인), 아니면 삭제하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    // With rules, path maps or settings missing from the input, "unused" cannot be told.
    if (['requestRoutingRules', 'urlPathMaps', 'backendHttpSettingsCollection'].some((p) => partLost(gateway, p))) return;
    const usage = usageOf(ctx);
    const rg = q(rgOf(gateway));
    const gw = q(gateway.name);
    for (const probe of gateway.probes) {
      const users = usage.settingsByProbe.get(probe) ?? [];
      if (users.some((s) => usage.pathsBySettings.has(s))) continue;
      const names = users.map((s) => s.name).join(', ');
      const candidates = gateway.backendHttpSettingsCollection.filter((s) => !s.probe && usage.pathsBySettings.has(s) && (!probe.protocol || s.protocol?.toLowerCase() === probe.protocol.toLowerCase()));
      const target = candidates.length === 1 ? q(candidates[0].name) : '<settings-name>';
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: {
          probe: probe.name,
          users: users.length ? names : '—',
        },
        evidence: users.length
          ? users.map((s) => ({ path: `backendHttpSettingsCollection[${s.name}].probe`, value: probe.name, source: s.source }))
          : [{ path: `probes[${probe.name}]`, value: '(no backend settings reference it)', source: probe.source }],
        commands: {
          powershell: [
            `$gw = Get-AzApplicationGateway -Name ${gw} -ResourceGroupName ${rg}`,
            `$probe = Get-AzApplicationGatewayProbeConfig -ApplicationGateway $gw -Name ${q(probe.name)}`,
            `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${target}`,
            `$s.Probe = New-Object Microsoft.Azure.Commands.Network.Models.PSResourceId -Property @{ Id = $probe.Id }`,
            `# or delete it: Remove-AzApplicationGatewayProbeConfig -ApplicationGateway $gw -Name ${q(probe.name)}`,
            `Set-AzApplicationGateway -ApplicationGateway $gw`,
          ],
          az: [
            `az network application-gateway http-settings update -g ${rg} --gateway-name ${gw} -n ${target} --probe ${q(probe.name)}`,
            `# or delete it: az network application-gateway probe delete -g ${rg} --gateway-name ${gw} -n ${q(probe.name)}`,
          ],
        },
      });
    }
  },
});
