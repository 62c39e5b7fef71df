import { defineRule } from './types';
import {
  allListeners, bi, allowRuleCommands, freePriorityBelow, gatewayEndpoints, gatewayNetwork, gatewayNsgEvidence, nsgResourceGroup, nsgRules,
  ruleText, rulePath, virtualNetworkSpace,
} from './network-context';
import { evaluateNsgPortRange, portRangeText } from '../net/nsg-ports';
import type { SecurityRule } from '../model/types';
import { rangeCovers } from '../net/ports';

/**
 * Inbound from AzureLoadBalancer must be allowed on the gateway subnet, in standard and private-only deployments alike
 * (azure-facts.md section 4: "must not be overridden by a Deny"). The default rule 65001 allows it; a custom Deny with a
 * lower number takes it away. Which ports the platform uses is not documented, so the rule fires when a Deny takes
 * every port from AzureLoadBalancer (a custom Deny-All) or names AzureLoadBalancer itself; a Deny of a few ports from
 * Any (RDP, SSH) is left alone.
 */
export default defineRule({
  id: 'nsg-load-balancer-blocked',
  category: 'nsg',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'Gateway subnet NSG denies inbound AzureLoadBalancer',
      message: 'NSG {nsg} on the gateway subnet {subnet} denies inbound traffic from the AzureLoadBalancer service tag on ports {ports}: custom rule {rule} (priority {priority}) comes before the default AllowAzureLoadBalancerInBound (65001).',
      effect: 'Azure requires inbound AzureLoadBalancer on the Application Gateway subnet; the platform checks the gateway instances from this tag. With it denied the configuration is unsupported and traffic to every listener may fail: {listeners}.{noteEn}',
      fix: 'Add an inbound Allow rule for source service tag AzureLoadBalancer (destination Any, all ports) with a lower priority number than {rule}, or narrow {rule} so it does not cover AzureLoadBalancer.',
    },
    ko: {
      title: '게이트웨이 서브넷 NSG가 AzureLoadBalancer 인바운드를 거부합니다',
      message: '게이트웨이 서브넷 {subnet}의 NSG {nsg}이(가) AzureLoadBalancer 서비스 태그에서 들어오는 포트 {ports} 트래픽을 거부합니다. 사용자 지정 규칙 {rule}(우선순위 {priority})이(가) 기본 규칙 AllowAzureLoadBalancerInBound(65001)보다 먼저 적용됩니다.',
      effect: 'Application Gateway 서브넷에는 AzureLoadBalancer 인바운드 허용이 필수이며, 플랫폼은 이 태그에서 게이트웨이 인스턴스를 점검합니다. 이를 거부하면 지원되지 않는 구성이 되고 모든 리스너의 트래픽이 실패할 수 있습니다: {listeners}.{noteKo}',
      fix: '{rule}보다 우선순위 숫자가 작은 인바운드 Allow 규칙(원본 서비스 태그 AzureLoadBalancer, 대상 Any, 모든 포트)을 추가하거나, {rule}이(가) AzureLoadBalancer를 포함하지 않도록 범위를 좁히세요.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (!g.nsg) return;
    const rules = nsgRules(g.nsg);
    const space = virtualNetworkSpace(ctx, g);
    const denies = new Map<string, { rule: SecurityRule; ports: { lo: number; hi: number }[]; certain: boolean; uncertain: string[]; summary: string }>();
    for (const destination of gatewayEndpoints(g)) {
      const verdicts = evaluateNsgPortRange(rules, { direction: 'Inbound', protocol: 'Tcp', source: { tag: 'AzureLoadBalancer' }, destination }, 0, 65535, { virtualNetworkPrefixes: space.prefixes });
      for (const v of verdicts) {
        const r = v.result.rule;
        if (v.result.access !== 'Deny' || r.isDefault) continue;
        let d = denies.get(`${r.name}|${r.priority}`);
        if (!d) denies.set(`${r.name}|${r.priority}`, (d = { rule: r, ports: [], certain: false, uncertain: [], summary: v.result.summary }));
        d.ports.push({ lo: v.lo, hi: v.hi });
        d.certain ||= v.result.certainty === 'certain';
        d.uncertain.push(...v.result.uncertainRules);
      }
    }
    const listeners = allListeners(ctx.gateway);
    const nrg = nsgResourceGroup(ctx, g.nsg);
    for (const d of denies.values()) {
      const allPorts = d.ports.reduce((n, p) => n + (p.hi - p.lo + 1), 0) === 65536;
      const namesTag = d.rule.sourcePrefixes.some((p) => p.trim().toLowerCase() === 'azureloadbalancer');
      // A Deny-All style rule (every port) or one aimed at AzureLoadBalancer; not a Deny of a few ports from Any.
      if (!rangeCovers(d.rule.destinationPorts, 0, 65535) && !namesTag) continue;
      const ports = allPorts ? '0-65535' : d.ports.map(portRangeText).join(', ');
      const note = d.certain
        ? bi('note', '', '')
        : bi('note',
          ` The offline evaluation is not certain (${[...new Set(d.uncertain)].join(', ') || 'a rule'} could not be matched offline); verify with IP flow verify.`,
          ` 오프라인 평가가 확실하지 않습니다(${[...new Set(d.uncertain)].join(', ') || '일부 규칙'}을(를) 오프라인으로 대조할 수 없음). IP 흐름 확인으로 검증하세요.`);
      const newRule = { name: 'AllowAzureLoadBalancer', priority: freePriorityBelow(g.nsg, 'Inbound', d.rule.priority), direction: 'Inbound' as const, protocol: '*', source: ['AzureLoadBalancer'], destination: ['*'], ports: ['*'] };
      ctx.report({
        resource: { type: 'networkSecurityGroups', name: g.nsg.name, id: g.nsg.id },
        source: d.rule.source,
        severity: d.certain ? 'error' : 'warning',
        params: { nsg: g.nsg.name, subnet: g.subnetName, ports, rule: d.rule.name, priority: d.rule.priority, listeners: listeners.join(', ') || '-', ...note },
        evidence: [
          { path: rulePath(g.nsg.name, d.rule), value: ruleText(d.rule), source: d.rule.source },
          { path: 'flow', value: `Inbound TCP AzureLoadBalancer (168.63.129.16) → gateway subnet ports ${ports}: ${d.summary}` },
          gatewayNsgEvidence(g),
        ],
        commands: allowRuleCommands(g.nsg.name, nrg, newRule, d.rule),
        affected: listeners,
      });
    }
  },
});
