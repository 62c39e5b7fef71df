import { defineRule } from './types';
import { fqdnBackends, fqdnSource, gatewayNetwork, joinShort, netCommands } from './network-context';
import { q } from './commands';

/**
 * FQDN backends, and the gateway's VNet (its DNS servers) is not in the input: the DNS checks cannot say whether
 * custom DNS resolves them. Said once, with the command that shows `DhcpOptions.DnsServers`.
 */
export default defineRule({
  id: 'dns-vnet-not-known',
  category: 'dns',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-dns-resolution',
  text: {
    en: {
      title: "Gateway's VNet (DNS servers) is not in the input",
      message: 'Backend pools use FQDN members ({fqdns}), but the VNet {vnet} of gateway {gateway} is not in the input, so it is not known which DNS servers resolve them.',
      fix: 'Add the VNet (Get-AzVirtualNetwork shows DhcpOptions.DnsServers; empty means Azure-provided DNS) and analyze again.',
    },
    ko: {
      title: '게이트웨이의 VNet(DNS 서버)이 입력에 없습니다',
      message: '백엔드 풀에 FQDN 멤버({fqdns})가 있지만 게이트웨이 {gateway}의 VNet {vnet}이(가) 입력에 없어서, 어떤 DNS 서버가 이 이름을 확인하는지 알 수 없습니다.',
      fix: 'VNet을 추가한 뒤 다시 분석하세요(Get-AzVirtualNetwork의 DhcpOptions.DnsServers에 표시되며, 비어 있으면 Azure 제공 DNS입니다).',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (g.vnet) return;
    const fqdns = fqdnBackends(ctx.gateway);
    if (!fqdns.length) return;
    const rg = g.vnetResourceGroup;
    ctx.report({
      resource: g.subnetRef
        ? { type: 'virtualNetworks', name: g.vnetName, id: g.subnetRef.id.replace(/\/subnets\/[^/]+$/i, '') }
        : { type: 'applicationGateways', name: ctx.gateway.name, id: ctx.gateway.id },
      source: g.ipConfig?.source ?? ctx.gateway.source,
      params: { fqdns: joinShort(fqdns.map((f) => f.fqdn.trim())), vnet: g.vnetName },
      evidence: [
        ...(g.subnetRef ? [{ path: `gatewayIPConfigurations[${g.ipConfig?.name ?? ''}].subnet.id`, value: g.subnetRef.id, source: g.ipConfig?.source }] : []),
        ...fqdns.slice(0, 3).map((f) => ({ path: `backendAddressPools[${f.pools.map((p) => p.name).join(',')}].backendAddresses[].fqdn`, value: f.fqdn, source: fqdnSource(f) })),
      ],
      commands: {
        powershell: [netCommands.psVnetJson(g.vnetName, rg), `(Get-AzVirtualNetwork -Name ${q(g.vnetName)} -ResourceGroupName ${q(rg)}).DhcpOptions.DnsServers`],
        az: [netCommands.azVnet(g.vnetName, rg), `az network vnet show -g ${q(rg)} -n ${q(g.vnetName)} --query dhcpOptions.dnsServers`],
      },
    });
  },
});
