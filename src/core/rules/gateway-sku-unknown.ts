/**
 * The input shows no SKU, so v1 and v2 cannot be told apart (azure-facts.md §7: derive the generation from
 * sku.name / sku.tier). Every rule still runs and words its finding for both; this says which ones differ.
 */
import { ps, q, rgOf } from './commands';
import { defineRule } from './types';

const SKU_DEPENDENT = [
  'request time-out: v1 502 / v2 504',
  'GatewayManager ports: v1 65503-65534 / v2 65200-65535',
  'UDR 0.0.0.0/0 rules (v2)',
  'probe port (v2 only)',
  'backend TLS: v1 authentication certificates / v2 trusted root certificates, SNI',
  'rule order: v1 listed order / v2 priorities',
  'v1 retirement',
].join('; ');

export default defineRule({
  id: 'gateway-sku-unknown',
  category: 'gateway',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/overview-v2',
  text: {
    en: {
      title: 'Gateway SKU unknown: v1/v2 checks are worded for both',
      message: 'The input does not show the SKU of gateway {gateway}, so v1 and v2 behaviour cannot be told apart.',
      effect: 'Checks whose result depends on the SKU report what holds for each generation instead of one answer: {checks}.',
      fix: 'Include the SKU: export the gateway as JSON (commands below); the console (Format-List) output of some Az versions has no SkuText. Then run the analysis again.',
    },
    ko: {
      title: '게이트웨이 SKU를 알 수 없어 v1/v2 검사를 둘 다 기준으로 설명합니다',
      message: '입력에 게이트웨이 {gateway}의 SKU가 없어 v1과 v2 동작을 구분할 수 없습니다.',
      effect: 'SKU에 따라 결과가 달라지는 검사는 하나의 답 대신 세대별로 성립하는 내용을 보고합니다: {checks}.',
      fix: 'SKU가 포함되도록 게이트웨이를 JSON으로 내보내세요(아래 명령). 일부 Az 버전의 콘솔(Format-List) 출력에는 SkuText가 없습니다. 그런 다음 분석을 다시 실행하세요.',
    },
  },
  check({ gateway, report }) {
    if (gateway.generation !== 'unknown') return;
    report({
      resource: { type: 'applicationGateways', name: gateway.name, id: gateway.id },
      source: gateway.source,
      params: { checks: SKU_DEPENDENT },
      evidence: [
        { path: 'sku.name', value: gateway.sku.name ?? '(none)', source: gateway.source },
        { path: 'sku.tier', value: gateway.sku.tier ?? '(none)', source: gateway.source },
      ],
      commands: {
        powershell: [`${ps.exportGateway(gateway)} | Out-File -Encoding utf8 ${q(`${gateway.name}.json`)}`],
        az: [`az network application-gateway show -g ${q(rgOf(gateway))} -n ${q(gateway.name)} --query sku`],
      },
    });
  },
});
