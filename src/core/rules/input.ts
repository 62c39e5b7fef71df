/**
 * Findings about the input itself (category `input`): unreadable documents, parts the paste could not
 * show (ConvertTo-Json depth, console name lists), merges. They are what the user must fix first.
 */
import type { Workspace } from '../model/types';
import type { EngineFinding } from './engine';
import { render } from './engine';
import type { RuleText } from './types';
import { problemKo, reasonKo } from '../input/messages-ko';

export const INPUT_RULES: Record<string, { docs: string; en: RuleText; ko: RuleText }> = {
  'input-problem': {
    docs: 'https://learn.microsoft.com/powershell/module/az.network/get-azapplicationgateway',
    en: { title: 'Input could not be read completely', message: '{document}: {problem} (line {line}, column {column})', fix: '{hint}' },
    ko: { title: '입력을 완전히 읽을 수 없습니다', message: '{document}: {problem} ({line}행 {column}열)', fix: '{hint}' },
  },
  'input-lost-part': {
    docs: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertto-json',
    en: {
      title: 'Part of the gateway is missing from the input',
      message: 'The input does not show {part} of gateway {gateway}: {reason}',
      effect: 'Checks that need {part} cannot run on this input; their findings may be missing.',
      fix: 'Export the gateway again in full: Get-AzApplicationGateway -Name {gateway} -ResourceGroupName {resourceGroup} | ConvertTo-Json -Depth 100',
    },
    ko: {
      title: '입력에 게이트웨이의 일부가 빠져 있습니다',
      message: '입력에 게이트웨이 {gateway}의 {part} 정보가 없습니다: {reason}',
      effect: '{part} 정보가 필요한 검사는 이 입력으로 실행할 수 없으며, 해당 결과가 누락될 수 있습니다.',
      fix: '게이트웨이 전체를 다시 내보내세요: Get-AzApplicationGateway -Name {gateway} -ResourceGroupName {resourceGroup} | ConvertTo-Json -Depth 100',
    },
  },
};

const KO_PROBLEM_HINT = '명령 출력 전체를 변경하지 않고 붙여 넣으세요. PowerShell은 ConvertTo-Json -Depth 100을 사용하세요.';

export function inputFindings(ws: Workspace): EngineFinding[] {
  const out: EngineFinding[] = [];
  for (const d of ws.documents) {
    for (const p of d.problems) {
      if (p.severity === 'info') continue;
      const meta = INPUT_RULES['input-problem'];
      const params = { document: d.name, problem: p.message, line: p.line, column: p.column, hint: p.hint ?? '' };
      out.push({
        ruleId: 'input-problem',
        category: 'input',
        severity: 'warning',
        gateway: d.gateways[0]?.name ?? '',
        gatewayId: d.gateways[0]?.id ?? '',
        resource: { type: 'document', name: d.name, id: d.name },
        evidence: p.excerpt ? [{ path: `${d.name}:${p.line}:${p.column}`, value: p.excerpt }] : [],
        source: { document: d.name, pointer: '' },
        commands: {},
        affected: [],
        docs: meta.docs,
        text: { en: render(meta.en, params), ko: render({ ...meta.ko, fix: p.hint ? KO_PROBLEM_HINT : '' }, { ...params, problem: problemKo(p.message)?.message ?? p.message }) },
      });
    }
  }
  // Losing these leaves checks blind; losing e.g. sslPolicy or identity only narrows what is shown.
  const ESSENTIAL = /^(sku|gatewayIPConfigurations|frontendIPConfigurations|frontendPorts|httpListeners|requestRoutingRules|urlPathMaps|backendAddressPools|backendHttpSettingsCollection|probes|redirectConfigurations)\b/i;
  for (const g of ws.gateways) {
    for (const l of g.lost) {
      const meta = INPUT_RULES['input-lost-part'];
      const params = { gateway: g.name, resourceGroup: g.resourceGroup ?? '<resource-group>', part: l.part, reason: l.reason };
      out.push({
        ruleId: 'input-lost-part',
        category: 'input',
        severity: ESSENTIAL.test(l.part) ? 'warning' : 'info',
        gateway: g.name,
        gatewayId: g.id,
        resource: { type: 'applicationGateways', name: g.name, id: g.id },
        evidence: [{ path: l.part, value: l.reason, source: g.source }],
        source: g.source,
        commands: { powershell: [`Get-AzApplicationGateway -Name ${g.name} -ResourceGroupName ${g.resourceGroup ?? '<resource-group>'} | ConvertTo-Json -Depth 100 | Out-File -Encoding utf8 ${g.name}.json`], az: [`az network application-gateway show -g ${g.resourceGroup ?? '<resource-group>'} -n ${g.name} > ${g.name}.json`] },
        affected: [],
        docs: meta.docs,
        text: { en: render(meta.en, params), ko: render(meta.ko, { ...params, reason: reasonKo(l.reason) ?? l.reason }) },
      });
    }
  }
  return out;
}
