/**
 * PROBE-PORTAL: the probe time-out "shouldn't be more than the 'Interval' value". Advised against, not
 * rejected (Microsoft's own PowerShell example uses -Interval 30 -Timeout 120): a warning.
 */
import { defineRule } from './types';
import { affectedBy, listenersText, probeUpdateCommands, usageOf } from './backend-support';

const inRange = (v: number | undefined): v is number => v !== undefined && Number.isInteger(v) && v >= 1 && v <= 86400;

export default defineRule({
  id: 'probe-timeout-exceeds-interval',
  category: 'custom-probe',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-create-probe-portal',
  text: {
    en: {
      title: 'Probe time-out is longer than its interval',
      message: 'Probe {probe} waits up to {timeout} s for an answer but probes every {interval} s.',
      effect: 'Microsoft advises against a time-out above the interval. A server that stops answering is marked Unhealthy only after {threshold} probes of up to {timeout} s each (about {detect} s); until then the gateway keeps sending it requests, which fail with 502 (or 504 on v2 after a retry) for {listenersEn}.',
      fix: 'Set the time-out to at most the interval (for example both 30 s), and keep it at or below the request time-out of the settings that use the probe.',
    },
    ko: {
      title: '프로브 시간 제한이 간격보다 깁니다',
      message: '프로브 {probe}은(는) 응답을 최대 {timeout}초 기다리지만 {interval}초마다 프로브합니다.',
      effect: 'Microsoft는 시간 제한을 간격보다 길게 설정하지 말라고 권장합니다. 응답을 멈춘 서버는 최대 {timeout}초짜리 프로브가 {threshold}번 실패한 뒤(약 {detect}초)에야 Unhealthy로 표시되며, 그동안 게이트웨이는 그 서버로 요청을 계속 보내고 {listenersKo}의 요청이 502(v2는 재시도 후 504)로 실패합니다.',
      fix: '시간 제한을 간격 이하로 설정하세요(예: 둘 다 30초). 또한 이 프로브를 쓰는 설정의 요청 시간 제한 이하로 유지하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    for (const probe of gateway.probes) {
      const { timeout, interval } = probe;
      if (!inRange(timeout) || !inRange(interval) || timeout <= interval) continue;
      const threshold = probe.unhealthyThreshold && probe.unhealthyThreshold >= 1 ? probe.unhealthyThreshold : 3;
      const users = usage.settingsByProbe.get(probe) ?? [];
      const affected = affectedBy(gateway, (p) => !!p.settings && users.includes(p.settings));
      const lt = listenersText(affected);
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: { probe: probe.name, timeout, interval, threshold, detect: threshold * timeout, listenersEn: lt.en, listenersKo: lt.ko },
        evidence: [
          { path: `probes[${probe.name}].timeout`, value: String(timeout), source: probe.source },
          { path: `probes[${probe.name}].interval`, value: String(interval), source: probe.source },
        ],
        affected,
        commands: probeUpdateCommands(gateway, probe, [`Timeout = ${interval}`], `--timeout ${interval}`),
      });
    }
  },
});
