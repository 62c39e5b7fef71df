/**
 * Two routing rules with the same priority: ARM requires priorities to be unique (1–20000), so the
 * configuration is rejected and the next update fails (azure-facts.md §7, MULTISITE).
 */
import type { RequestRoutingRule } from '../model/types';
import { affectedListeners } from '../model/topology';
import { az, ps, q } from './commands';
import { defineRule } from './types';

export default defineRule({
  id: 'gateway-duplicate-priority',
  category: 'gateway',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/multiple-site-overview',
  text: {
    en: {
      title: 'Routing rules share a priority',
      message: 'Routing rules {rules} all have priority {priority}.',
      effect:
        'Priorities must be unique, so Azure rejects this configuration: a deployment or update that sends it fails. Listeners affected: {listeners}.',
      fix: 'Give each of these rules its own priority (1 to 20000, 1 first), keeping specific host names below wildcard host names and basic listeners.',
    },
    ko: {
      title: '라우팅 규칙의 우선순위가 겹칩니다',
      message: '라우팅 규칙 {rules}의 우선순위가 모두 {priority}입니다.',
      effect:
        '우선순위는 고유해야 하므로 Azure가 이 구성을 거부합니다. 이 구성을 보내는 배포나 업데이트가 실패합니다. 영향받는 리스너: {listeners}.',
      fix: '이 규칙마다 서로 다른 우선순위(1~20000, 1이 먼저)를 지정하세요. 특정 호스트 이름은 와일드카드 호스트 이름과 기본 리스너보다 낮은 번호를 유지하세요.',
    },
  },
  check({ gateway, report }) {
    const byPriority = new Map<number, RequestRoutingRule[]>();
    for (const r of gateway.requestRoutingRules) {
      if (r.priority === undefined) continue;
      const list = byPriority.get(r.priority);
      if (list) list.push(r);
      else byPriority.set(r.priority, [r]);
    }
    const used = new Set(byPriority.keys());
    for (const [priority, list] of byPriority) {
      if (list.length < 2) continue;
      const set = new Set(list);
      const affected = affectedListeners(gateway, (p) => set.has(p.rule));
      // Suggest the next free numbers for every rule but the first.
      let next = priority + 1;
      const moves: [RequestRoutingRule, number][] = [];
      for (const r of list.slice(1)) {
        while (used.has(next) && next <= 20000) next++;
        if (next > 20000) break;
        moves.push([r, next]);
        used.add(next);
      }
      report({
        resource: { type: 'requestRoutingRules', name: list[1].name, id: list[1].id },
        source: list[1].source,
        params: { rules: list.map((r) => r.name).join(', '), priority, listeners: affected.length ? affected.join('; ') : '—' },
        evidence: list.map((r) => ({ path: `requestRoutingRules[${r.name}].priority`, value: String(priority), source: r.source })),
        affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            ...moves.map(([r, n]) => `(Get-AzApplicationGatewayRequestRoutingRule -ApplicationGateway $gw -Name ${q(r.name)}).Priority = ${n}`),
            ps.setGateway(),
          ],
          az: moves.map(([r, n]) => az.sub(gateway, 'rule update', `-n ${q(r.name)} --priority ${n}`)),
        },
      });
    }
  },
});
