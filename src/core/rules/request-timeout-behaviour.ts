/**
 * What happens when a backend is slower than the request time-out (GUIDE cause 4, azure-facts.md §3):
 * v1 answers 502; v2 tries a second pool member and, if that fails too, answers 504. Said once per gateway
 * for the settings left at the default 20 s, so a user seeing 502/504 after ~20 s knows why.
 */
import { defineRule } from './types';
import { DEFAULT_REQUEST_TIMEOUT, affectedBy, gatewayResource, listText, settingsUpdateCommands, timeoutBehaviour, usageOf } from './backend-support';

export default defineRule({
  id: 'request-timeout-behaviour',
  category: 'request-timeout',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-troubleshooting-502',
  text: {
    en: {
      title: 'Backend settings at the default 20-second request time-out',
      message: '{count} backend settings in use wait the default 20 s for a backend answer: {settingsList}.',
      effect: 'If a backend takes longer than 20 s (a long report, an upload, a slow dependency), the request fails: {behaviourEn}. In the access log such requests show a serverResponseLatency of about 20 s.',
      fix: 'If some requests legitimately take longer than 20 s, raise the request time-out on the settings that serve them (the guide\'s example uses 60 s); otherwise find why the backend is slow. Keep the time-out at or above the custom probe\'s time-out.',
    },
    ko: {
      title: '기본 요청 시간 제한 20초를 쓰는 백엔드 설정',
      message: '사용 중인 백엔드 HTTP 설정 {count}개가 기본값인 20초 동안 백엔드 응답을 기다립니다: {settingsList}.',
      effect: '백엔드가 20초보다 오래 걸리면(긴 보고서, 업로드, 느린 종속 서비스 등) 요청이 실패합니다. {behaviourKo}. 이런 요청은 액세스 로그에서 serverResponseLatency가 약 20초로 나타납니다.',
      fix: '일부 요청이 정상적으로 20초보다 오래 걸린다면 그 요청을 처리하는 설정의 요청 시간 제한을 늘리세요(가이드 예시는 60초). 그렇지 않다면 백엔드가 느린 이유를 찾으세요. 시간 제한은 사용자 지정 프로브의 시간 제한 이상으로 유지하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    const at = [...usage.pathsBySettings.keys()].filter((s) => s.requestTimeout === undefined || s.requestTimeout === DEFAULT_REQUEST_TIMEOUT);
    if (!at.length) return;
    const b = timeoutBehaviour(gateway, DEFAULT_REQUEST_TIMEOUT);
    const names = at.map((s) => (s.requestTimeout === undefined ? `${s.name} (not set)` : s.name));
    report({
      resource: gatewayResource(gateway),
      source: gateway.source,
      params: { count: at.length, settingsList: listText(names, 10).en, behaviourEn: b.en, behaviourKo: b.ko },
      evidence: at.slice(0, 10).map((s) => ({ path: `backendHttpSettingsCollection[${s.name}].requestTimeout`, value: s.requestTimeout === undefined ? '(not set: 20)' : '20', source: s.source })),
      affected: affectedBy(gateway, (p) => !!p.settings && at.includes(p.settings)),
      commands: settingsUpdateCommands(gateway, at.slice(0, 3), ['RequestTimeout = 60'], '--timeout 60'),
    });
  },
});
