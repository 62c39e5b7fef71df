/**
 * What backend health says about each server that is not Healthy, mapped to its documented cause and fix
 * (HEALTH table, azure-facts.md §6; the table lives in probe-log-messages.ts). Servers are grouped per pool,
 * settings and message so a pool of 1,200 servers with one problem gives one finding.
 */
import type { BackendServerHealth } from '../model/types';
import { defineRule } from './types';
import { ps, az } from './commands';
import { affectedBy, healthEvidence, healthView, listText, listenersText, settingsNameOf } from './backend-support';
import { describeProbeLog, matchProbeLog } from './probe-log-messages';

const MAX_LOG = 400;

export default defineRule({
  id: 'backend-probe-log',
  category: 'unhealthy-backend',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting',
  text: {
    en: {
      title: 'Backend health message for servers that are not Healthy',
      message: '{count} server(s) of pool {pool} (settings {settings}) are {health}: {servers}. Backend health says: "{log}"',
      effect: '{causeEn} {effectEn}',
      fix: '{fixEn} Then read backend health again: a server turns Healthy after one successful probe.',
    },
    ko: {
      title: 'Healthy가 아닌 서버에 대한 백엔드 상태 메시지',
      message: '풀 {pool}(설정 {settings})의 서버 {count}개가 {health} 상태입니다: {servers}. 백엔드 상태 메시지: "{log}"',
      effect: '{causeKo} {effectKo}',
      fix: '{fixKo} 조치한 뒤 백엔드 상태를 다시 확인하세요. 프로브가 한 번 성공하면 서버는 Healthy로 돌아옵니다.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const view = healthView(ctx);
    if (!view) return;
    for (const g of view.pools) {
      for (const s of g.settings) {
        const groups = new Map<string, { servers: BackendServerHealth[]; m: ReturnType<typeof matchProbeLog> }>();
        for (const server of s.servers) {
          if (server.health === 'Healthy' || server.health === 'Draining') continue;
          const m = matchProbeLog(server.healthProbeLog, server.healthProbeErrorName);
          if (!m || m.message?.kind === 'success') continue;
          const key = m.message ? `${m.message.kind}|${m.received ?? ''}|${m.bodyString ?? ''}|${server.health}` : `?|${server.healthProbeErrorName ?? ''}|${server.healthProbeLog ?? ''}|${server.health}`;
          const entry = groups.get(key);
          if (entry) entry.servers.push(server);
          else groups.set(key, { servers: [server], m });
        }
        if (!groups.size) continue;
        const allUnhealthy = s.servers.length > 0 && s.servers.every((x) => x.health === 'Unhealthy');
        const settingsName = settingsNameOf(s);
        const affected = affectedBy(gateway, (p) => (g.pool ? p.pool === g.pool : p.poolRef?.name.toLowerCase() === g.name.toLowerCase()) && (!s.settings || p.settings === s.settings));
        const lt = listenersText(affected);
        for (const { servers, m } of groups.values()) {
          const first = servers[0];
          const rawLog = first.healthProbeLog ?? first.healthProbeErrorName ?? '';
          const log = rawLog.length > MAX_LOG ? `${rawLog.slice(0, MAX_LOG)}…` : rawLog;
          const d = m && describeProbeLog(m);
          const health = first.health;
          const recognised = !!d;
          const severity = !recognised ? 'info' : allUnhealthy ? 'error' : 'warning';
          const effectEn = health === 'Unhealthy'
            ? allUnhealthy
              ? `No server of this pool is Healthy for these settings: ${lt.en} get 502 Bad Gateway.`
              : `These servers get no requests; the others carry the load for ${lt.en}. If they fail too, those listeners get 502.`
            : `The status of these servers is ${health}; requests to ${lt.en} may fail with 502 if the same cause blocks traffic.`;
          const effectKo = health === 'Unhealthy'
            ? allUnhealthy
              ? `이 설정에 대해 이 풀에 Healthy 서버가 없으므로 ${lt.ko}이(가) 502 Bad Gateway를 받습니다.`
              : `이 서버들은 요청을 받지 않고 나머지 서버가 ${lt.ko}의 부하를 처리합니다. 나머지도 실패하면 이 리스너들이 502를 받습니다.`
            : `이 서버들의 상태는 ${health}입니다. 같은 원인이 트래픽까지 막는다면 ${lt.ko}의 요청이 502로 실패할 수 있습니다.`;
          report({
            resource: { type: 'backendAddressPools', name: g.name, id: g.pool?.id ?? g.poolRef?.id ?? g.name },
            source: first.source,
            severity,
            params: {
              count: servers.length,
              pool: g.name,
              settings: settingsName,
              health,
              servers: listText(servers.map((x) => x.address), 10).en,
              log,
              causeEn: d ? d.en.cause : 'This message is not in the documented list (unrecognised probe log); it is shown as given.',
              causeKo: d ? d.ko.cause : '문서화된 목록에 없는 메시지입니다(인식되지 않은 프로브 로그). 받은 그대로 표시합니다.',
              effectEn,
              effectKo,
              fixEn: d ? d.en.fix : 'Search the message in the backend health troubleshooting article, and test the probe URL from a VM in the gateway\'s VNet (curl -v with the probe\'s host, path and port).',
              fixKo: d ? d.ko.fix : '백엔드 상태 문제 해결 문서에서 이 메시지를 찾아보고, 게이트웨이 VNet의 VM에서 프로브 URL을 테스트하세요(프로브의 host, 경로, 포트로 curl -v).',
            },
            evidence: healthEvidence(g.name, settingsName, servers, 10),
            affected,
            commands: { powershell: [ps.backendHealth(gateway)], az: [az.backendHealth(gateway)] },
          });
        }
      }
    }
  },
});
