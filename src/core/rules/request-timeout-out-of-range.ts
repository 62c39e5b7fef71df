/**
 * requestTimeout must be 1–86400 s (SETTINGS, SPEC; azure-facts.md §3). ARM rejects other values.
 */
import { defineRule } from './types';
import { affectedBy, settingsUpdateCommands } from './backend-support';

export default defineRule({
  id: 'request-timeout-out-of-range',
  category: 'request-timeout',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-http-settings',
  text: {
    en: {
      title: 'Request time-out outside 1–86400 seconds',
      message: 'Backend settings {settings} have requestTimeout {value}; Azure accepts whole seconds from 1 to 86400.',
      effect: 'Azure rejects these settings: a deployment or update that contains them fails, and the gateway keeps its previous configuration.',
      fix: 'Set the request time-out to a value in range — the default is 20 s; set it just above the longest time a request may legitimately take (the commands use {suggested} s).',
    },
    ko: {
      title: '요청 시간 제한이 1–86400초 범위를 벗어남',
      message: '백엔드 HTTP 설정 {settings}의 requestTimeout이 {value}입니다. Azure는 1에서 86400 사이의 정수(초)만 허용합니다.',
      effect: 'Azure는 이 설정을 거부하므로 이를 포함한 배포나 업데이트는 실패하고, 게이트웨이는 이전 구성을 유지합니다.',
      fix: '요청 시간 제한을 범위 안의 값으로 설정하세요. 기본값은 20초이며, 요청이 정상적으로 걸릴 수 있는 최대 시간보다 조금 길게 잡으세요(아래 명령은 {suggested}초 사용).',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    for (const settings of gateway.backendHttpSettingsCollection) {
      const v = settings.requestTimeout;
      if (v === undefined || (Number.isInteger(v) && v >= 1 && v <= 86400)) continue;
      const suggested = Number.isFinite(v) && v > 86400 ? 86400 : 20;
      report({
        resource: { type: 'backendHttpSettingsCollection', name: settings.name, id: settings.id },
        source: settings.source,
        params: { settings: settings.name, value: String(v), suggested },
        evidence: [{ path: `backendHttpSettingsCollection[${settings.name}].requestTimeout`, value: String(v), source: settings.source }],
        affected: affectedBy(gateway, (p) => p.settings === settings),
        commands: settingsUpdateCommands(gateway, [settings], [`RequestTimeout = ${suggested}`], `--timeout ${suggested}`),
      });
    }
  },
});
