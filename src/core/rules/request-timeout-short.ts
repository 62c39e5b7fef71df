/**
 * A request time-out of a few seconds. The default is 20 s and the guide's own example raises it to 60 s
 * (GUIDE, azure-facts.md §3). Below 5 s, ordinary slow moments — a cold start, a cache miss, a report or
 * a database query of a few seconds — already fail: v1 answers 502, v2 retries a second pool member and
 * then answers 504. 5 s is the line: short enough that real applications cross it, long enough that
 * settings tuned for fast APIs (5–10 s) are not flagged.
 */
import { defineRule } from './types';
import { affectedBy, listenersText, settingsUpdateCommands, timeoutBehaviour, usageOf } from './backend-support';

export const SHORT_REQUEST_TIMEOUT = 5;

export default defineRule({
  id: 'request-timeout-short',
  category: 'request-timeout',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-troubleshooting-502',
  text: {
    en: {
      title: 'Very short request time-out',
      message: 'Backend settings {settings} wait only {timeout} s for the backend to answer (the default is 20 s).',
      effect: 'Any request that takes longer — a cold start, a slow query, a large download starting late — fails: {behaviourEn}. Listeners affected: {listenersEn}.',
      fix: 'Set the request time-out just above the longest time a request to this backend may legitimately take (the guide\'s example uses 60 s). Check the access log: 502/504 rows whose serverResponseLatency is close to {timeout} s are requests cut off by this time-out.',
    },
    ko: {
      title: '매우 짧은 요청 시간 제한',
      message: '백엔드 HTTP 설정 {settings}은(는) 백엔드 응답을 {timeout}초만 기다립니다(기본값은 20초).',
      effect: '이보다 오래 걸리는 요청(콜드 스타트, 느린 쿼리, 늦게 시작되는 큰 다운로드 등)은 실패합니다. {behaviourKo}. 영향받는 리스너: {listenersKo}.',
      fix: '요청 시간 제한을 이 백엔드 요청이 정상적으로 걸릴 수 있는 최대 시간보다 조금 길게 설정하세요(가이드 예시는 60초). 액세스 로그에서 serverResponseLatency가 {timeout}초에 가까운 502/504 행은 이 시간 제한으로 끊긴 요청입니다.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    for (const [settings] of usage.pathsBySettings) {
      const t = settings.requestTimeout;
      if (t === undefined || !Number.isInteger(t) || t < 1 || t >= SHORT_REQUEST_TIMEOUT) continue;
      const affected = affectedBy(gateway, (p) => p.settings === settings);
      const lt = listenersText(affected);
      const b = timeoutBehaviour(gateway, t);
      report({
        resource: { type: 'backendHttpSettingsCollection', name: settings.name, id: settings.id },
        source: settings.source,
        params: { settings: settings.name, timeout: t, behaviourEn: b.en, behaviourKo: b.ko, listenersEn: lt.en, listenersKo: lt.ko },
        evidence: [{ path: `backendHttpSettingsCollection[${settings.name}].requestTimeout`, value: String(t), source: settings.source }],
        affected,
        commands: settingsUpdateCommands(gateway, [settings], ['RequestTimeout = 60'], '--timeout 60'),
      });
    }
  },
});
