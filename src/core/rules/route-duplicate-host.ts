/**
 * The same host name on two listeners of one frontend IP and port: only the listener evaluated first
 * (v1: rule listed first; v2: smaller priority number) ever takes requests for it; the other gets none
 * (azure-facts.md §7, configuration-listeners, multiple-site-overview).
 */
import { listenerTrapFacts, listenerTraps } from '../route/traps';
import { az, ps, q } from './commands';
import { defineRule } from './types';

export default defineRule({
  id: 'route-duplicate-host',
  category: 'gateway',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-listeners',
  text: {
    en: {
      title: 'Same host name on two listeners of one frontend port',
      message:
        'Host name {hosts} is on listener {winnerListener} (rule {winnerRule}) and on listener {listener} (rule {rule}), both on frontend IP {frontend} port {port}. {winnerListener} comes first ({winnerPlace} before {place}), so listener {listener} receives no requests for {hosts}.',
      effect: 'Requests for {hosts} go through rule {winnerRule} to {targetEn}, never to listener {listener}. {outcomeEn}',
      fix: 'Keep host name {hosts} on one listener only: remove it from listener {listener}, or from listener {winnerListener} if {listener} is the one that should serve it; delete a listener and its rule when no host name is left.',
    },
    ko: {
      title: '한 프런트엔드 포트의 두 리스너에 같은 호스트 이름',
      message:
        '호스트 이름 {hosts}이(가) 리스너 {winnerListener}(규칙 {winnerRule})와(과) 리스너 {listener}(규칙 {rule})에 모두 있으며, 둘 다 프런트엔드 IP {frontend}의 포트 {port}을(를) 사용합니다. {winnerListener}이(가) 먼저 평가되므로({winnerPlace}이(가) {place}보다 먼저) 리스너 {listener}은(는) {hosts} 요청을 하나도 받지 못합니다.',
      effect: '{hosts} 요청은 리스너 {listener}이(가) 아니라 규칙 {winnerRule}을(를) 거쳐 {targetKo}(으)로 갑니다. {outcomeKo}',
      fix: '호스트 이름 {hosts}은(는) 한 리스너에만 두세요. 리스너 {listener}에서 제거하거나, {listener}이(가) 이 호스트를 처리해야 한다면 리스너 {winnerListener}에서 제거하세요. 호스트 이름이 하나도 남지 않는 리스너는 해당 규칙과 함께 삭제하세요.',
    },
  },
  check({ workspace, gateway, report }) {
    for (const trap of listenerTraps(workspace, gateway)) {
      if (trap.cause !== 'duplicate-host') continue;
      const facts = listenerTrapFacts(trap, trap.route.uncertain);
      const listener = trap.shadowed.listener!;
      const dup = new Set(trap.hosts);
      const remaining = listener.hostNames.filter((h) => !dup.has(h.trim().toLowerCase().replace(/\.$/, '')));
      const commands = remaining.length
        ? {
            powershell: [
              ps.getGateway(gateway),
              `$listener = Get-AzApplicationGatewayHttpListener -ApplicationGateway $gw -Name ${q(listener.name)}`,
              `$listener.HostNames = [System.Collections.Generic.List[string]]@(${remaining.map((h) => `'${h}'`).join(', ')})`,
              ps.setGateway(),
            ],
            az: [az.sub(gateway, 'http-listener update', `-n ${q(listener.name)} --host-names ${remaining.map((h) => `'${h}'`).join(' ')}`)],
          }
        : {
            powershell: [
              ps.getGateway(gateway),
              `Remove-AzApplicationGatewayRequestRoutingRule -ApplicationGateway $gw -Name ${q(trap.shadowed.rule.name)}`,
              `Remove-AzApplicationGatewayHttpListener -ApplicationGateway $gw -Name ${q(listener.name)}`,
              ps.setGateway(),
            ],
            az: [az.sub(gateway, 'rule delete', `-n ${q(trap.shadowed.rule.name)}`), az.sub(gateway, 'http-listener delete', `-n ${q(listener.name)}`)],
          };
      report({
        resource: { type: 'httpListeners', name: listener.name, id: listener.id },
        source: listener.source,
        severity: facts.outcome.severity,
        params: facts.params,
        evidence: facts.evidence,
        affected: facts.affected,
        commands,
      });
    }
  },
});
