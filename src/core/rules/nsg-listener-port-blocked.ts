import { defineRule } from './types';
import {
  allowRuleCommands, freePriorityBelow, gatewayNetwork, gatewayNsgEvidence, joinShort, nsgResourceGroup, nsgRules, ruleText, rulePath,
  virtualNetworkSpace,
} from './network-context';
import { evaluateNsg, type Flow } from '../net/nsg-eval';
import { parseCidr } from '../net/cidr';
import type { HttpListener, SecurityRule } from '../model/types';

/**
 * Clients must be allowed inbound to the listener ports on the gateway subnet (azure-facts.md section 4). Fires for
 * public listeners when the NSG denies all of Internet on the port, both to the subnet prefix and to the frontend's
 * public address (when known). An allow-list of some client ranges (a partial Deny) is intentional and left alone.
 * Clients then cannot connect at all: a time-out, not a 502 — hence a warning.
 */
export default defineRule({
  id: 'nsg-listener-port-blocked',
  category: 'nsg',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'Gateway subnet NSG denies clients on a public listener port',
      message: 'NSG {nsg} on the gateway subnet {subnet} denies inbound TCP {port} from the Internet: rule {rule} (priority {priority}) decides it. Public listeners on that port: {listeners}.',
      effect: 'Clients on the Internet cannot open a connection to port {port}: their requests to {listeners} time out instead of reaching the gateway (this is not what produces a 502, but hides the listener).',
      fix: 'Add an inbound Allow rule for TCP {port} from the clients (Internet or their ranges) to the gateway subnet with a lower priority number than {rule}. If the listener is meant to be private, ignore this.',
    },
    ko: {
      title: '게이트웨이 서브넷 NSG가 공용 리스너 포트의 클라이언트 트래픽을 거부합니다',
      message: '게이트웨이 서브넷 {subnet}의 NSG {nsg}이(가) Internet에서 들어오는 인바운드 TCP {port} 트래픽을 거부합니다. 결정 규칙은 {rule}(우선순위 {priority})입니다. 이 포트의 공용 리스너: {listeners}.',
      effect: 'Internet의 클라이언트가 포트 {port}에 연결할 수 없어 {listeners}에 대한 요청이 게이트웨이에 도달하지 못하고 시간 초과됩니다(502의 원인은 아니지만 리스너가 보이지 않게 됩니다).',
      fix: '{rule}보다 우선순위 숫자가 작은 인바운드 Allow 규칙(클라이언트(Internet 또는 해당 주소 범위) → 게이트웨이 서브넷, TCP {port})을 추가하세요. 리스너를 의도적으로 비공개로 둔 경우에는 무시해도 됩니다.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    const prefix = g.prefixes.find((p) => parseCidr(p)?.family === 4);
    if (!g.nsg || !prefix) return;
    const rules = nsgRules(g.nsg);
    const nsgCtx = { virtualNetworkPrefixes: virtualNetworkSpace(ctx, g).prefixes };
    const byPort = new Map<number, { listeners: HttpListener[]; publicIps: string[] }>();
    for (const l of ctx.gateway.httpListeners) {
      const fe = ctx.gw.frontendIp(l.frontendIpConfiguration);
      const port = ctx.gw.frontendPort(l.frontendPort)?.port;
      if (!fe?.publicIpAddress || port === undefined) continue;
      let e = byPort.get(port);
      if (!e) byPort.set(port, (e = { listeners: [], publicIps: [] }));
      e.listeners.push(l);
      const pip = ctx.net.publicIp(fe.publicIpAddress)?.ipAddress;
      if (pip && !e.publicIps.includes(pip)) e.publicIps.push(pip);
    }
    const nrg = nsgResourceGroup(ctx, g.nsg);
    for (const [port, { listeners, publicIps }] of byPort) {
      const flow = (destination: Flow['destination']): Flow => ({ direction: 'Inbound', protocol: 'Tcp', source: { tag: 'Internet' }, destination, destinationPort: port });
      const ev = evaluateNsg(rules, flow({ prefix }), nsgCtx);
      if (ev.access !== 'Deny' || ev.partial || ev.certainty !== 'certain') continue;
      // Rules written against the frontend's public address count too.
      if (publicIps.some((ip) => evaluateNsg(rules, flow({ ip }), nsgCtx).access === 'Allow')) continue;
      const rule: SecurityRule = ev.rule;
      const names = listeners.map((l) => (l.hostNames.length ? `${l.name} (${l.hostNames.join(', ')})` : l.name));
      const newRule = { name: `AllowClients${port}`, priority: freePriorityBelow(g.nsg, 'Inbound', rule.priority), direction: 'Inbound' as const, protocol: 'Tcp', source: ['Internet'], destination: [prefix], ports: [String(port)] };
      ctx.report({
        resource: { type: 'networkSecurityGroups', name: g.nsg.name, id: g.nsg.id },
        source: rule.isDefault ? g.nsg.source : rule.source,
        params: { nsg: g.nsg.name, subnet: g.subnetName, port, rule: rule.name, priority: rule.priority, listeners: joinShort(names) },
        evidence: [
          { path: rulePath(g.nsg.name, rule), value: ruleText(rule), source: rule.isDefault ? g.nsg.source : rule.source },
          { path: 'flow', value: `Inbound TCP Internet → ${prefix}:${port}: ${ev.summary}` },
          ...listeners.slice(0, 5).map((l) => ({ path: `httpListeners[${l.name}].frontendPort`, value: String(port), source: l.source })),
          gatewayNsgEvidence(g),
        ],
        commands: allowRuleCommands(g.nsg.name, nrg, newRule, rule),
        affected: names,
      });
    }
  },
});
