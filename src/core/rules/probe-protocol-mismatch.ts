/**
 * PROBE: the custom probe's protocol "has to match" the protocol of the backend settings that use it
 * (azure-facts.md §2). One finding per probe and settings pair.
 */
import { defineRule } from './types';
import { affectedBy, listenersText, probeUpdateCommands, usageOf } from './backend-support';

export default defineRule({
  id: 'probe-protocol-mismatch',
  category: 'custom-probe',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview',
  text: {
    en: {
      title: 'Probe protocol differs from its backend settings',
      message: 'Probe {probe} uses {probeProtocol}, but backend settings {settings}, which use this probe, send traffic over {settingsProtocol}.',
      effect: '{sharedEn}The probe must use the protocol of its settings. Otherwise the probe checks something the traffic does not use (or Azure rejects the configuration): servers can be marked Unhealthy while they would serve requests, and {listenersEn} get 502 Bad Gateway.',
      fix: 'Set the probe protocol to {settingsProtocol}. If other settings with another protocol share this probe, give each protocol its own probe.',
    },
    ko: {
      title: '프로브 프로토콜이 백엔드 설정과 다름',
      message: '프로브 {probe}은(는) {probeProtocol}을(를) 사용하지만, 이 프로브를 쓰는 백엔드 HTTP 설정 {settings}은(는) {settingsProtocol}(으)로 트래픽을 보냅니다.',
      effect: '{sharedKo}프로브는 해당 설정과 같은 프로토콜을 사용해야 합니다. 그렇지 않으면 프로브가 실제 트래픽과 다른 것을 검사하거나(또는 Azure가 구성을 거부하여), 요청을 처리할 수 있는 서버도 Unhealthy로 표시되고 {listenersKo}이(가) 502 Bad Gateway를 받습니다.',
      fix: '프로브 프로토콜을 {settingsProtocol}(으)로 설정하세요. 다른 프로토콜의 설정이 이 프로브를 함께 쓰고 있다면 프로토콜마다 별도의 프로브를 만드세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    for (const [probe, users] of usage.settingsByProbe) {
      if (!probe.protocol) continue;
      const pp = probe.protocol.toLowerCase();
      const protocols = new Set(users.map((s) => s.protocol?.toLowerCase()).filter(Boolean));
      for (const settings of users) {
        if (!settings.protocol || settings.protocol.toLowerCase() === pp) continue;
        const shared = protocols.size > 1;
        const affected = affectedBy(gateway, (p) => p.settings === settings);
        const lt = listenersText(affected);
        const target = settings.protocol.toLowerCase() === 'https' ? 'Https' : 'Http';
        report({
          resource: { type: 'probes', name: probe.name, id: probe.id },
          source: probe.source,
          params: {
            probe: probe.name,
            probeProtocol: probe.protocol,
            settings: settings.name,
            settingsProtocol: settings.protocol,
            sharedEn: shared ? 'The probe is shared by settings with different protocols, so one of them always mismatches. ' : '',
            sharedKo: shared ? '이 프로브를 프로토콜이 다른 여러 설정이 함께 쓰므로 어느 한쪽은 항상 맞지 않습니다. ' : '',
            listenersEn: lt.en,
            listenersKo: lt.ko,
          },
          evidence: [
            { path: `probes[${probe.name}].protocol`, value: probe.protocol, source: probe.source },
            { path: `backendHttpSettingsCollection[${settings.name}].protocol`, value: settings.protocol, source: settings.source },
          ],
          affected,
          commands: probeUpdateCommands(gateway, probe, [`Protocol = '${target}'`], `--protocol ${target}`),
        });
      }
    }
  },
});
