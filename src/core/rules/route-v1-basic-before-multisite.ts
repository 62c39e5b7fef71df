/**
 * v1 takes request routing rules in the order they are listed: a rule whose listener is basic (no host name)
 * listed before multi-site rules on the same frontend IP and port takes every request there, and the
 * multi-site listeners get none (azure-facts.md §7; multiple-site-overview). The portal's own 502 detector
 * names this when the basic rule points to an empty or unhealthy pool.
 */
import { listenerTrapFacts, listenerTraps } from '../route/traps';
import { az, ps, q } from './commands';
import { defineRule } from './types';

export default defineRule({
  id: 'route-v1-basic-before-multisite',
  category: 'gateway',
  severity: 'warning',
  appliesTo: ['v1'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/multiple-site-overview',
  text: {
    en: {
      title: 'Basic-listener rule listed before multi-site rules (v1)',
      message:
        'Rule {winnerRule} (basic listener {winnerListener}, no host name) is listed before rule {rule} (multi-site listener {listener}) on frontend port {port} ({winnerPlace} before {place}): v1 takes rules in the order listed, so listener {listener} receives no requests for {hosts}.',
      effect: '{conditionEn}Requests for {hosts} go through rule {winnerRule} to {targetEn} instead. {outcomeEn}',
      fix: 'Make the basic rule the last one on port {port}: remove rule {winnerRule} and add it again, so it is listed after every multi-site rule. v1 is retired (2026-04-28); on v2, rule priorities set the order.',
    },
    ko: {
      title: '기본 리스너 규칙이 다중 사이트 규칙보다 앞에 있음(v1)',
      message:
        '프런트엔드 포트 {port}에서 규칙 {winnerRule}(호스트 이름이 없는 기본 리스너 {winnerListener})이(가) 규칙 {rule}(다중 사이트 리스너 {listener})보다 앞에 나열되어 있습니다({winnerPlace}이(가) {place}보다 앞). v1은 나열된 순서대로 규칙을 처리하므로 리스너 {listener}은(는) {hosts} 요청을 하나도 받지 못합니다.',
      effect: '{conditionKo}{hosts} 요청은 대신 규칙 {winnerRule}을(를) 거쳐 {targetKo}(으)로 갑니다. {outcomeKo}',
      fix: '포트 {port}에서 기본 규칙이 마지막에 오도록 하세요. 규칙 {winnerRule}을(를) 제거한 뒤 다시 추가하면 모든 다중 사이트 규칙 뒤에 나열됩니다. v1은 2026-04-28에 사용 중지되었으며, v2에서는 규칙 우선순위로 순서를 정합니다.',
    },
  },
  check({ workspace, gateway, report }) {
    if (gateway.generation === 'v2') return;
    const unknownSku = gateway.generation === 'unknown';
    // Priorities exist only on v2: a gateway whose rules carry them is not v1.
    if (unknownSku && gateway.requestRoutingRules.some((r) => r.priority !== undefined)) return;
    for (const trap of listenerTraps(workspace, gateway, 'v1')) {
      if (trap.cause !== 'v1-basic') continue;
      const facts = listenerTrapFacts(trap, unknownSku || trap.route.uncertain);
      const basic = trap.winner.rule;
      const listenerName = trap.winner.listener?.name ?? basic.httpListener?.name ?? '<listener>';
      const create = [`-n ${q(basic.name)}`, `--http-listener ${q(listenerName)}`];
      if (basic.urlPathMap) create.push('--rule-type PathBasedRouting', `--url-path-map ${q(basic.urlPathMap.name)}`);
      else {
        create.push('--rule-type Basic');
        if (basic.redirectConfiguration) create.push(`--redirect-config ${q(basic.redirectConfiguration.name)}`);
        else create.push(`--address-pool ${q(basic.backendAddressPool?.name ?? '<pool>')}`, `--http-settings ${q(basic.backendHttpSettings?.name ?? '<settings>')}`);
      }
      if (basic.rewriteRuleSet) create.push(`--rewrite-rule-set ${q(basic.rewriteRuleSet.name)}`);
      report({
        resource: { type: 'requestRoutingRules', name: trap.shadowed.rule.name, id: trap.shadowed.rule.id },
        source: trap.shadowed.rule.source,
        severity: facts.outcome.severity,
        params: {
          ...facts.params,
          conditionEn: unknownSku ? 'If this gateway is v1 (the input does not show the SKU): ' : '',
          conditionKo: unknownSku ? '이 게이트웨이가 v1이라면(입력에 SKU가 없음): ' : '',
        },
        evidence: facts.evidence,
        affected: facts.affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `$basic = Get-AzApplicationGatewayRequestRoutingRule -ApplicationGateway $gw -Name ${q(basic.name)}`,
            '$gw.RequestRoutingRules.Remove($basic) | Out-Null',
            '$gw.RequestRoutingRules.Add($basic)',
            ps.setGateway(),
          ],
          az: [
            az.sub(gateway, 'rule show', `-n ${q(basic.name)}`),
            az.sub(gateway, 'rule delete', `-n ${q(basic.name)}`),
            az.sub(gateway, 'rule create', create.join(' ')),
          ],
        },
      });
    }
  },
});
