/**
 * LIMITS: the request time-out may be up to 24 h to private backends but only 4 minutes to external
 * (public) backends (azure-facts.md §3). Settings above 240 s with public members promise more than
 * the service gives.
 */
import { memberSource } from '../model/members';
import { defineRule } from './types';
import { PUBLIC_BACKEND_TIMEOUT_LIMIT, affectedBy, addressText, listText, listenersText, publicMembers, settingsUpdateCommands, usageOf } from './backend-support';

export default defineRule({
  id: 'request-timeout-public-limit',
  category: 'request-timeout',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#application-gateway-limits',
  text: {
    en: {
      title: 'Request time-out above the 4-minute limit for public backends',
      message: 'Backend settings {settings} allow {timeout} s, but pool {pools} has public members ({members}). The documented limit for external (public) backends is 4 minutes (240 s).',
      effect: '{kindEn}Expect requests to these backends that run longer than 4 minutes to fail (502 on v1, 504 on v2) even though the settings allow {timeout} s. Listeners affected: {listenersEn}.',
      fix: 'Keep long-running requests under 4 minutes (make them asynchronous, or poll), or reach the backend privately (private IP, private endpoint) where up to 24 hours is allowed. Setting the time-out to 240 s makes the limit explicit.',
    },
    ko: {
      title: '공용 백엔드의 4분 제한을 넘는 요청 시간 제한',
      message: '백엔드 HTTP 설정 {settings}은(는) {timeout}초를 허용하지만, 풀 {pools}에 공용 멤버({members})가 있습니다. 외부(공용) 백엔드에 대한 문서상 제한은 4분(240초)입니다.',
      effect: '{kindKo}설정이 {timeout}초를 허용하더라도 이 백엔드로 가는 요청이 4분을 넘으면 실패한다고 보아야 합니다(v1은 502, v2는 504). 영향받는 리스너: {listenersKo}.',
      fix: '오래 걸리는 요청은 4분 안에 끝나도록 하거나(비동기 처리 또는 폴링), 백엔드에 사설 경로(사설 IP, 프라이빗 엔드포인트)로 연결하세요. 사설 백엔드는 최대 24시간까지 허용됩니다. 시간 제한을 240초로 설정하면 제한이 명확해집니다.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    for (const [settings] of usage.pathsBySettings) {
      const t = settings.requestTimeout;
      if (t === undefined || t <= PUBLIC_BACKEND_TIMEOUT_LIMIT || t > 86400) continue;
      const pools = usage.poolsBySettings.get(settings) ?? [];
      const hits: { pool: string; text: string; kind: 'ip' | 'fqdn'; source: typeof settings.source }[] = [];
      const publicPools = new Set<unknown>();
      for (const pool of pools) {
        const members = publicMembers(pool);
        if (members.length) publicPools.add(pool);
        for (const m of members.slice(0, 5)) hits.push({ pool: pool.name, text: addressText(m.address), kind: m.kind, source: memberSource(pool, m.address) });
      }
      if (!hits.length) continue;
      const byIp = [...publicPools].some((p) => publicMembers(p as (typeof pools)[number]).some((m) => m.kind === 'ip'));
      const affected = affectedBy(gateway, (p) => p.settings === settings && publicPools.has(p.pool));
      const lt = listenersText(affected);
      report({
        resource: { type: 'backendHttpSettingsCollection', name: settings.name, id: settings.id },
        source: settings.source,
        params: {
          settings: settings.name,
          timeout: t,
          pools: [...new Set(hits.map((h) => h.pool))].join(', '),
          members: listText(hits.map((h) => h.text), 5).en,
          kindEn: byIp ? '' : 'These are public Azure host names; if the gateway reaches them through a private endpoint, they are private and the limit does not apply. ',
          kindKo: byIp ? '' : '이 멤버들은 공용 Azure 호스트 이름입니다. 게이트웨이가 프라이빗 엔드포인트로 연결한다면 사설 백엔드이므로 이 제한이 적용되지 않습니다. ',
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [
          { path: `backendHttpSettingsCollection[${settings.name}].requestTimeout`, value: String(t), source: settings.source },
          ...hits.slice(0, 5).map((h) => ({ path: `backendAddressPools[${h.pool}].backendAddresses`, value: h.text, source: h.source })),
        ],
        affected,
        commands: settingsUpdateCommands(gateway, [settings], [`RequestTimeout = ${PUBLIC_BACKEND_TIMEOUT_LIMIT}`], `--timeout ${PUBLIC_BACKEND_TIMEOUT_LIMIT}`),
      });
    }
  },
});
