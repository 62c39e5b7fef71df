/**
 * v2 with rule priorities evaluates the lowest number first: a wildcard listener (`*.contoso.com`) whose rule
 * has a smaller number than a more specific listener's (`shop.contoso.com`) on the same port takes the
 * specific host's requests, and the specific listener gets nothing (azure-facts.md §7; multiple-site-overview:
 * "If the listener with *.contoso.com is processed first, then no client traffic would be received by the
 * more specific shop.contoso.com listener").
 */
import { freePriorityAbove, freePriorityBelow, listenerTrapFacts, listenerTraps } from '../route/traps';
import { az, ps, q } from './commands';
import { defineRule } from './types';

export default defineRule({
  id: 'route-v2-wildcard-priority',
  category: 'gateway',
  severity: 'warning',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/multiple-site-overview',
  text: {
    en: {
      title: 'Wildcard listener evaluated before a more specific one',
      message:
        'Rule {winnerRule} (priority {winnerPriority}) has wildcard listener {winnerListener} with host name {pattern}, which also matches {hosts} of listener {listener}; rule {rule} has priority {priority}, a larger number, so listener {listener} receives no requests for {hosts} on frontend port {port}.',
      effect: 'Requests for {hosts} go through rule {winnerRule} to {targetEn} instead. {outcomeEn}',
      fix: 'Give rule {rule} a smaller priority number than {winnerPriority}, so the specific listener is evaluated before the wildcard one: wildcard listeners should carry the larger numbers.',
    },
    ko: {
      title: '와일드카드 리스너가 더 구체적인 리스너보다 먼저 평가됨',
      message:
        '규칙 {winnerRule}(우선순위 {winnerPriority})의 와일드카드 리스너 {winnerListener}은(는) 호스트 이름 {pattern}(으)로 리스너 {listener}의 {hosts}에도 일치합니다. 규칙 {rule}의 우선순위는 더 큰 숫자인 {priority}이므로, 리스너 {listener}은(는) 프런트엔드 포트 {port}에서 {hosts} 요청을 하나도 받지 못합니다.',
      effect: '{hosts} 요청은 대신 규칙 {winnerRule}을(를) 거쳐 {targetKo}(으)로 갑니다. {outcomeKo}',
      fix: '규칙 {rule}에 {winnerPriority}보다 작은 우선순위 번호를 지정해 구체적인 리스너가 와일드카드 리스너보다 먼저 평가되도록 하세요. 와일드카드 리스너에는 더 큰 번호를 주어야 합니다.',
    },
  },
  check({ workspace, gateway, report }) {
    for (const trap of listenerTraps(workspace, gateway)) {
      if (trap.cause !== 'wildcard-priority') continue;
      const facts = listenerTrapFacts(trap, trap.route.uncertain);
      const winnerPriority = trap.winner.rule.priority!;
      const below = freePriorityBelow(gateway, winnerPriority);
      const above = below === undefined ? freePriorityAbove(gateway) : undefined;
      // Move the specific rule up when a number is free; else move the wildcard rule down.
      const [target, priority] = below !== undefined ? [trap.shadowed.rule.name, below] : [trap.winner.rule.name, above ?? 20000];
      report({
        resource: { type: 'requestRoutingRules', name: trap.shadowed.rule.name, id: trap.shadowed.rule.id },
        source: trap.shadowed.rule.source,
        severity: facts.outcome.severity,
        params: facts.params,
        evidence: facts.evidence,
        affected: facts.affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `$rule = Get-AzApplicationGatewayRequestRoutingRule -ApplicationGateway $gw -Name ${q(target)}`,
            `$rule.Priority = ${priority}`,
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'rule update', `-n ${q(target)} --priority ${priority}`)],
        },
      });
    }
  },
});
