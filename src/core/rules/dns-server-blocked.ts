import { defineRule, type Evidence } from './types';
import {
  allListeners, allowRuleCommands, bi, customDnsServers, fqdnBackends, freePriorityBelow, gatewayNetwork, gatewayPrefixFor, nsgResourceGroup,
  nsgRules, ruleText, rulePath, subnetOfAddress,
} from './network-context';
import { evaluateNsg, type NsgEvaluation } from '../net/nsg-eval';
import { isIp } from '../net/cidr';
import type { NetworkSecurityGroup, SecurityRule } from '../model/types';

/**
 * The gateway must reach the VNet's custom DNS servers on UDP and TCP 53 (troubleshoot-dns-resolution-issues: custom
 * DNS in a peered VNet needs 53 open). Checked on the gateway subnet NSG (outbound) and on the NSG of the DNS server's
 * subnet when that subnet is in the input (inbound). Without DNS, FQDN members cannot resolve and, on a standard
 * gateway, neither can public names (backend health Unknown: azure-facts.md section 6).
 */
export default defineRule({
  id: 'dns-server-blocked',
  category: 'dns',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-dns-resolution',
  text: {
    en: {
      title: 'NSG blocks the gateway from its DNS servers',
      message: 'NSG {nsg} on {attachedTo} ({direction} rules) denies {protocol} 53 from the gateway subnet {gwPrefix} to the custom DNS server {server}: rule {rule} (priority {priority}) decides it.',
      effect: '{effectEn}',
      fix: 'Allow UDP and TCP 53 from the gateway subnet {gwPrefix} to {server} in NSG {nsg}, with a lower priority number than {rule}.',
    },
    ko: {
      title: 'NSG가 게이트웨이에서 DNS 서버로 가는 트래픽을 차단합니다',
      message: '{attachedTo}의 NSG {nsg}({direction} 규칙)이 게이트웨이 서브넷 {gwPrefix}에서 사용자 지정 DNS 서버 {server}(으)로 가는 {protocol} 53 트래픽을 거부합니다. 결정 규칙은 {rule}(우선순위 {priority})입니다.',
      effect: '{effectKo}',
      fix: 'NSG {nsg}에 {rule}보다 우선순위 숫자가 작은 규칙으로 게이트웨이 서브넷 {gwPrefix}에서 {server}(으)로 가는 UDP/TCP 53을 허용하세요.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    const servers = customDnsServers(g.vnet).filter((s) => isIp(s));
    if (!servers.length) return;
    const fqdns = fqdnBackends(ctx.gateway);
    const standard = g.ruleSet !== 'v2-private';
    if (!fqdns.length && !standard) return;
    const listeners = fqdns.length ? allListeners(ctx.gateway) : [];
    const nsgCtx = { virtualNetworkPrefixes: [...g.vnetPrefixes, ...g.prefixes] };
    for (const server of servers) {
      const gwPrefix = gatewayPrefixFor(g, server);
      if (!gwPrefix) continue;
      const checks: { nsg: NetworkSecurityGroup; direction: 'Outbound' | 'Inbound'; attachedTo: string }[] = [];
      if (g.nsg) checks.push({ nsg: g.nsg, direction: 'Outbound', attachedTo: `subnets/${g.subnetName}` });
      const serverSubnet = subnetOfAddress(ctx.workspace, server);
      const serverNsg = ctx.net.nsg(serverSubnet?.networkSecurityGroup);
      if (serverNsg && serverSubnet) checks.push({ nsg: serverNsg, direction: 'Inbound', attachedTo: `subnets/${serverSubnet.name}` });
      for (const c of checks) {
        const denied: { protocol: string; ev: NsgEvaluation<SecurityRule> }[] = [];
        for (const protocol of ['Udp', 'Tcp']) {
          const ev = evaluateNsg(nsgRules(c.nsg), { direction: c.direction, protocol, source: { prefix: gwPrefix }, destination: { ip: server }, destinationPort: 53 }, { virtualNetworkPrefixes: [...nsgCtx.virtualNetworkPrefixes, server] });
          if (ev.access === 'Deny') denied.push({ protocol, ev });
        }
        if (!denied.length) continue;
        const first = denied[0]!.ev;
        const rule = first.rule;
        const certain = denied.some((d) => d.ev.certainty === 'certain' && !d.ev.partial);
        const udpDenied = denied.some((d) => d.protocol === 'Udp');
        const effect = fqdns.length
          ? bi('effect',
            `The gateway cannot resolve names${udpDenied ? '' : ' over TCP (large answers)'}: FQDN members fail with "Application Gateway could not create a probe for this backend" or Unknown, and requests to ${listeners.join(', ') || 'their listeners'} get 502.`,
            `게이트웨이가 이름을 확인할 수 없어${udpDenied ? '' : '(TCP로 오는 큰 응답의 경우)'} FQDN 멤버가 "Application Gateway could not create a probe for this backend" 또는 Unknown으로 실패하고, ${listeners.join(', ') || '해당 리스너'}에 대한 요청은 502를 받습니다.`)
          : bi('effect',
            'The gateway cannot resolve public names through these servers (for example Key Vault certificates or CRL endpoints); backend health may turn Unknown.',
            '게이트웨이가 이 서버들로 공용 이름(예: Key Vault 인증서, CRL 엔드포인트)을 확인할 수 없어 백엔드 상태가 Unknown이 될 수 있습니다.');
        const nrg = nsgResourceGroup(ctx, c.nsg);
        const evidence: Evidence[] = [
          { path: rulePath(c.nsg.name, first.rule), value: ruleText(first.rule), source: first.rule.isDefault ? c.nsg.source : first.rule.source },
          ...denied.map((d) => ({ path: 'flow', value: `${c.direction} ${d.protocol.toUpperCase()} ${gwPrefix} → ${server}:53: ${d.ev.summary}` })),
          { path: `virtualNetworks[${g.vnetName}].dhcpOptions.dnsServers`, value: servers.join(', '), source: g.vnet?.source },
        ];
        // One rule with protocol Any covers UDP and TCP 53.
        const commands = allowRuleCommands(c.nsg.name, nrg, {
          name: 'AllowAppGwDns', priority: freePriorityBelow(c.nsg, c.direction, rule.priority), direction: c.direction, protocol: '*',
          source: [gwPrefix], destination: [server], ports: ['53'],
        }, { name: first.rule.name, isDefault: first.rule.isDefault });
        ctx.report({
          resource: { type: 'networkSecurityGroups', name: c.nsg.name, id: c.nsg.id },
          source: first.rule.isDefault ? c.nsg.source : first.rule.source,
          severity: certain && udpDenied ? 'error' : 'warning',
          params: {
            nsg: c.nsg.name, attachedTo: c.attachedTo, direction: c.direction, protocol: denied.map((d) => d.protocol.toUpperCase()).join('/'), gwPrefix, server,
            rule: rule.name, priority: rule.priority, ...effect,
          },
          evidence,
          commands,
          affected: listeners,
        });
      }
    }
  },
});
