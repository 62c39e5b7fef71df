/**
 * NSG rules naming single gateway instance addresses (/32 inside the gateway subnet) instead of the subnet
 * (GUIDE-2026 Resolution A: "NSG/firewall rules naming individual gateway instance IPs break after a platform
 * upgrade changes instance IPs: use the subnet CIDR"). The gateway's own private frontend IP is a fixed address and
 * is not flagged.
 */
import { defineRule, type Evidence } from './types';
import { parseCidr, prefixContainsPrefix } from '../net/cidr';
import { gatewayNetwork, netCommands, nsgResourceGroup } from './network-context';
import { q } from './commands';

export default defineRule({
  id: 'nsg-single-instance-ip',
  category: 'nsg',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'NSG rules name single gateway instance addresses',
      message: 'NSG {nsg} has rules that name single addresses inside the gateway subnet {gwPrefix} instead of the subnet: {rules}.',
      effect: 'Gateway instance addresses are not fixed: scaling and platform upgrades give instances new addresses in the subnet. An Allow for single instances then stops covering the new ones (their probes and requests to the backends are blocked and 502s appear after an upgrade, often on some instances only); a Deny stops applying.',
      fix: 'Replace the single addresses with the gateway subnet prefix {gwPrefix} in these rules.',
    },
    ko: {
      title: 'NSG 규칙이 개별 게이트웨이 인스턴스 주소를 지정합니다',
      message: 'NSG {nsg}에 게이트웨이 서브넷 {gwPrefix} 전체가 아니라 그 안의 개별 주소를 지정한 규칙이 있습니다: {rules}.',
      effect: '게이트웨이 인스턴스 주소는 고정되지 않습니다. 확장이나 플랫폼 업그레이드 때 인스턴스가 서브넷의 새 주소를 받습니다. 그러면 개별 인스턴스를 허용하던 Allow 규칙이 새 인스턴스를 포함하지 못해 백엔드로 가는 프로브와 요청이 차단되고, 업그레이드 후 (흔히 일부 인스턴스에서만) 502가 납니다. Deny 규칙은 더 이상 적용되지 않습니다.',
      fix: '이 규칙들의 개별 주소를 게이트웨이 서브넷 접두사 {gwPrefix}(으)로 바꾸세요.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (!g.prefixes.length) return;
    const frontends = new Set(ctx.gateway.frontendIpConfigurations.map((f) => f.privateIpAddress?.trim()).filter((x): x is string => !!x));
    for (const nsg of ctx.workspace.networkSecurityGroups) {
      const hits: { rule: string; side: 'source' | 'destination'; address: string; gwPrefix: string; ev: Evidence }[] = [];
      for (const r of nsg.securityRules) {
        for (const [side, list] of [['source', r.sourcePrefixes], ['destination', r.destinationPrefixes]] as const) {
          for (const p of list) {
            const c = parseCidr(p);
            if (!c || c.length !== (c.family === 4 ? 32 : 128)) continue;
            const addr = p.trim().replace(/\/(32|128)$/, '');
            if (frontends.has(addr)) continue;
            const gwPrefix = g.prefixes.find((gp) => prefixContainsPrefix(gp, p.trim()));
            if (!gwPrefix) continue;
            hits.push({ rule: r.name, side, address: addr, gwPrefix, ev: { path: `networkSecurityGroups[${nsg.name}].securityRules[${r.name}].${side}AddressPrefix`, value: `${p} (${r.access} ${r.direction}, priority ${r.priority})`, source: r.source } });
          }
        }
      }
      if (!hits.length) continue;
      const rg = nsgResourceGroup(ctx, nsg);
      const rules = [...new Set(hits.map((h) => h.rule))];
      ctx.report({
        resource: { type: 'networkSecurityGroups', name: nsg.name, id: nsg.id },
        source: nsg.source,
        params: { nsg: nsg.name, gwPrefix: hits[0].gwPrefix, rules: rules.map((r) => `${r} (${hits.filter((h) => h.rule === r).map((h) => h.address).join(', ')})`).join('; ') },
        evidence: hits.slice(0, 10).map((h) => h.ev),
        affected: [],
        commands: {
          powershell: [netCommands.psShowRule(nsg.name, rg, rules[0])].flat(),
          az: [netCommands.azShowRule(nsg.name, rg, rules[0]), `az network nsg rule update -g ${q(rg)} --nsg-name ${q(nsg.name)} -n ${q(hits[0].rule)} --${hits[0].side}-address-prefixes ${hits[0].gwPrefix}`],
        },
      });
    }
  },
});
