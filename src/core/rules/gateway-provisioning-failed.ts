/**
 * provisioningState Failed: the last change did not apply and the gateway can answer everything with 502;
 * Updating: a change is in flight (azure-facts.md §7, §8 step 1 / GUIDE-2026 Resolution G).
 */
import { az, ps, q } from './commands';
import { reportGatewayState } from './gateway-support';
import { defineRule } from './types';

export default defineRule({
  id: 'gateway-provisioning-failed',
  category: 'gateway',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'Gateway provisioning state is not Succeeded',
      message: 'Gateway {gateway} has provisioningState {state}.',
      effect:
        'Failed: the last change did not apply and the gateway can answer every request with 502, regardless of backend health. Updating: a change is being applied right now; this input may show the configuration before or after it. Listeners affected: {listeners}.',
      fix: 'Failed: re-apply the current configuration with a no-op update (commands below). If it fails again, read the statusMessage of the failed operation in the Activity log (for example ApplicationGatewayKeyVaultSecretException when a Key Vault certificate cannot be read), fix that, and update again. Updating: wait until it finishes, then export the gateway again and re-run this analysis.',
    },
    ko: {
      title: '게이트웨이 프로비저닝 상태가 Succeeded가 아닙니다',
      message: '게이트웨이 {gateway}의 provisioningState가 {state}입니다.',
      effect:
        'Failed: 마지막 변경이 적용되지 않았으며, 게이트웨이가 백엔드 상태와 관계없이 모든 요청에 502를 반환할 수 있습니다. Updating: 지금 변경이 적용되는 중이며, 이 입력은 변경 전 또는 후의 구성을 보여 줄 수 있습니다. 영향받는 리스너: {listeners}.',
      fix: 'Failed: 아래 명령으로 현재 구성을 변경 없이 다시 적용(no-op update)하세요. 다시 실패하면 Activity log에서 실패한 작업의 statusMessage를 확인하고(예: Key Vault 인증서를 읽을 수 없을 때 ApplicationGatewayKeyVaultSecretException), 원인을 해결한 뒤 다시 업데이트하세요. Updating: 작업이 끝날 때까지 기다린 뒤 게이트웨이를 다시 내보내고 이 분석을 다시 실행하세요.',
    },
  },
  check(ctx) {
    const { gateway } = ctx;
    reportGatewayState(ctx, 'provisioningState', ['failed', 'updating'], (s, affected) =>
      s === 'failed'
        ? {
            severity: 'error',
            affected,
            commands: {
              powershell: [
                ps.getGateway(gateway),
                ps.setGateway(),
                `Get-AzActivityLog -ResourceId ${q(gateway.id)} -StartTime (Get-Date).AddDays(-7) -Status Failed | Select-Object EventTimestamp, OperationName, Properties`,
              ],
              az: [az.gateway(gateway, 'update'), `az monitor activity-log list --resource-id ${q(gateway.id)} --offset 7d --status Failed`],
            },
          }
        : { severity: 'info', affected: [], commands: { az: [az.gateway(gateway, 'show', '--query provisioningState')] } },
    );
  },
});
