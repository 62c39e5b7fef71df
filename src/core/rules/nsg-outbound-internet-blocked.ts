import { defineRule } from './types';
import {
  allListeners, bi, allowRuleCommands, freePriorityBelow, gatewayEndpoints, gatewayNetwork, gatewayNsgEvidence, nsgResourceGroup, nsgRules,
  ruleText, rulePath, virtualNetworkSpace,
} from './network-context';
import { evaluateNsgPortRange, portRangeText } from '../net/nsg-ports';
import type { SecurityRule } from '../model/types';

/**
 * Outbound to Internet must not be denied on the gateway subnet of a standard deployment (azure-facts.md section 4:
 * "Outbound NSG rules that deny any outbound connectivity must not be created"; CRL endpoints must be reachable or
 * health may show Unknown). On v2 Azure does not permit an outbound Deny-All (PRIVATE), so there the state means
 * inconsistent input or a template that will fail. Private-only v2 does not need outbound Internet.
 * Fires when the Deny takes all of Internet on port 80 or 443 (CRL and control-plane traffic); a Deny of some public
 * ranges is left alone.
 */
export default defineRule({
  id: 'nsg-outbound-internet-blocked',
  category: 'nsg',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'Gateway subnet NSG denies outbound Internet',
      message: 'NSG {nsg} on the gateway subnet {subnet} denies outbound TCP to the Internet tag on ports {ports}: rule {rule} (priority {priority}) decides it.',
      effect: '{effectEn}{noteEn}',
      fix: 'Remove {rule} or add an outbound Allow rule to the Internet service tag (all ports) with a lower priority number. The gateway needs outbound Internet for its control plane and for certificate revocation lists (crl.microsoft.com, crl3.digicert.com).',
    },
    ko: {
      title: '게이트웨이 서브넷 NSG가 아웃바운드 Internet을 거부합니다',
      message: '게이트웨이 서브넷 {subnet}의 NSG {nsg}이(가) Internet 태그로 나가는 아웃바운드 TCP 포트 {ports} 트래픽을 거부합니다. 결정 규칙은 {rule}(우선순위 {priority})입니다.',
      effect: '{effectKo}{noteKo}',
      fix: '{rule}을(를) 삭제하거나, 우선순위 숫자가 더 작은 아웃바운드 Allow 규칙(대상 Internet 서비스 태그, 모든 포트)을 추가하세요. 게이트웨이는 컨트롤 플레인 통신과 인증서 해지 목록(crl.microsoft.com, crl3.digicert.com) 확인에 아웃바운드 Internet이 필요합니다.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (!g.nsg || g.ruleSet === 'v2-private') return;
    const rules = nsgRules(g.nsg);
    const space = virtualNetworkSpace(ctx, g);
    const denies = new Map<string, { rule: SecurityRule; ports: { lo: number; hi: number }[]; certain: boolean; summary: string; uncertain: string[] }>();
    for (const source of gatewayEndpoints(g)) {
      const verdicts = evaluateNsgPortRange(rules, { direction: 'Outbound', protocol: 'Tcp', source, destination: { tag: 'Internet' } }, 0, 65535, { virtualNetworkPrefixes: space.prefixes });
      for (const v of verdicts) {
        // A Deny for only part of Internet (some public ranges) is not "deny any outbound connectivity".
        if (v.result.access !== 'Deny' || v.result.partial) continue;
        const r = v.result.rule;
        let d = denies.get(`${r.name}|${r.priority}`);
        if (!d) denies.set(`${r.name}|${r.priority}`, (d = { rule: r, ports: [], certain: false, summary: v.result.summary, uncertain: [] }));
        d.ports.push({ lo: v.lo, hi: v.hi });
        d.certain ||= v.result.certainty === 'certain';
        d.uncertain.push(...v.result.uncertainRules);
      }
    }
    const nrg = nsgResourceGroup(ctx, g.nsg);
    for (const d of denies.values()) {
      if (!d.ports.some((p) => (p.lo <= 80 && 80 <= p.hi) || (p.lo <= 443 && 443 <= p.hi))) continue;
      const ports = d.ports.map(portRangeText).join(', ');
      let effect: Record<string, string>;
      if (g.ruleSet === 'v2-standard') {
        effect = bi('effect',
          'Azure does not permit outbound Deny-All rules on a subnet with a v2 gateway, so a running v2 gateway should not be in this state: the NSG and the gateway in the input were probably taken at different times, or this is a template whose deployment will fail. Where such a rule is in force, backend health can turn Unknown (certificate revocation checks and control-plane traffic fail).',
          'Azure는 v2 게이트웨이가 있는 서브넷에서 아웃바운드 전체 거부 규칙을 허용하지 않으므로, 실행 중인 v2 게이트웨이는 이런 상태일 수 없습니다. 입력의 NSG와 게이트웨이가 서로 다른 시점의 것이거나 배포가 실패할 템플릿입니다. 이런 규칙이 실제로 적용되면 백엔드 상태가 Unknown이 될 수 있습니다(인증서 해지 확인과 컨트롤 플레인 통신 실패).');
      } else {
        const listeners = allListeners(ctx.gateway).join(', ') || '-';
        effect = bi('effect',
          `The gateway cannot reach its control plane or the certificate revocation lists; backend health can turn Unknown and requests to ${listeners} are at risk of 502.${g.ruleSet === 'unknown' ? ' (On v2 Azure would not permit this rule: then the input is inconsistent or a template that fails to deploy.)' : ''}`,
          `게이트웨이가 컨트롤 플레인과 인증서 해지 목록에 연결할 수 없어 백엔드 상태가 Unknown이 될 수 있고, ${listeners}에 대한 요청이 502를 받을 수 있습니다.${g.ruleSet === 'unknown' ? ' (v2라면 Azure가 이 규칙을 허용하지 않으므로 입력이 서로 맞지 않거나 배포가 실패할 템플릿입니다.)' : ''}`);
      }
      const note = d.certain
        ? bi('note', '', '')
        : bi('note',
          ` The offline evaluation is not certain (${[...new Set(d.uncertain)].join(', ') || 'a rule'} could not be matched offline).`,
          ` 오프라인 평가가 확실하지 않습니다(${[...new Set(d.uncertain)].join(', ') || '일부 규칙'}을(를) 오프라인으로 대조할 수 없음).`);
      const newRule = { name: 'AllowInternetOutbound', priority: freePriorityBelow(g.nsg, 'Outbound', d.rule.priority), direction: 'Outbound' as const, protocol: '*', source: ['*'], destination: ['Internet'], ports: ['*'] };
      ctx.report({
        resource: { type: 'networkSecurityGroups', name: g.nsg.name, id: g.nsg.id },
        source: d.rule.source,
        // v1: required by INFRA, effect (Unknown health) not certain for every gateway → warning.
        severity: g.ruleSet === 'v2-standard' && d.certain ? 'error' : 'warning',
        params: { nsg: g.nsg.name, subnet: g.subnetName, ports, rule: d.rule.name, priority: d.rule.priority, ...effect, ...note },
        evidence: [
          { path: rulePath(g.nsg.name, d.rule), value: ruleText(d.rule), source: d.rule.isDefault ? g.nsg.source : d.rule.source },
          { path: 'flow', value: `Outbound TCP gateway subnet → Internet ports ${ports}: ${d.summary}` },
          gatewayNsgEvidence(g),
          { path: 'ruleSet', value: g.ruleSetWhy },
        ],
        commands: allowRuleCommands(g.nsg.name, nrg, newRule, d.rule),
        affected: g.ruleSet === 'v2-standard' ? [] : allListeners(ctx.gateway),
      });
    }
  },
});
