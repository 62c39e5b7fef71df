import { defineRule, type Evidence } from './types';
import { backendNics, bi, gatewayNetwork, isDefaultRoutePrefix, netCommands, routeCommands, routeTableResourceGroup } from './network-context';

/**
 * BGP route propagation is on for the gateway subnet of a standard v2 gateway and the input holds no effective routes
 * to show whether a VPN / ExpressRoute gateway advertises 0.0.0.0/0 (which would be unsupported: azure-facts.md
 * section 4). Said once: when the subnet has a route table that propagates, or has none while its VNet holds a
 * GatewaySubnet (a VPN / ExpressRoute gateway is likely).
 */
export default defineRule({
  id: 'udr-bgp-propagation-unverified',
  category: 'udr',
  severity: 'info',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'BGP route propagation on the gateway subnet: default route not verified',
      message: 'The gateway subnet {subnet} takes BGP routes (route table {routeTable}, disableBgpRoutePropagation false), and the input has no effective routes to show whether a VPN or ExpressRoute gateway advertises 0.0.0.0/0.',
      effect: '{whyEn}If 0.0.0.0/0 is advertised over BGP, a standard v2 gateway sends its control-plane traffic there: unsupported, and backend health turns Unknown.',
      fix: 'Check the effective routes of a VM NIC in the same VNet for a 0.0.0.0/0 route with source VirtualNetworkGateway, or disable BGP route propagation on the gateway subnet\'s route table (recommended for standard v2 gateways).',
    },
    ko: {
      title: '게이트웨이 서브넷의 BGP 경로 전파: 기본 경로를 확인하지 못했습니다',
      message: '게이트웨이 서브넷 {subnet}은(는) BGP 경로를 받지만(라우트 테이블 {routeTable}, disableBgpRoutePropagation false), 입력에 유효 경로가 없어 VPN 또는 ExpressRoute 게이트웨이가 0.0.0.0/0을 광고하는지 알 수 없습니다.',
      effect: '{whyKo}BGP로 0.0.0.0/0이 광고되면 표준 v2 게이트웨이의 컨트롤 플레인 트래픽이 그쪽으로 가게 되어 지원되지 않는 구성이 되고 백엔드 상태가 Unknown이 됩니다.',
      fix: '같은 VNet에 있는 VM NIC의 유효 경로에서 원본이 VirtualNetworkGateway인 0.0.0.0/0 라우트가 있는지 확인하거나, 게이트웨이 서브넷 라우트 테이블의 BGP 경로 전파를 끄세요(표준 v2 게이트웨이에 권장).',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (ctx.gateway.generation !== 'v2' || g.ruleSet !== 'v2-standard' || ctx.workspace.effectiveRoutes.length) return;
    const rt = g.routeTable;
    let why: Record<string, string>;
    const evidence: Evidence[] = [];
    if (g.routeTableState === 'known' && rt) {
      if (rt.disableBgpRoutePropagation === true || rt.routes.some((r) => isDefaultRoutePrefix(r.addressPrefix))) return;
      why = bi('why', '', '');
      evidence.push({ path: `routeTables[${rt.name}].disableBgpRoutePropagation`, value: String(rt.disableBgpRoutePropagation ?? false), source: rt.source });
    } else if (g.routeTableState === 'none' && g.vnet?.subnets.some((s) => s.name.toLowerCase() === 'gatewaysubnet')) {
      why = bi('why', `VNet ${g.vnetName} has a GatewaySubnet, so a VPN or ExpressRoute gateway is likely. `, `VNet ${g.vnetName}에 GatewaySubnet이 있어 VPN 또는 ExpressRoute 게이트웨이가 있을 가능성이 높습니다. `);
      evidence.push({ path: `virtualNetworks[${g.vnetName}].subnets[${g.subnetName}].routeTable`, value: 'none', source: g.subnet?.source });
      evidence.push({ path: `virtualNetworks[${g.vnetName}].subnets[GatewaySubnet]`, value: 'present (VPN / ExpressRoute gateway subnet)', source: g.vnet.subnets.find((s) => s.name.toLowerCase() === 'gatewaysubnet')!.source });
    } else return;
    const nics = backendNics(ctx);
    const ps = nics.map((n) => netCommands.psEffectiveRoutes(n.name, n.rg));
    const az = nics.map((n) => netCommands.azEffectiveRoutes(n.name, n.rg));
    if (rt) {
      const rg = routeTableResourceGroup(ctx, rt);
      ps.push(...routeCommands.psDisableBgp(rt.name, rg));
      az.push(routeCommands.azDisableBgp(rt.name, rg));
    }
    ctx.report({
      resource: rt ? { type: 'routeTables', name: rt.name, id: rt.id } : { type: 'subnets', name: g.subnetName, id: g.subnetRef?.id ?? '' },
      source: rt?.source ?? g.subnet?.source,
      params: { subnet: g.subnetName, routeTable: rt?.name ?? '-', ...why },
      evidence,
      commands: { powershell: ps, az },
    });
  },
});
