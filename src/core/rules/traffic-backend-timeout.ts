/**
 * Access-log rows where the backend did not answer within the request time-out (logs-and-metrics.md §6, T502, T504,
 * GUIDE cause 4): ERRORINFO_UPSTREAM_TIMED_OUT, or a latency at the settings' requestTimeout (joined by
 * backendSettingName; v1 rows by routing their host). v1 answers 502; v2 retries a second member and answers 504.
 * Names the settings, its time-out (and whether it is Azure's default 20 s) and the latencies seen.
 */
import { defineRule } from './types';
import { settingsUpdateCommands, timeoutBehaviour } from './backend-support';
import {
  ACCESS_LOG_DOCS, affectedOf, classStats, classifiedTotal, countEvidence, findSettings, gatewayRes, peakText, pct, sampleEvidence, samplesFor, topText, trafficFor, windowOf,
} from './traffic-support';
import { DEFAULT_TIMEOUT_SECONDS } from '../traffic/merge';

export default defineRule({
  id: 'traffic-backend-timeout',
  category: 'request-timeout',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: ACCESS_LOG_DOCS,
  text: {
    en: {
      title: 'Access log: the backend did not answer within the request time-out',
      message: '{count} requests ({share} of the classified 5xx) timed out waiting for the backend through backend settings {settings} between {window} (5-minute peak {peak}): latency up to {latencyMax} s against a request time-out of {timeout} s. Status codes: {statuses}. Backends: {servers}.',
      effect: '{defaultEn}{behaviourEn}. Listeners affected: {listeners}.',
      fix: 'Find why the backend is slow at these times (the application, its dependencies, or a blocked connection: "a blocked connection can also time out", GUIDE-2026). If some requests legitimately take longer, raise the request time-out of {settings}{fixEn}.',
    },
    ko: {
      title: '액세스 로그: 백엔드가 요청 시간 제한 안에 응답하지 않았습니다',
      message: '{window}에 백엔드 설정 {settings}을(를) 거친 요청 {count}건(분류된 5xx의 {share})이 백엔드 응답을 기다리다 시간 초과되었습니다(5분 단위 최대 {peak}). 지연 시간은 최대 {latencyMax}초이며 요청 시간 제한은 {timeout}초입니다. 상태 코드: {statuses}. 백엔드: {servers}.',
      effect: '{defaultKo}{behaviourKo}. 영향받는 리스너: {listeners}.',
      fix: '이 시간대에 백엔드가 느린 이유를 찾으세요(애플리케이션, 종속 서비스, 또는 차단된 연결 — GUIDE-2026: "차단된 연결도 시간 초과될 수 있음"). 일부 요청이 정상적으로 더 오래 걸린다면 {settings}의 요청 시간 제한을 늘리세요{fixKo}.',
    },
  },
  check(ctx) {
    const s = classStats(ctx, 'backend-timeout');
    if (!s) return;
    const t = trafficFor(ctx)!;
    const total = classifiedTotal(t);
    const groups = s.dimensions.settings.length ? s.dimensions.settings.slice(0, 5) : [{ key: '', count: s.count, error: 0, first: s.first, last: s.last, latencyMax: s.latency.max }];
    for (const g of groups) {
      const settings = findSettings(ctx.gateway, g.key);
      const used = t.timeouts.find((x) => x.settings.toLowerCase() === (g.key || '').toLowerCase());
      const timeout = settings?.requestTimeout ?? used?.seconds ?? DEFAULT_TIMEOUT_SECONDS;
      const isDefault = !settings ? used?.source !== 'config' : settings.requestTimeout === undefined || settings.requestTimeout === DEFAULT_TIMEOUT_SECONDS;
      const name = settings?.name ?? (g.key || '(settings not named in the log)');
      const count = groups.length === 1 ? s.count : g.count;
      const b = timeoutBehaviour(ctx.gateway, timeout);
      const samples = samplesFor(s, (x) => x.settings, g.key);
      const raise = Math.max(60, Math.ceil((g.latencyMax ?? s.latency.max) * 1.5 / 10) * 10);
      ctx.report({
        resource: settings ? { type: 'backendHttpSettingsCollection', name: settings.name, id: settings.id } : gatewayRes(ctx.gateway),
        source: settings?.source ?? ctx.gateway.source,
        params: {
          count,
          share: pct(count, total),
          settings: name,
          window: windowOf(groups.length === 1 ? s : g),
          peak: groups.length === 1 ? peakText(s) : '-',
          latencyMax: g.latencyMax ?? s.latency.max,
          timeout,
          defaultEn: isDefault ? `The time-out of ${name} is Azure's default of ${DEFAULT_TIMEOUT_SECONDS} s${settings?.requestTimeout === undefined ? ' (not set)' : ''}: the latencies sit at it. ` : '',
          defaultKo: isDefault ? `${name}의 시간 제한은 Azure 기본값 ${DEFAULT_TIMEOUT_SECONDS}초${settings?.requestTimeout === undefined ? '(설정되지 않음)' : ''}이며 지연 시간이 그 값에 몰려 있습니다. ` : '',
          statuses: Object.entries(s.byStatus).map(([k, n]) => `${k} × ${n}`).join(', '),
          servers: topText(s.dimensions.server) || '-',
          behaviourEn: b.en.charAt(0).toUpperCase() + b.en.slice(1),
          behaviourKo: b.ko,
          listeners: affectedOf(ctx, s, undefined, settings).join(', ') || '-',
          fixEn: isDefault ? ` from the default ${timeout} s (for example to ${raise} s)` : ` (for example to ${raise} s)`,
          fixKo: isDefault ? `(기본값 ${timeout}초에서, 예: ${raise}초로)` : `(예: ${raise}초로)`,
        },
        evidence: [
          ...countEvidence('backend-timeout', { ...s, count }, total),
          { path: settings ? `backendHttpSettingsCollection[${settings.name}].requestTimeout` : 'requestTimeout', value: settings?.requestTimeout === undefined ? `(not set: ${timeout})` : String(timeout), source: settings?.source },
          { path: 'traffic.classes[backend-timeout].latency', value: `min ${s.latency.min} s, avg ${s.latency.count ? Math.round((s.latency.sum / s.latency.count) * 1000) / 1000 : 0} s, max ${s.latency.max} s` },
          ...(Object.keys(s.errorInfo).length ? [{ path: 'traffic.classes[backend-timeout].errorInfo', value: Object.entries(s.errorInfo).map(([k, n]) => `${k}: ${n}`).join(', ') }] : []),
          ...sampleEvidence(samples),
        ],
        affected: affectedOf(ctx, s, undefined, settings),
        commands: settings ? settingsUpdateCommands(ctx.gateway, [settings], [`RequestTimeout = ${raise}`], `--timeout ${raise}`) : {},
      });
    }
  },
});
