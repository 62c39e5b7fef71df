/**
 * A gateway that is not Running answers every request with 502, whatever the backends do
 * (azure-facts.md §7 operationalState, §8 step 1 / GUIDE-2026 Resolution G).
 */
import { az, ps } from './commands';
import { reportGatewayState } from './gateway-support';
import { defineRule } from './types';

export default defineRule({
  id: 'gateway-stopped',
  category: 'gateway',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'Gateway is not running',
      message: 'Gateway {gateway} has operationalState {state}.',
      effect:
        'A gateway that is not Running serves no traffic: every request gets 502, regardless of backend health. Stopped stays so until someone starts the gateway; Starting and Stopping are transitions that end within minutes. Listeners affected: {listeners}.',
      fix: 'Stopped: start the gateway with the commands below (starting takes several minutes), and check whether an automation or a person stopped it on purpose. Starting or Stopping: wait a few minutes and read the state again before changing anything.',
    },
    ko: {
      title: '게이트웨이가 실행 중이 아닙니다',
      message: '게이트웨이 {gateway}의 operationalState가 {state}입니다.',
      effect:
        'Running 상태가 아닌 게이트웨이는 트래픽을 처리하지 않으므로 백엔드 상태와 관계없이 모든 요청이 502를 받습니다. Stopped는 누군가 게이트웨이를 시작할 때까지 유지되고, Starting과 Stopping은 몇 분 안에 끝나는 전환 상태입니다. 영향받는 리스너: {listeners}.',
      fix: 'Stopped: 아래 명령으로 게이트웨이를 시작하세요(시작에는 몇 분이 걸립니다). 자동화나 다른 사람이 의도적으로 중지했는지도 확인하세요. Starting 또는 Stopping: 몇 분 기다린 뒤 상태를 다시 확인하고, 그 전에는 아무것도 변경하지 마세요.',
    },
  },
  check(ctx) {
    const { gateway } = ctx;
    reportGatewayState(ctx, 'operationalState', ['stopped', 'starting', 'stopping'], (s, affected) => {
      const showState = az.gateway(gateway, 'show', '--query "{operationalState:operationalState, provisioningState:provisioningState}"');
      return s === 'stopped'
        ? { severity: 'error', affected, commands: { powershell: [ps.getGateway(gateway), 'Start-AzApplicationGateway -ApplicationGateway $gw'], az: [az.gateway(gateway, 'start'), showState] } }
        : { severity: 'warning', affected, commands: { powershell: [`(${ps.getGateway(gateway).replace(/^\$gw = /, '')}).OperationalState`], az: [showState] } };
    });
  },
});
