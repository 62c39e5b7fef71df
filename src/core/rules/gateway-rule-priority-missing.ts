/**
 * Rule priorities (v2): since API 2021-08-01 every rule needs a priority once any rule has one, so a mix is
 * rejected (error); with none, v2 orders multi-site listeners before basic ones (info). v1 processes rules
 * in the order listed (azure-facts.md §7 "Which listener and rule take a request", MULTISITE).
 */
import type { RequestRoutingRule } from '../model/types';
import { az, ps, q } from './commands';
import { defineRule, type RuleContext } from './types';

function hostKind(ctx: RuleContext, r: RequestRoutingRule): number {
  const hosts = ctx.gw.listener(r.httpListener)?.hostNames ?? [];
  if (!hosts.length) return 2; // basic listener: last
  return hosts.some((h) => /[*?]/.test(h)) ? 1 : 0; // wildcard after specific
}

export default defineRule({
  id: 'gateway-rule-priority-missing',
  category: 'gateway',
  severity: 'error',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/multiple-site-overview',
  text: {
    en: {
      title: 'Request routing rules without a priority',
      message: '{missing} of {total} routing rules of gateway {gateway} have no priority: {rules}.',
      effect:
        'With some rules prioritised and others not, Azure rejects the configuration (from API version 2021-08-01 every rule needs a priority once one has it): a deployment or update that sends it fails. With no priorities at all, v2 evaluates multi-site listeners before basic ones (v1: in the order listed), which is worth knowing when a request reaches an unexpected rule.',
      fix: 'Give every rule a unique priority from 1 to 20000 (1 is evaluated first): specific host names lowest, wildcard host names higher, basic listeners highest. Suggested: {suggested}.',
    },
    ko: {
      title: '우선순위가 없는 요청 라우팅 규칙이 있습니다',
      message: '게이트웨이 {gateway}의 라우팅 규칙 {total}개 중 {missing}개에 우선순위가 없습니다: {rules}.',
      effect:
        '일부 규칙에만 우선순위가 있으면 Azure가 구성을 거부하므로(API 버전 2021-08-01부터 한 규칙에 우선순위가 있으면 모든 규칙에 필요) 이 구성을 보내는 배포나 업데이트가 실패합니다. 우선순위가 전혀 없으면 v2는 다중 사이트 리스너를 기본 리스너보다 먼저 평가하고(v1은 나열된 순서), 요청이 예상과 다른 규칙으로 갈 때 이 점을 알아 두면 좋습니다.',
      fix: '모든 규칙에 1~20000 사이의 고유한 우선순위를 지정하세요(1이 가장 먼저 평가됨). 특정 호스트 이름은 가장 낮게, 와일드카드 호스트 이름은 그보다 높게, 기본 리스너는 가장 높게 지정하세요. 제안: {suggested}.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const rules = gateway.requestRoutingRules;
    if (!rules.length) return;
    const missing = rules.filter((r) => r.priority === undefined);
    if (!missing.length) return;
    const mixed = missing.length < rules.length;
    const used = new Set(rules.map((r) => r.priority).filter((p) => p !== undefined));
    // Suggest free numbers after the highest one in use, specific → wildcard → basic.
    let next = Math.ceil((Math.max(0, ...[...used].map(Number)) + 1) / 10) * 10;
    const ordered = [...missing].sort((a, b) => hostKind(ctx, a) - hostKind(ctx, b));
    const suggestion = new Map<RequestRoutingRule, number>();
    for (const r of ordered) {
      while (used.has(next)) next += 10;
      if (next > 20000) break;
      suggestion.set(r, next);
      used.add(next);
      next += 10;
    }
    const shown = missing.slice(0, 20).map((r) => r.name).join(', ') + (missing.length > 20 ? ` (+${missing.length - 20})` : '');
    const sugg = ordered.filter((r) => suggestion.has(r)).slice(0, 20);
    report({
      resource: { type: 'requestRoutingRules', name: missing[0].name, id: missing[0].id },
      source: missing[0].source,
      severity: mixed ? 'error' : 'info',
      params: {
        missing: missing.length,
        total: rules.length,
        rules: shown,
        suggested: sugg.map((r) => `${r.name} = ${suggestion.get(r)}`).join(', ') + (ordered.length > sugg.length ? ', …' : ''),
      },
      evidence: missing.slice(0, 20).map((r) => ({ path: `requestRoutingRules[${r.name}].priority`, value: '(none)', source: r.source })),
      commands: {
        powershell: [
          ps.getGateway(gateway),
          ...sugg.map((r) => `(Get-AzApplicationGatewayRequestRoutingRule -ApplicationGateway $gw -Name ${q(r.name)}).Priority = ${suggestion.get(r)}`),
          ps.setGateway(),
        ],
        az: sugg.map((r) => az.sub(gateway, 'rule update', `-n ${q(r.name)} --priority ${suggestion.get(r)}`)),
      },
    });
  },
});
