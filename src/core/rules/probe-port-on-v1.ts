/**
 * The probe `port` exists on v2 only (Standard_v2, WAF_v2, Basic); ARM rejects it on v1 (azure-facts.md §2).
 */
import { defineRule } from './types';
import { affectedBy, probeUpdateCommands, usageOf } from './backend-support';

export default defineRule({
  id: 'probe-port-on-v1',
  category: 'custom-probe',
  severity: 'error',
  appliesTo: ['v1'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview',
  text: {
    en: {
      title: 'Probe port set on a v1 gateway',
      message: 'Probe {probe} sets port {port}, but gateway {gateway} is v1 ({sku}); the probe port exists only on v2 (Standard_v2, WAF_v2, Basic).',
      effect: 'Azure rejects a probe port on v1: a deployment or update that contains it fails, and the gateway keeps its previous configuration.',
      fix: 'Remove the port from the probe; a v1 probe always uses the port of its backend settings.',
    },
    ko: {
      title: 'v1 게이트웨이에 프로브 포트가 설정됨',
      message: '프로브 {probe}에 포트 {port}이(가) 설정되어 있지만 게이트웨이 {gateway}은(는) v1({sku})입니다. 프로브 포트는 v2(Standard_v2, WAF_v2, Basic)에만 있습니다.',
      effect: 'Azure는 v1에서 프로브 포트를 거부하므로 이를 포함한 배포나 업데이트는 실패하고, 게이트웨이는 이전 구성을 유지합니다.',
      fix: '프로브에서 port를 제거하세요. v1 프로브는 항상 백엔드 설정의 포트를 사용합니다.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    // The engine also runs v1 rules on gateways of unknown SKU; this one is only certain on v1.
    if (gateway.generation !== 'v1') return;
    const usage = usageOf(ctx);
    for (const probe of gateway.probes) {
      if (probe.port === undefined || probe.port === 0) continue;
      const users = usage.settingsByProbe.get(probe) ?? [];
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: { probe: probe.name, port: probe.port, sku: gateway.sku.name ?? gateway.sku.tier ?? 'v1' },
        evidence: [{ path: `probes[${probe.name}].port`, value: String(probe.port), source: probe.source }],
        affected: affectedBy(gateway, (p) => !!p.settings && users.includes(p.settings)),
        commands: probeUpdateCommands(gateway, probe, ['Port = $null'], '--set port=null'),
      });
    }
  },
});
