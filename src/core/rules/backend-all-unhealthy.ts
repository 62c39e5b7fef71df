/**
 * Every server of a pool is Unhealthy (for the settings that route to it): the gateway has no server to send
 * the request to and answers 502 — there is no fail-open (HEALTH, GUIDE cause 6; azure-facts.md §2).
 * Probes run per server × settings pair, so the verdict is per pair.
 */
import { defineRule } from './types';
import { ps, az } from './commands';
import { affectedBy, healthEvidence, healthView, listText, listenersText, settingsNameOf } from './backend-support';

export default defineRule({
  id: 'backend-all-unhealthy',
  category: 'unhealthy-backend',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting',
  text: {
    en: {
      title: 'Every server of a backend pool is Unhealthy',
      message: 'Backend health shows every server of pool {pool} ({count} in total) Unhealthy for settings {settings}: {servers}.',
      effect: 'With no healthy server the gateway answers 502 Bad Gateway ("no healthy servers that can handle the request") to {listenersEn}.',
      fix: 'Read each server\'s probe log (see the backend-probe-log findings for the cause and fix of each message), fix that cause, and read backend health again: a server turns Healthy after one successful probe.',
    },
    ko: {
      title: '백엔드 풀의 모든 서버가 Unhealthy',
      message: '백엔드 상태에서 풀 {pool}의 모든 서버(총 {count}개)가 설정 {settings}에 대해 Unhealthy입니다: {servers}.',
      effect: '정상 서버가 없으므로 게이트웨이는 {listenersKo}에 502 Bad Gateway("no healthy servers that can handle the request")를 반환합니다.',
      fix: '서버마다 프로브 로그를 확인하고(각 메시지의 원인과 해결 방법은 backend-probe-log 결과 참고) 그 원인을 해결한 뒤 백엔드 상태를 다시 확인하세요. 프로브가 한 번 성공하면 서버는 Healthy로 돌아옵니다.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const view = healthView(ctx);
    if (!view) return;
    for (const g of view.pools) {
      const dead = g.settings.filter((s) => s.servers.length > 0 && s.servers.every((x) => x.health === 'Unhealthy'));
      if (!dead.length) continue;
      const servers = dead.flatMap((s) => s.servers);
      const addresses = [...new Set(servers.map((s) => s.address))];
      const deadSettings = dead.map((s) => s.settings).filter((s) => !!s);
      const affected = affectedBy(gateway, (p) => (g.pool ? p.pool === g.pool : p.poolRef?.name.toLowerCase() === g.name.toLowerCase()) && (deadSettings.length < dead.length || !p.settings || deadSettings.includes(p.settings)));
      const lt = listenersText(affected);
      report({
        resource: { type: 'backendAddressPools', name: g.name, id: g.pool?.id ?? g.poolRef?.id ?? g.name },
        source: g.pool?.source ?? servers[0].source,
        params: {
          pool: g.name,
          count: addresses.length,
          settings: dead.map(settingsNameOf).join(', '),
          servers: listText(addresses, 10).en,
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: dead.flatMap((s) => healthEvidence(g.name, settingsNameOf(s), s.servers, 10)).slice(0, 20),
        affected,
        commands: { powershell: [ps.backendHealth(gateway)], az: [az.backendHealth(gateway)] },
      });
    }
  },
});
