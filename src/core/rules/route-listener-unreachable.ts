/**
 * Listeners that no request can reach: every host they name (or, for a basic listener, any host) is taken
 * by a listener evaluated earlier (azure-facts.md §7, configuration-listeners): two basic listeners on one
 * port, a basic listener whose rule has a smaller priority number than multi-site ones on v2, and the like.
 * The special cases with their own rule (v1 basic-before-multi-site, v2 wildcard priority, duplicate host
 * names) are left to those rules: every shadowed host gets one cause (route/traps.ts).
 */
import { freePriorityAbove, freePriorityBelow, listenerTrapFacts, listenerTraps } from '../route/traps';
import { az, ps, q } from './commands';
import { defineRule } from './types';

export default defineRule({
  id: 'route-listener-unreachable',
  category: 'gateway',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-listeners',
  text: {
    en: {
      title: 'Listener that requests cannot reach',
      message:
        'Listener {listener} (rule {rule}) on frontend port {port} is shadowed by listener {winnerListener} (rule {winnerRule}), which comes first in the evaluation order ({winnerPlace} before {place}) and matches the same requests.',
      effect: '{scopeEn} They go through rule {winnerRule} to {targetEn}. {outcomeEn}',
      fix: 'Decide which listener should take these requests. Give listener {listener} its own host name or frontend port, or change the order (v2: give rule {rule} a smaller priority number than rule {winnerRule}; v1: list rule {winnerRule} after rule {rule}); delete listener {listener} and rule {rule} if they are not needed.',
    },
    ko: {
      title: '요청이 도달할 수 없는 리스너',
      message:
        '프런트엔드 포트 {port}의 리스너 {listener}(규칙 {rule})은(는) 리스너 {winnerListener}(규칙 {winnerRule})에 가려집니다. 그 리스너가 평가 순서에서 먼저 오고({winnerPlace}이(가) {place}보다 먼저) 같은 요청에 일치하기 때문입니다.',
      effect: '{scopeKo} 이 요청은 규칙 {winnerRule}을(를) 거쳐 {targetKo}(으)로 갑니다. {outcomeKo}',
      fix: '이 요청을 어느 리스너가 받아야 하는지 정하세요. 리스너 {listener}에 고유한 호스트 이름이나 프런트엔드 포트를 지정하거나, 순서를 바꾸세요(v2: 규칙 {rule}에 규칙 {winnerRule}보다 작은 우선순위 번호 지정, v1: 규칙 {winnerRule}을(를) 규칙 {rule} 뒤로 이동). 필요 없는 리스너라면 리스너 {listener}와(과) 규칙 {rule}을(를) 삭제하세요.',
    },
  },
  check({ workspace, gateway, report }) {
    for (const trap of listenerTraps(workspace, gateway)) {
      if (trap.cause !== 'unreachable') continue;
      const facts = listenerTrapFacts(trap, trap.route.uncertain);
      const name = facts.params.listener;
      const scopeEn = trap.all || !trap.hosts.length ? `No request reaches listener ${name}.` : `Requests for ${trap.hosts.join(', ')} never reach listener ${name}.`;
      const scopeKo = trap.all || !trap.hosts.length ? `리스너 ${name}에는 어떤 요청도 도달하지 않습니다.` : `${trap.hosts.join(', ')} 요청은 리스너 ${name}에 도달하지 않습니다.`;
      const byPriority = trap.ordering.generation === 'v2' && trap.winner.rule.priority !== undefined;
      let commands;
      if (byPriority) {
        const below = freePriorityBelow(gateway, trap.winner.rule.priority!);
        const [target, priority] = below !== undefined ? [trap.shadowed.rule.name, below] : [trap.winner.rule.name, freePriorityAbove(gateway) ?? 20000];
        commands = {
          powershell: [ps.getGateway(gateway), `$rule = Get-AzApplicationGatewayRequestRoutingRule -ApplicationGateway $gw -Name ${q(target)}`, `$rule.Priority = ${priority}`, ps.setGateway()],
          az: [az.sub(gateway, 'rule update', `-n ${q(target)} --priority ${priority}`)],
        };
      } else {
        commands = {
          powershell: [
            ps.getGateway(gateway),
            `$listener = Get-AzApplicationGatewayHttpListener -ApplicationGateway $gw -Name ${q(String(name))}`,
            "$listener.HostNames = [System.Collections.Generic.List[string]]@('<host-name>')",
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'http-listener update', `-n ${q(String(name))} --host-names <host-name>`)],
        };
      }
      report({
        resource: { type: 'requestRoutingRules', name: trap.shadowed.rule.name, id: trap.shadowed.rule.id },
        source: trap.shadowed.rule.source,
        severity: facts.outcome.severity,
        params: { ...facts.params, scopeEn, scopeKo },
        evidence: facts.evidence,
        affected: facts.affected,
        commands,
      });
    }
  },
});
