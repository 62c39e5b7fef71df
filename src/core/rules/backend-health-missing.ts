/**
 * Without backend health the server-state checks cannot run (HEALTH); say so once, with the commands that
 * supply it, rather than imply the backends are fine.
 */
import { defineRule } from './types';
import { ps, az } from './commands';
import { gatewayResource, usageOf } from './backend-support';

export default defineRule({
  id: 'backend-health-missing',
  category: 'unhealthy-backend',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting',
  text: {
    en: {
      title: 'No backend health in the input',
      message: 'The input has no backend health for gateway {gateway}, so the checks of server health (Unhealthy or Unknown servers and their probe messages) did not run. This does not mean the servers are healthy.',
      fix: 'Run one of the commands below and add its output to the analysis. Backend health is the quickest way to see why a pool answers 502.',
    },
    ko: {
      title: '입력에 백엔드 상태가 없음',
      message: '입력에 게이트웨이 {gateway}의 백엔드 상태가 없어 서버 상태 검사(Unhealthy/Unknown 서버와 프로브 메시지)를 실행하지 못했습니다. 서버가 정상이라는 뜻은 아닙니다.',
      fix: '아래 명령 중 하나를 실행해 그 출력을 분석에 추가하세요. 백엔드 상태는 풀이 502를 반환하는 이유를 가장 빨리 알 수 있는 방법입니다.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    if (ctx.net.healthOf(gateway).length) return;
    if (!usageOf(ctx).backendPaths.length && !gateway.backendAddressPools.length) return;
    report({
      resource: gatewayResource(gateway),
      source: gateway.source,
      evidence: [{ path: 'backendHealth', value: '(not in the input)' }],
      commands: { powershell: [ps.backendHealth(gateway)], az: [az.backendHealth(gateway)] },
    });
  },
});
