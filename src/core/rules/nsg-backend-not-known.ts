import { defineRule } from './types';
import { backendTargets, effectiveNsgOf, gatewayNetwork, joinShort, netCommands, type BackendTarget } from './network-context';
import { parseResourceId } from '../model/ids';
import { q, rgOf } from './commands';

/**
 * The gateway subnet's NSG situation is known, but for some private backends the NSG that filters them on their
 * side is not (their subnet is not in the input, or their subnet/NIC names an NSG the input lacks, and no effective
 * NSG document matches them). Said once per gateway, with the commands that supply it; when the gateway subnet
 * itself is unknown, nsg-not-known speaks instead.
 */
export default defineRule({
  id: 'nsg-backend-not-known',
  category: 'nsg',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-troubleshooting-502',
  text: {
    en: {
      title: "Backends' NSGs are not in the input",
      message: 'For {count} private backend(s) of gateway {gateway} ({backends}) the NSG on the backend side is not in the input, so whether it lets the gateway subnet in could not be checked.',
      fix: 'For backend VMs, add the output of Get-AzEffectiveNetworkSecurityGroup for their network interfaces (it covers both the subnet and the NIC NSG), or add their VNet and NSGs, then analyze again.',
    },
    ko: {
      title: '백엔드의 NSG가 입력에 없습니다',
      message: '게이트웨이 {gateway}의 프라이빗 백엔드 {count}개({backends})에 대해 백엔드 쪽 NSG가 입력에 없어서, 게이트웨이 서브넷의 접근을 허용하는지 확인할 수 없었습니다.',
      fix: '백엔드 VM이라면 해당 네트워크 인터페이스의 Get-AzEffectiveNetworkSecurityGroup 출력(서브넷 NSG와 NIC NSG를 모두 포함)을 추가하거나, 백엔드의 VNet과 NSG를 추가한 뒤 다시 분석하세요.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (g.nsgState !== 'known' && g.nsgState !== 'none') return;
    const { targets, unresolved } = backendTargets(ctx);
    const unknown: BackendTarget[] = [];
    for (const t of targets) {
      if (!t.private || effectiveNsgOf(ctx, t)) continue;
      const subnetNsgMissing = !!t.subnet?.networkSecurityGroup && !ctx.net.nsg(t.subnet.networkSecurityGroup);
      const nicNsgMissing = !!t.nic?.networkSecurityGroup && !ctx.net.nsg(t.nic.networkSecurityGroup);
      if (!t.subnet || subnetNsgMissing || nicNsgMissing) unknown.push(t);
    }
    if (!unknown.length && !unresolved.length) return;
    const names = [...unknown.map((t) => t.ip), ...unresolved.map((u) => u.ref.name ? `${u.ref.id.split('/').slice(-3, -2)[0] ?? ''}/${u.ref.name}` : u.ref.id)];
    const ps: string[] = [];
    const az: string[] = [];
    const nics = new Map<string, { name: string; rg: string }>();
    for (const t of unknown) if (t.nic) nics.set(t.nic.id.toLowerCase(), { name: t.nic.name, rg: parseResourceId(t.nic.id).resourceGroup ?? rgOf(ctx.gateway) });
    for (const u of unresolved) {
      const m = /\/resourceGroups\/([^/]+)\/.*\/networkInterfaces\/([^/]+)\//i.exec(u.ref.id);
      if (m) nics.set(`${m[1]}/${m[2]}`.toLowerCase(), { name: m[2]!, rg: m[1]! });
    }
    for (const n of [...nics.values()].slice(0, 3)) {
      ps.push(netCommands.psEffectiveNsg(n.name, n.rg));
      az.push(netCommands.azEffectiveNsg(n.name, n.rg));
    }
    const byIp = unknown.filter((t) => !t.nic).slice(0, 2);
    for (const t of byIp) {
      // Find the NIC that holds the address first (pools listed by IP do not name it).
      ps.push(`Get-AzNetworkInterface | Where-Object { $_.IpConfigurations.PrivateIpAddress -contains ${q(t.ip)} } | Select-Object Name, ResourceGroupName`);
      az.push(`az network nic list --query "[?ipConfigurations[?privateIPAddress=='${t.ip}']].{name:name, resourceGroup:resourceGroup}" -o table`);
    }
    if (byIp.length) {
      ps.push(netCommands.psEffectiveNsg('<backend-nic>', '<backend-rg>'));
      az.push(netCommands.azEffectiveNsg('<backend-nic>', '<backend-rg>'));
    }
    const first = unknown[0];
    ctx.report({
      resource: first?.subnet
        ? { type: 'subnets', name: first.subnet.name, id: first.subnet.id }
        : { type: 'backendAddressPools', name: (first?.pools[0] ?? unresolved[0]!.pool).name, id: (first?.pools[0] ?? unresolved[0]!.pool).id },
      source: first?.source ?? unresolved[0]?.pool.source,
      params: { count: names.length, backends: joinShort(names) },
      evidence: [
        ...unknown.slice(0, 5).map((t) => ({
          path: `backendAddressPools[${t.pools.map((p) => p.name).join(',')}]`,
          value: `${t.ip}: ${!t.subnet ? 'no subnet in the input holds this address' : `NSG ${t.subnet.networkSecurityGroup && !ctx.net.nsg(t.subnet.networkSecurityGroup) ? t.subnet.networkSecurityGroup.name : t.nic?.networkSecurityGroup?.name ?? ''} not in the input`}`,
          source: t.source,
        })),
        ...unresolved.slice(0, 5).map((u) => ({ path: `backendAddressPools[${u.pool.name}].backendIPConfigurations`, value: `${u.ref.id}: network interface not in the input`, source: u.pool.source })),
      ],
      commands: { powershell: ps, az },
    });
  },
});
