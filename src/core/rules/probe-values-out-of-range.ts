/**
 * Probe ranges (SPEC, azure-facts.md §2): interval 1–86400 s, timeout 1–86400 s, unhealthyThreshold 1–20,
 * port 1–65535. ARM rejects values outside them.
 */
import type { Probe } from '../model/types';
import { defineRule } from './types';
import { affectedBy, probeUpdateCommands, usageOf } from './backend-support';

const LIMITS: { key: 'interval' | 'timeout' | 'unhealthyThreshold' | 'port'; lo: number; hi: number; ps: string; az: string; fallback: number }[] = [
  { key: 'interval', lo: 1, hi: 86400, ps: 'Interval', az: '--interval', fallback: 30 },
  { key: 'timeout', lo: 1, hi: 86400, ps: 'Timeout', az: '--timeout', fallback: 30 },
  { key: 'unhealthyThreshold', lo: 1, hi: 20, ps: 'UnhealthyThreshold', az: '--threshold', fallback: 3 },
  { key: 'port', lo: 1, hi: 65535, ps: 'Port', az: '--port', fallback: 0 },
];

export default defineRule({
  id: 'probe-values-out-of-range',
  category: 'custom-probe',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview',
  text: {
    en: {
      title: 'Probe value outside the allowed range',
      message: 'Probe {probe} has values outside their ranges: {values}.',
      effect: 'Azure rejects a probe with these values: a deployment or update that contains it fails, and the gateway keeps its previous configuration.',
      fix: 'Use values inside the ranges: interval 1–86400 s (the portal advises not below 30), timeout 1–86400 s (not above the interval), unhealthy threshold 1–20, port 1–65535. The commands set {fixed}.',
    },
    ko: {
      title: '프로브 값이 허용 범위를 벗어남',
      message: '프로브 {probe}의 값이 범위를 벗어났습니다: {values}.',
      effect: 'Azure는 이런 값의 프로브를 거부하므로 이 프로브가 포함된 배포나 업데이트는 실패하고, 게이트웨이는 이전 구성을 유지합니다.',
      fix: '범위 안의 값을 사용하세요: interval 1–86400초(포털은 30 미만을 권장하지 않음), timeout 1–86400초(interval 이하), unhealthyThreshold 1–20, port 1–65535. 아래 명령은 {fixed}(으)로 설정합니다.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    for (const probe of gateway.probes) {
      const bad = LIMITS.filter((l) => {
        const v = probe[l.key];
        // A port of 0 is how some tools write "not set" (the settings' port is used then).
        if (l.key === 'port' && v === 0) return false;
        return v !== undefined && (!Number.isInteger(v) || v < l.lo || v > l.hi);
      });
      if (!bad.length) continue;
      const values = bad.map((l) => `${l.key} ${probe[l.key]} (${l.lo}–${l.hi})`).join(', ');
      const users = usage.settingsByProbe.get(probe) ?? [];
      const fixed = bad.map((l) => ({ l, v: suggest(probe, l, users[0]?.port) }));
      const affected = affectedBy(gateway, (p) => !!p.settings && users.includes(p.settings));
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: { probe: probe.name, values, fixed: fixed.map((f) => `${f.l.key} = ${f.v}`).join(', ') },
        evidence: bad.map((l) => ({ path: `probes[${probe.name}].${l.key}`, value: String(probe[l.key]), source: probe.source })),
        affected,
        commands: probeUpdateCommands(
          gateway,
          probe,
          fixed.map((f) => `${f.l.ps} = ${f.v}`),
          fixed.map((f) => `${f.l.az} ${f.v}`).join(' '),
        ),
      });
    }
  },
});

function suggest(probe: Probe, l: (typeof LIMITS)[number], settingsPort: number | undefined): number {
  const v = probe[l.key]!;
  if (l.key === 'port') return settingsPort && settingsPort >= 1 && settingsPort <= 65535 ? settingsPort : 80;
  if (!Number.isFinite(v) || v < l.lo) return l.fallback;
  if (v > l.hi) return l.hi;
  return Math.round(v) || l.fallback;
}
