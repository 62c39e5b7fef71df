/**
 * PROBE-PORTAL: the probe time-out "shouldn't be more than ... the 'Request timeout' value" of the settings.
 * Advised against, not rejected: a warning. A backend slower than the request time-out but faster than
 * the probe time-out stays Healthy while its requests time out.
 */
import { defineRule } from './types';
import { affectedBy, listenersText, requestTimeoutOf, timeoutBehaviour } from './backend-support';
import { q, rgOf } from './commands';

export default defineRule({
  id: 'request-timeout-below-probe-timeout',
  category: 'request-timeout',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-create-probe-portal',
  text: {
    en: {
      title: 'Request time-out is shorter than the probe time-out',
      message: 'Backend settings {settings} wait {requestTimeout} s for a response, but their probe {probe} waits up to {probeTimeout} s.',
      effect: '{defaultEn}{portalEn}A server that answers in between ({requestTimeout}–{probeTimeout} s) passes the probe and stays Healthy, yet its requests time out: {behaviourEn}. Listeners affected: {listenersEn}.',
      fix: 'Microsoft advises a probe time-out no longer than the request time-out. Lower the probe time-out to {requestTimeout} s or less, or raise the request time-out of {settings} if requests legitimately take that long.',
    },
    ko: {
      title: '요청 시간 제한이 프로브 시간 제한보다 짧음',
      message: '백엔드 HTTP 설정 {settings}은(는) 응답을 {requestTimeout}초 기다리지만, 프로브 {probe}은(는) 최대 {probeTimeout}초를 기다립니다.',
      effect: '{defaultKo}{portalKo}그 사이({requestTimeout}–{probeTimeout}초)에 응답하는 서버는 프로브를 통과해 Healthy로 남지만 요청은 시간 초과됩니다. {behaviourKo}. 영향받는 리스너: {listenersKo}.',
      fix: 'Microsoft는 프로브 시간 제한을 요청 시간 제한보다 길게 하지 말라고 권장합니다. 프로브 시간 제한을 {requestTimeout}초 이하로 낮추거나, 요청이 정상적으로 그만큼 걸린다면 {settings}의 요청 시간 제한을 늘리세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    for (const settings of gateway.backendHttpSettingsCollection) {
      const probe = ctx.gw.probe(settings.probe);
      if (!probe || probe.timeout === undefined || !Number.isFinite(probe.timeout)) continue;
      const rt = requestTimeoutOf(settings);
      if (rt < 1 || rt > 86400 || probe.timeout > 86400) continue;
      if (rt >= probe.timeout) continue;
      const affected = affectedBy(gateway, (p) => p.settings === settings);
      const lt = listenersText(affected);
      const b = timeoutBehaviour(gateway, rt);
      const rg = q(rgOf(gateway));
      const gw = q(gateway.name);
      const cmds = {
        powershell: [
          `$gw = Get-AzApplicationGateway -Name ${gw} -ResourceGroupName ${rg}`,
          `(Get-AzApplicationGatewayProbeConfig -ApplicationGateway $gw -Name ${q(probe.name)}).Timeout = ${rt}`,
          `# or, instead, raise the request time-out: (Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(settings.name)}).RequestTimeout = ${probe.timeout}`,
          'Set-AzApplicationGateway -ApplicationGateway $gw',
        ],
        az: [
          `az network application-gateway probe update -g ${rg} --gateway-name ${gw} -n ${q(probe.name)} --timeout ${rt}`,
          `# or, instead, raise the request time-out: az network application-gateway http-settings update -g ${rg} --gateway-name ${gw} -n ${q(settings.name)} --timeout ${probe.timeout}`,
        ],
      };
      // 20 s and 30 s are the portal's own defaults for the two values: common and mostly harmless.
      const portalDefaults = rt === 20 && probe.timeout === 30;
      report({
        resource: { type: 'backendHttpSettingsCollection', name: settings.name, id: settings.id },
        source: settings.source,
        severity: portalDefaults ? 'info' : undefined,
        params: {
          portalEn: portalDefaults ? 'Both values are the defaults Azure proposes, so this is common; it matters only for a backend that answers in 20–30 s. ' : '',
          portalKo: portalDefaults ? '두 값 모두 Azure가 제안하는 기본값이라 흔한 구성이며, 20–30초 사이에 응답하는 백엔드에서만 문제가 됩니다. ' : '',
          settings: settings.name,
          probe: probe.name,
          requestTimeout: rt,
          probeTimeout: probe.timeout,
          defaultEn: settings.requestTimeout === undefined ? 'The input does not set the request time-out, so it is the default 20 s. ' : '',
          defaultKo: settings.requestTimeout === undefined ? '입력에 요청 시간 제한 값이 없어 기본값 20초로 봅니다. ' : '',
          behaviourEn: b.en,
          behaviourKo: b.ko,
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [
          { path: `backendHttpSettingsCollection[${settings.name}].requestTimeout`, value: settings.requestTimeout === undefined ? `(not set: ${rt})` : String(rt), source: settings.source },
          { path: `probes[${probe.name}].timeout`, value: String(probe.timeout), source: probe.source },
        ],
        affected,
        commands: cmds,
      });
    }
  },
});
