import { defineRule, type Evidence } from './types';
import { allListeners, bgpRoutesSeen, gatewayNetwork, isDefaultRoutePrefix, netCommands, routeCommands, routeTableResourceGroup } from './network-context';
import { q } from './commands';

/**
 * A BGP-advertised 0.0.0.0/0 (ExpressRoute / VPN) reaches the gateway subnet when its route table propagates gateway
 * routes (or it has no route table): on a standard v2 gateway that is unsupported, with the same effect as a forced
 * tunnel UDR — backend health Unknown (azure-facts.md section 4, INFRA). Fires only when effective routes in the input
 * show such a route; udr-bgp-propagation-unverified says when they do not.
 */
export default defineRule({
  id: 'udr-bgp-default-route',
  category: 'udr',
  severity: 'error',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'BGP default route reaches the gateway subnet',
      message: 'Effective routes in the input show 0.0.0.0/0 learned over BGP (next hop {hop}), and nothing keeps it off the gateway subnet {subnet}: route table {routeTable}, disableBgpRoutePropagation {propagationDisabled}, no 0.0.0.0/0 user route.',
      effect: "On a standard v2 gateway the control-plane traffic then leaves through {hop} instead of the Internet: unsupported, backend health turns Unknown, and requests to {listeners} are at risk of 502.",
      fix: 'Disable BGP route propagation on the gateway subnet\'s route table (create and attach one if the subnet has none) and add a route 0.0.0.0/0 with next hop Internet.',
    },
    ko: {
      title: 'BGP 기본 경로가 게이트웨이 서브넷에 전달됩니다',
      message: '입력의 유효 경로에 BGP로 학습된 0.0.0.0/0(다음 홉 {hop})이 있고, 게이트웨이 서브넷 {subnet}에는 이를 막는 설정이 없습니다: 라우트 테이블 {routeTable}, disableBgpRoutePropagation {propagationDisabled}, 0.0.0.0/0 사용자 라우트 없음.',
      effect: '표준 v2 게이트웨이에서는 컨트롤 플레인 트래픽이 Internet 대신 {hop}(으)로 나가게 되어 지원되지 않는 구성이 되고, 백엔드 상태가 Unknown이 되며 {listeners}에 대한 요청이 502를 받을 수 있습니다.',
      fix: '게이트웨이 서브넷의 라우트 테이블에서 BGP 경로 전파를 끄고(라우트 테이블이 없으면 만들어 연결), 다음 홉이 Internet인 0.0.0.0/0 라우트를 추가하세요.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (ctx.gateway.generation !== 'v2' || g.ruleSet !== 'v2-standard') return;
    if (g.routeTableState !== 'known' && g.routeTableState !== 'none') return;
    const rt = g.routeTable;
    if (rt?.disableBgpRoutePropagation === true) return;
    if (rt?.routes.some((r) => isDefaultRoutePrefix(r.addressPrefix))) return; // a user route wins over BGP
    const seen = bgpRoutesSeen(ctx, g);
    const def = seen.routes.find((r) => isDefaultRoutePrefix(r.addressPrefix));
    if (!def) return;
    const hop = def.nextHopIpAddress ? `${def.nextHopType} ${def.nextHopIpAddress}` : def.nextHopType;
    const listeners = allListeners(ctx.gateway);
    const evidence: Evidence[] = [
      { path: 'effectiveRoutes', value: `VirtualNetworkGateway 0.0.0.0/0 → ${hop}`, source: def.source },
      rt
        ? { path: `routeTables[${rt.name}].disableBgpRoutePropagation`, value: String(rt.disableBgpRoutePropagation ?? false), source: rt.source }
        : { path: `virtualNetworks[${g.vnetName}].subnets[${g.subnetName}].routeTable`, value: 'none (gateway routes propagate)', source: g.subnet?.source },
      ...seen.assumed.map((a) => ({ path: 'assumption', value: a })),
      { path: 'ruleSet', value: g.ruleSetWhy },
    ];
    const rg = rt ? routeTableResourceGroup(ctx, rt) : g.vnetResourceGroup;
    const rtName = rt?.name ?? `${g.subnetName}-rt`;
    const commands = rt
      ? {
        powershell: [...routeCommands.psDisableBgp(rt.name, rg), ...routeCommands.psAddDefaultInternet(rt.name, rg)],
        az: [routeCommands.azDisableBgp(rt.name, rg), routeCommands.azAddDefaultInternet(rt.name, rg)],
      }
      : {
        powershell: [
          `$rt = New-AzRouteTable -Name ${q(rtName)} -ResourceGroupName ${q(rg)} -Location ${q(ctx.gateway.location ?? '<location>')} -DisableBgpRoutePropagation`,
          `Add-AzRouteConfig -RouteTable $rt -Name default-to-internet -AddressPrefix 0.0.0.0/0 -NextHopType Internet | Set-AzRouteTable`,
          netCommands.psVnet(g.vnetName, g.vnetResourceGroup),
          `$subnet = Get-AzVirtualNetworkSubnetConfig -Name ${q(g.subnetName)} -VirtualNetwork $vnet`,
          `$subnet.RouteTable = $rt; Set-AzVirtualNetwork -VirtualNetwork $vnet`,
        ],
        az: [
          `az network route-table create -g ${q(rg)} -n ${q(rtName)} --disable-bgp-route-propagation true`,
          routeCommands.azAddDefaultInternet(rtName, rg),
          `az network vnet subnet update -g ${q(g.vnetResourceGroup)} --vnet-name ${q(g.vnetName)} -n ${q(g.subnetName)} --route-table ${q(rtName)}`,
        ],
      };
    ctx.report({
      resource: rt ? { type: 'routeTables', name: rt.name, id: rt.id } : { type: 'subnets', name: g.subnetName, id: g.subnetRef?.id ?? '' },
      source: rt?.source ?? g.subnet?.source,
      params: {
        hop, subnet: g.subnetName, listeners: listeners.join(', ') || '-',
        routeTable: rt?.name ?? '-',
        propagationDisabled: String(rt?.disableBgpRoutePropagation ?? false),
      },
      evidence,
      commands,
      affected: listeners,
    });
  },
});
