/**
 * On v2 a probe `port` different from the settings' port checks another port than the one requests use
 * (azure-facts.md §2: the probe port is v2 only; not set → the settings' port). The v1 case, where ARM
 * rejects any probe port, is probe-port-on-v1.
 */
import { defineRule } from './types';
import { affectedBy, listenersText, probeUpdateCommands, usageOf } from './backend-support';

export default defineRule({
  id: 'probe-port-mismatch',
  category: 'custom-probe',
  severity: 'warning',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview',
  text: {
    en: {
      title: 'Probe port differs from the traffic port',
      message: 'Probe {probe} checks port {port}, while requests through backend settings {settings} go to port {trafficPort}.',
      effect: '{skuEn}Backend health then says nothing about the port that serves traffic: servers can look Healthy while the traffic port fails (clients of {listenersEn} get 502), or be marked Unhealthy although traffic would work (also 502).',
      fix: 'Unless the backend has a separate health port on purpose, remove the probe port so the probe uses the settings\' port. If it is a dedicated health port, make sure it fails whenever the traffic port does.',
    },
    ko: {
      title: '프로브 포트가 트래픽 포트와 다름',
      message: '프로브 {probe}은(는) 포트 {port}을(를) 검사하지만, 백엔드 HTTP 설정 {settings}을(를) 거치는 요청은 포트 {trafficPort}(으)로 갑니다.',
      effect: '{skuKo}그러면 백엔드 상태가 실제 트래픽 포트에 대해 아무것도 알려 주지 않습니다. 트래픽 포트가 실패하는데도 서버가 Healthy로 보이거나({listenersKo}의 클라이언트가 502를 받음), 트래픽은 될 텐데도 Unhealthy로 표시될 수 있습니다(역시 502).',
      fix: '백엔드에 의도적으로 별도의 상태 확인 포트를 둔 경우가 아니라면 프로브의 port를 제거해 설정의 포트를 쓰게 하세요. 전용 상태 확인 포트라면 트래픽 포트가 실패할 때 함께 실패하도록 하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    if (gateway.generation === 'v1') return;
    const usage = usageOf(ctx);
    for (const [probe, users] of usage.settingsByProbe) {
      const port = probe.port;
      if (port === undefined || port === 0) continue;
      const mismatched = users.filter((s) => s.port !== undefined && s.port !== port);
      if (!mismatched.length) continue;
      const affected = affectedBy(gateway, (p) => !!p.settings && mismatched.includes(p.settings));
      const lt = listenersText(affected);
      const unknown = gateway.generation === 'unknown';
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: {
          probe: probe.name,
          port,
          settings: mismatched.map((s) => s.name).join(', '),
          trafficPort: [...new Set(mismatched.map((s) => s.port))].join(', '),
          skuEn: unknown ? 'The input does not show the SKU; on a v1 gateway Azure rejects a probe port altogether. ' : '',
          skuKo: unknown ? '입력에 SKU가 없습니다. v1 게이트웨이라면 Azure가 프로브 포트 자체를 거부합니다. ' : '',
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [
          { path: `probes[${probe.name}].port`, value: String(port), source: probe.source },
          ...mismatched.map((s) => ({ path: `backendHttpSettingsCollection[${s.name}].port`, value: String(s.port), source: s.source })),
        ],
        affected,
        commands: probeUpdateCommands(gateway, probe, ['Port = $null'], '--set port=null'),
      });
    }
  },
});
