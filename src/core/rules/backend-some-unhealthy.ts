/**
 * Some servers of a pool are Unhealthy: requests go to the others (HEALTH). No 502 from this alone, but
 * less capacity, and one more failure away from an all-Unhealthy pool.
 */
import { defineRule } from './types';
import { ps, az } from './commands';
import { affectedBy, healthEvidence, healthView, listText, listenersText, settingsNameOf } from './backend-support';

export default defineRule({
  id: 'backend-some-unhealthy',
  category: 'unhealthy-backend',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting',
  text: {
    en: {
      title: 'Some servers of a backend pool are Unhealthy',
      message: 'Backend health shows {unhealthy} of {total} servers of pool {pool} Unhealthy for settings {settings}: {servers}.',
      effect: 'The gateway sends requests only to the {healthy} remaining server(s) of this pool, so capacity is lower; if they fail too, {listenersEn} get 502 Bad Gateway.',
      fix: 'Read the probe log of each Unhealthy server (see the backend-probe-log findings), fix its cause, and read backend health again.',
    },
    ko: {
      title: '백엔드 풀의 일부 서버가 Unhealthy',
      message: '백엔드 상태에서 풀 {pool}의 서버 {total}개 중 {unhealthy}개가 설정 {settings}에 대해 Unhealthy입니다: {servers}.',
      effect: '게이트웨이는 이 풀의 나머지 서버 {healthy}개로만 요청을 보내므로 처리 용량이 줄어듭니다. 나머지 서버마저 실패하면 {listenersKo}이(가) 502 Bad Gateway를 받습니다.',
      fix: 'Unhealthy 서버마다 프로브 로그를 확인하고(backend-probe-log 결과 참고) 원인을 해결한 뒤 백엔드 상태를 다시 확인하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const view = healthView(ctx);
    if (!view) return;
    for (const g of view.pools) {
      const some = g.settings.filter((s) => s.servers.some((x) => x.health === 'Unhealthy') && !s.servers.every((x) => x.health === 'Unhealthy'));
      if (!some.length) continue;
      const bad = some.flatMap((s) => s.servers.filter((x) => x.health === 'Unhealthy'));
      const total = some.reduce((n, s) => n + s.servers.length, 0);
      const healthy = some.reduce((n, s) => n + s.servers.filter((x) => x.health === 'Healthy').length, 0);
      const settingsList = some.map((s) => s.settings).filter((s) => !!s);
      const affected = affectedBy(gateway, (p) => (g.pool ? p.pool === g.pool : p.poolRef?.name.toLowerCase() === g.name.toLowerCase()) && (!p.settings || settingsList.length < some.length || settingsList.includes(p.settings)));
      const lt = listenersText(affected);
      report({
        resource: { type: 'backendAddressPools', name: g.name, id: g.pool?.id ?? g.poolRef?.id ?? g.name },
        source: g.pool?.source ?? bad[0].source,
        params: {
          pool: g.name,
          unhealthy: bad.length,
          total,
          healthy,
          settings: some.map(settingsNameOf).join(', '),
          servers: listText([...new Set(bad.map((s) => s.address))], 10).en,
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: some.flatMap((s) => healthEvidence(g.name, settingsNameOf(s), s.servers.filter((x) => x.health === 'Unhealthy'), 10)).slice(0, 20),
        affected,
        commands: { powershell: [ps.backendHealth(gateway)], az: [az.backendHealth(gateway)] },
      });
    }
  },
});
