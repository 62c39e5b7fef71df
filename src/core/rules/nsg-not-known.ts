import { defineRule } from './types';
import { backendNics, bi, gatewayNetwork, netCommands, nsgResourceGroup } from './network-context';
import type { Evidence } from './types';

/**
 * The gateway subnet's NSG is not in the input (the subnet names one the input lacks, or the subnet itself is
 * missing and no NSG lists it): say once which commands supply it, instead of a silent "all good".
 */
export default defineRule({
  id: 'nsg-not-known',
  category: 'nsg',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'NSG of the gateway subnet is not in the input',
      message: 'The NSG rules that apply to the gateway subnet {subnet} (VNet {vnet}) of gateway {gateway} are not in the input.',
      effect: '{missingEn} The NSG checks (GatewayManager and AzureLoadBalancer inbound, outbound Internet, gateway → backend traffic) could not run.',
      fix: 'Add the VNet (it shows each subnet with its NetworkSecurityGroup and RouteTable), the gateway subnet NSG, and for backend VMs their effective NSG (Get-AzEffectiveNetworkSecurityGroup), then analyze again.',
    },
    ko: {
      title: '게이트웨이 서브넷의 NSG가 입력에 없습니다',
      message: '게이트웨이 {gateway}의 게이트웨이 서브넷 {subnet}(VNet {vnet})에 적용되는 NSG 규칙이 입력에 없습니다.',
      effect: '{missingKo} 따라서 NSG 검사(GatewayManager·AzureLoadBalancer 인바운드, 아웃바운드 Internet, 게이트웨이 → 백엔드 트래픽)를 실행할 수 없었습니다.',
      fix: 'VNet(각 서브넷의 NetworkSecurityGroup과 RouteTable이 표시됨), 게이트웨이 서브넷의 NSG, 그리고 백엔드 VM의 유효 NSG(Get-AzEffectiveNetworkSecurityGroup)를 추가한 뒤 다시 분석하세요.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (!g.subnetRef || (g.nsgState !== 'missing' && g.nsgState !== 'unknown')) return;
    const rg = g.vnetResourceGroup;
    const evidence: Evidence[] = [
      { path: `gatewayIPConfigurations[${g.ipConfig?.name ?? ''}].subnet.id`, value: g.subnetRef.id, source: g.ipConfig?.source },
    ];
    const ps = [netCommands.psVnet(g.vnetName, rg), netCommands.psSubnet(g.subnetName)];
    const az = [netCommands.azSubnet(g.vnetName, g.subnetName, rg)];
    let missing: Record<string, string>;
    if (g.nsgState === 'missing' && g.nsgRef) {
      evidence.push({ path: `subnets[${g.subnetName}].networkSecurityGroup.id`, value: g.nsgRef.id, source: g.subnet?.source });
      const nrg = nsgResourceGroup(ctx, g.nsgRef);
      ps.push(netCommands.psNsg(g.nsgRef.name, nrg));
      az.push(netCommands.azNsg(g.nsgRef.name, nrg));
      missing = bi('missing', `the subnet uses NSG ${g.nsgRef.name}, which is not in the input.`, `이 서브넷은 NSG ${g.nsgRef.name}을(를) 사용하지만 입력에 해당 NSG가 없습니다.`);
    } else {
      evidence.push({ path: 'virtualNetworks', value: `subnet ${g.subnetName} not in the input; no NSG in the input lists it` });
      ps.push(`Get-AzNetworkSecurityGroup -Name <nsg-from-the-subnet> -ResourceGroupName ${rg} | ConvertTo-Json -Depth 20`);
      az.push(`az network nsg show -g ${rg} -n <nsg-from-the-subnet>`);
      missing = bi('missing', 'neither the subnet nor its NSG is in the input, so it is not known whether an NSG filters it.', '입력에 서브넷도 그 NSG도 없어서 NSG가 트래픽을 필터링하는지 알 수 없습니다.');
    }
    // Backends' effective NSGs (the guide's Get-AzEffectiveNetworkSecurityGroup) when their NICs are known.
    for (const nic of backendNics(ctx, 3)) {
      ps.push(netCommands.psEffectiveNsg(nic.name, nic.rg));
      az.push(netCommands.azEffectiveNsg(nic.name, nic.rg));
    }
    ctx.report({
      resource: g.nsgState === 'missing' && g.nsgRef
        ? { type: 'networkSecurityGroups', name: g.nsgRef.name, id: g.nsgRef.id }
        : { type: 'subnets', name: g.subnetName, id: g.subnetRef.id },
      source: g.subnet?.source ?? g.ipConfig?.source,
      params: { subnet: g.subnetName, vnet: g.vnetName, ...missing },
      evidence,
      commands: { powershell: ps, az },
    });
  },
});
