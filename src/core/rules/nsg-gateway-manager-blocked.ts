import { defineRule, type Evidence } from './types';
import {
  allListeners, bi, allowRuleCommands, freePriorityBelow, gatewayEndpoints, gatewayNetwork, gatewayNsgEvidence, nsgResourceGroup, nsgRules,
  ruleText, rulePath, virtualNetworkSpace,
} from './network-context';
import { evaluateNsgPortRange, portRangeText } from '../net/nsg-ports';
import type { NsgEvaluation } from '../net/nsg-eval';
import type { SecurityRule } from '../model/types';

/**
 * Inbound GatewayManager on 65200-65535 (v2) / 65503-65534 (v1) must be allowed on the gateway subnet
 * (azure-facts.md section 4, INFRA). v1: backend health Unknown, the guide's cause 1. v2: Azure rejects such rules
 * (ApplicationGatewaySubnetInboundTrafficBlockedByNetworkSecurityGroup), so the state means inconsistent input or a
 * template that will fail to deploy. Private-only v2 does not need the rule.
 */
const V1 = { lo: 65503, hi: 65534 };
const V2 = { lo: 65200, hi: 65535 };

export default defineRule({
  id: 'nsg-gateway-manager-blocked',
  category: 'nsg',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'Gateway subnet NSG blocks GatewayManager on the infrastructure ports',
      message: 'NSG {nsg} on the gateway subnet {subnet} denies inbound TCP {ports} from the GatewayManager service tag: rule {rule} (priority {priority}) decides it. The gateway needs TCP {range} open from GatewayManager.',
      effect: '{effectEn}{noteEn}',
      fix: 'In NSG {nsg}, add an inbound Allow rule with a lower priority number than {rule}: source service tag GatewayManager, source port Any, destination Any, protocol TCP, destination ports {range}. Keep inbound AzureLoadBalancer allowed; a final Deny-All inbound rule may stay after these.',
    },
    ko: {
      title: '게이트웨이 서브넷 NSG가 인프라 포트의 GatewayManager 트래픽을 차단합니다',
      message: '게이트웨이 서브넷 {subnet}의 NSG {nsg}이(가) GatewayManager 서비스 태그에서 들어오는 인바운드 TCP {ports} 트래픽을 거부합니다. 결정 규칙은 {rule}(우선순위 {priority})입니다. 게이트웨이에는 GatewayManager로부터 TCP {range}이(가) 열려 있어야 합니다.',
      effect: '{effectKo}{noteKo}',
      fix: 'NSG {nsg}에 {rule}보다 우선순위 숫자가 작은 인바운드 Allow 규칙을 추가하세요: 원본 서비스 태그 GatewayManager, 원본 포트 Any, 대상 Any, 프로토콜 TCP, 대상 포트 {range}. AzureLoadBalancer 인바운드 허용은 유지하고, 모든 인바운드를 거부하는 마지막 규칙은 이 규칙들 뒤에 두어도 됩니다.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (!g.nsg || g.ruleSet === 'v2-private') return;
    const range = g.ruleSet === 'v1' ? V1 : V2;
    const rules = nsgRules(g.nsg);
    const space = virtualNetworkSpace(ctx, g);
    // One finding per deciding Deny rule, with the port ranges it decides.
    const denies = new Map<string, { rule: SecurityRule; ports: { lo: number; hi: number }[]; evals: NsgEvaluation[]; dest: string }>();
    for (const destination of gatewayEndpoints(g)) {
      const verdicts = evaluateNsgPortRange(rules, { direction: 'Inbound', protocol: 'Tcp', source: { tag: 'GatewayManager' }, destination }, range.lo, range.hi, { virtualNetworkPrefixes: space.prefixes });
      for (const v of verdicts) {
        // An Allow that is only uncertain (an earlier Deny could not be matched offline, e.g. source Internet) is
        // reported as a possible deny by that rule.
        const denyRule = v.result.access === 'Deny' ? v.result.rule : v.result.certainty === 'uncertain' ? rules.find((r) => r.access === 'Deny' && v.result.uncertainRules.includes(r.name)) : undefined;
        if (!denyRule) continue;
        const k = `${denyRule.name}|${denyRule.priority}`;
        let d = denies.get(k);
        if (!d) denies.set(k, (d = { rule: denyRule, ports: [], evals: [], dest: destination.prefix ?? '' }));
        d.ports.push({ lo: v.lo, hi: v.hi });
        d.evals.push(v.result);
      }
    }
    const listeners = allListeners(ctx.gateway);
    const nrg = nsgResourceGroup(ctx, g.nsg);
    for (const d of denies.values()) {
      const ports = d.ports.map(portRangeText).join(', ');
      const certain = d.evals.some((e) => e.access === 'Deny' && e.certainty === 'certain');
      const uncertainRules = [...new Set(d.evals.flatMap((e) => e.uncertainRules))];
      const touchesV1 = d.ports.some((p) => p.lo <= V1.hi && p.hi >= V1.lo);
      const evidence: Evidence[] = [
        { path: rulePath(g.nsg.name, d.rule), value: ruleText(d.rule), source: d.rule.isDefault ? g.nsg.source : d.rule.source },
        { path: 'flow', value: `Inbound TCP GatewayManager → ${d.dest} ports ${ports}: ${d.evals[0]!.summary}` },
        gatewayNsgEvidence(g),
        { path: 'ruleSet', value: g.ruleSetWhy },
      ];
      let effect: Record<string, string>;
      let note: Record<string, string> = bi('note', '', '');
      if (g.ruleSet === 'v1') {
        effect = bi('effect',
          `Backend health turns Unknown ("The backend health status could not be retrieved...") and the gateway cannot work out healthy servers: this is the guide's first cause of 502. Requests to ${listeners.join(', ') || 'every listener'} are at risk of 502.`,
          `백엔드 상태가 Unknown("The backend health status could not be retrieved...")이 되고 게이트웨이가 정상 서버를 판단할 수 없습니다. 가이드가 드는 502의 첫 번째 원인입니다. ${listeners.join(', ') || '모든 리스너'}에 대한 요청이 502를 받을 수 있습니다.`);
      } else if (g.ruleSet === 'v2-standard') {
        effect = bi('effect',
          'Azure rejects NSG rules that block GatewayManager on a subnet that holds a v2 gateway (ApplicationGatewaySubnetInboundTrafficBlockedByNetworkSecurityGroup). A running v2 gateway should not be in this state: the NSG and the gateway in the input were probably taken at different times, or this is a template whose deployment will fail. Treat it as a deployment error, not as the cause of a 502 you see now.',
          'Azure는 v2 게이트웨이가 있는 서브넷에서 GatewayManager를 차단하는 NSG 규칙을 거부합니다(ApplicationGatewaySubnetInboundTrafficBlockedByNetworkSecurityGroup). 실행 중인 v2 게이트웨이는 이런 상태일 수 없으므로, 입력의 NSG와 게이트웨이가 서로 다른 시점의 것이거나 배포가 실패할 템플릿입니다. 지금 보이는 502의 원인이 아니라 배포 오류로 다루세요.');
      } else {
        effect = bi('effect',
          `The SKU is not in the input. On v1 (ports 65503-65534) backend health turns Unknown and requests to ${listeners.join(', ') || 'every listener'} are at risk of 502 (the guide's first cause). On v2 (ports 65200-65535) Azure rejects such a rule (ApplicationGatewaySubnetInboundTrafficBlockedByNetworkSecurityGroup), so the input would be inconsistent or a template that fails to deploy.`,
          `입력에 SKU가 없습니다. v1(포트 65503-65534)이라면 백엔드 상태가 Unknown이 되어 ${listeners.join(', ') || '모든 리스너'}에 대한 요청이 502를 받을 수 있습니다(가이드의 첫 번째 원인). v2(포트 65200-65535)라면 Azure가 이런 규칙을 거부하므로(ApplicationGatewaySubnetInboundTrafficBlockedByNetworkSecurityGroup) 입력이 서로 맞지 않거나 배포가 실패할 템플릿입니다.`);
        if (!touchesV1) note = bi('note', ' Only the v2 part of the range is denied: on v1 this rule would not matter.', ' 범위 중 v2 부분만 거부되므로 v1이라면 이 규칙은 영향이 없습니다.');
      }
      if (!certain) {
        note = bi('note',
          `${note.noteEn} The offline evaluation is not certain: ${uncertainRules.join(', ') || 'a rule'} could not be matched offline (service tag or application security group); verify with IP flow verify in Network Watcher.`,
          `${note.noteKo} 오프라인 평가가 확실하지 않습니다. ${uncertainRules.join(', ') || '일부 규칙'}을(를) 오프라인으로 대조할 수 없었습니다(서비스 태그 또는 애플리케이션 보안 그룹). Network Watcher의 IP 흐름 확인으로 검증하세요.`);
      }
      const fixRange = portRangeText(range);
      const priority = freePriorityBelow(g.nsg, 'Inbound', d.rule.priority);
      const newRule = { name: 'AllowGatewayManager', priority, direction: 'Inbound' as const, protocol: 'Tcp', source: ['GatewayManager'], destination: ['*'], ports: [fixRange] };
      ctx.report({
        resource: { type: 'networkSecurityGroups', name: g.nsg.name, id: g.nsg.id },
        source: d.rule.isDefault ? g.nsg.source : d.rule.source,
        severity: certain ? 'error' : 'warning',
        params: {
          nsg: g.nsg.name, subnet: g.subnetName, ports, rule: d.rule.name, priority: d.rule.priority,
          range: g.ruleSet === 'unknown' ? '65503-65534 (v1) / 65200-65535 (v2)' : fixRange,
          ...note, ...effect,
        },
        evidence,
        commands: allowRuleCommands(g.nsg.name, nrg, newRule, d.rule),
        affected: g.ruleSet === 'v2-standard' ? [] : listeners,
      });
    }
  },
});
