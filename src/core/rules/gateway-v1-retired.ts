/**
 * Application Gateway v1 (Standard_Small/Medium/Large, WAF_Medium/Large) was retired on 2026-04-28: running
 * v1 gateways are stopped, then deleted (azure-facts.md §7, V1-RETIRE). A v1 gateway seen now is unsupported
 * and may already be stopped; the wording assumes the analysis runs after that date.
 */
import { az, ps, q, rgOf } from './commands';
import { defineRule } from './types';

export const V1_RETIREMENT = '2026-04-28';

export default defineRule({
  id: 'gateway-v1-retired',
  category: 'gateway',
  severity: 'warning',
  appliesTo: ['v1'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/v1-retirement',
  text: {
    en: {
      title: 'Application Gateway v1 is retired',
      message: 'Gateway {gateway} uses the v1 SKU {sku}. Application Gateway v1 was retired on {retirement}.',
      effect:
        'Since {retirement} v1 gateways are unsupported: running v1 gateways are stopped and then deleted, and a stopped gateway serves nothing. This gateway may already be stopped, or be stopped without further notice; Microsoft support no longer covers it.',
      fix: 'Migrate to Standard_v2 / WAF_v2: the AzureAppGWMigration script copies the configuration to a new v2 gateway in a new subnet (commands below); then move the traffic (DNS or public IP) and retire the v1 gateway. Note the v2 differences: trusted root certificates instead of authentication certificates, NSG ports 65200-65535, rule priorities.',
    },
    ko: {
      title: 'Application Gateway v1은 사용 중지되었습니다',
      message: '게이트웨이 {gateway}은(는) v1 SKU {sku}을(를) 사용합니다. Application Gateway v1은 {retirement}에 사용 중지(retire)되었습니다.',
      effect:
        '{retirement}부터 v1 게이트웨이는 지원되지 않습니다. 실행 중인 v1 게이트웨이는 중지된 뒤 삭제되며, 중지된 게이트웨이는 아무 요청도 처리하지 않습니다. 이 게이트웨이는 이미 중지되었거나 별도 통지 없이 중지될 수 있으며, Microsoft 지원 대상도 아닙니다.',
      fix: 'Standard_v2 / WAF_v2로 마이그레이션하세요. AzureAppGWMigration 스크립트가 새 서브넷에 새 v2 게이트웨이를 만들고 구성을 복사합니다(아래 명령). 그런 다음 트래픽(DNS 또는 공용 IP)을 옮기고 v1 게이트웨이를 정리하세요. v2의 차이점에 유의하세요: 인증 인증서 대신 신뢰할 수 있는 루트 인증서, NSG 포트 65200-65535, 규칙 우선순위.',
    },
  },
  check({ gateway, report }) {
    if (gateway.generation !== 'v1') return;
    const sku = gateway.sku.name ?? gateway.sku.tier ?? 'v1';
    const waf = /waf/i.test(sku);
    const v2Name = `${gateway.name}-v2`;
    report({
      resource: { type: 'applicationGateways', name: gateway.name, id: gateway.id },
      source: gateway.source,
      params: { sku, retirement: V1_RETIREMENT },
      evidence: [
        { path: 'sku.name', value: gateway.sku.name ?? '', source: gateway.source },
        ...(gateway.sku.tier ? [{ path: 'sku.tier', value: gateway.sku.tier, source: gateway.source }] : []),
        ...(gateway.operationalState ? [{ path: 'operationalState', value: gateway.operationalState, source: gateway.source }] : []),
      ],
      commands: {
        powershell: [
          'Install-Script -Name AzureAppGWMigration',
          `AzureAppGWMigration.ps1 -resourceId ${q(gateway.id)} -subnetAddressRange <new-v2-subnet-cidr> -appgwName ${q(v2Name)} -AppGWResourceGroupName ${q(rgOf(gateway))} -validateMigration -enableAutoScale`,
          `(${ps.getGateway(gateway).replace(/^\$gw = /, '')}).OperationalState`,
        ],
        az: [
          `az network application-gateway create -g ${q(rgOf(gateway))} -n ${q(v2Name)} --sku ${waf ? 'WAF_v2' : 'Standard_v2'} --capacity 2 --vnet-name <vnet> --subnet <new-v2-subnet> --public-ip-address <standard-sku-public-ip> --priority 100`,
          az.gateway(gateway, 'show', '--query operationalState'),
        ],
      },
    });
  },
});
