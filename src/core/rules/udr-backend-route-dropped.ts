import { defineRule, type Evidence } from './types';
import {
  backendTargets, bgpRoutesSeen, gatewayNetwork, gatewayPrefixFor, gatewayRouteTo, joinShort, netCommands, poolPorts, 
  routeTableResourceGroup, userRouteHolds, type BackendTarget,
} from './network-context';
import { q } from './commands';
import { affectedListeners } from '../model/topology';
import { idKey } from '../model/ids';
import type { Route } from '../model/types';

/**
 * The route the gateway subnet uses for a backend address (longest prefix; user > BGP > system, net/routes.ts) is a
 * user route with next hop None (dropped: error), VirtualAppliance or VirtualNetworkGateway (allowed but the path
 * must be symmetric: warning; an appliance NIC without IP forwarding drops: error), or Internet for a private address
 * (not reachable: warning). azure-facts.md section 4 and GUIDE-2026 step 5. Without a route table on the gateway
 * subnet, VnetLocal / peering routes apply and nothing is reported. A detour through an appliance or gateway is only
 * reported here when the backend's way back is not in the input; otherwise asymmetric-return-path compares both ways.
 */
type Kind = 'none' | 'appliance' | 'appliance-no-forwarding' | 'vng' | 'internet';

const NOTES: Record<Kind, { en: string; ko: string }> = {
  none: {
    en: ' Next hop None: Azure drops the traffic.',
    ko: ' 다음 홉 None: Azure가 트래픽을 버립니다.',
  },
  'appliance-no-forwarding': {
    en: ' The appliance\'s network interface {nic} has IP forwarding disabled, so it drops traffic addressed to others.',
    ko: ' 어플라이언스의 네트워크 인터페이스 {nic}에서 IP 전달이 꺼져 있어, 다른 주소로 가는 트래픽을 버립니다.',
  },
  appliance: {
    en: ' Allowed, but the path must be symmetric: the backend subnet must route the gateway subnet {gwPrefix} back through the same appliance, and the appliance must allow and forward TCP {ports}.',
    ko: ' 허용되는 구성이지만 경로가 대칭이어야 합니다. 백엔드 서브넷도 게이트웨이 서브넷 {gwPrefix}(으)로 가는 트래픽을 같은 어플라이언스로 보내야 하고, 어플라이언스가 TCP {ports}을(를) 허용하고 전달해야 합니다.',
  },
  vng: {
    en: ' The backends are reached through the VPN / ExpressRoute gateway: the on-premises side must route the gateway subnet {gwPrefix} back the same way and allow TCP {ports}.',
    ko: ' 백엔드에 VPN/ExpressRoute 게이트웨이를 거쳐 연결됩니다. 온-프레미스 쪽도 게이트웨이 서브넷 {gwPrefix}(으)로 가는 경로를 같은 길로 되돌려야 하고 TCP {ports}을(를) 허용해야 합니다.',
  },
  internet: {
    en: ' These are private addresses: they are not reachable through the Internet.',
    ko: ' 프라이빗 주소이므로 Internet을 통해서는 연결할 수 없습니다.',
  },
};

export default defineRule({
  id: 'udr-backend-route-dropped',
  category: 'udr',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'Gateway subnet route sends backend traffic away or drops it',
      message: 'Route {route} ({prefix} → {hop}) in route table {routeTable} of the gateway subnet is the longest match for {backends}.',
      effect: '{noteEn}Requests and probes to pool {pools} on port {ports} {effectEn}; requests to {listeners} {resultEn}.',
      fix: 'Route {route}: {fixEn}',
    },
    ko: {
      title: '게이트웨이 서브넷의 라우트가 백엔드 트래픽을 다른 곳으로 보내거나 버립니다',
      message: '게이트웨이 서브넷의 라우트 테이블 {routeTable}에 있는 라우트 {route}({prefix} → {hop})이(가) {backends}에 대해 가장 긴 접두사로 일치합니다.',
      effect: '{noteKo}풀 {pools}의 포트 {ports}(으)로 가는 요청과 프로브가 {effectKo}. {listeners}에 대한 요청은 {resultKo}.',
      fix: '라우트 {route} 조치: {fixKo}',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    const rt = g.routeTable;
    if (!rt || !rt.routes.length) return;
    const { targets } = backendTargets(ctx);
    const found = new Map<string, { route: Route; kind: Kind; hop: string; nicName?: string; targets: BackendTarget[] }>();
    const nicByIp = new Map<string, { name: string; forwarding?: boolean }>();
    for (const n of ctx.workspace.networkInterfaces) for (const c of n.ipConfigurations) if (c.privateIpAddress) nicByIp.set(c.privateIpAddress.trim(), { name: n.name, forwarding: n.enableIpForwarding });
    const ruleRoutes = new Set(rt.routes);
    // Where the backend's way back is known, asymmetric-return-path judges an appliance / gateway detour (symmetric or not).
    // (It covers private backends in a known subnet whose route table, if any, is in the input.)
    const returnKnown = (t: BackendTarget) => !!t.subnet && (!t.subnet.routeTable || !!ctx.net.routeTable(t.subnet.routeTable)) && t.cidr.family === 4;
    for (const t of targets) {
      if (!userRouteHolds(rt, t)) continue;
      const sel = gatewayRouteTo(ctx, g, t);
      if (!sel || sel.origin !== 'User' || !sel.route || !ruleRoutes.has(sel.route)) continue;
      const type = sel.nextHopType.trim().toLowerCase();
      let kind: Kind | undefined;
      let nicName: string | undefined;
      if (type === 'none') kind = 'none';
      else if (type === 'virtualappliance') {
        const nva = sel.nextHopIpAddress ? nicByIp.get(sel.nextHopIpAddress.trim()) : undefined;
        kind = nva && nva.forwarding === false ? 'appliance-no-forwarding' : 'appliance';
        nicName = nva?.name;
      } else if (type === 'virtualnetworkgateway') kind = 'vng';
      else if (type === 'internet' && t.private) kind = 'internet';
      if (!kind || ((kind === 'appliance' || kind === 'vng') && t.private && returnKnown(t))) continue;
      const hop = sel.nextHopIpAddress ? `${sel.nextHopType} ${sel.nextHopIpAddress}` : sel.nextHopType;
      const k = `${sel.route.name}|${kind}`;
      const e = found.get(k);
      if (e) e.targets.push(t);
      else found.set(k, { route: sel.route, kind, hop, nicName, targets: [t] });
    }
    if (!found.size) return;
    const flows = poolPorts(ctx);
    const rg = routeTableResourceGroup(ctx, rt);
    const bgpAssumed = bgpRoutesSeen(ctx, g).assumed;
    for (const { route, kind, hop, nicName, targets: hit } of found.values()) {
      const poolIds = new Set(hit.flatMap((t) => t.pools.map((p) => idKey(p.id))));
      const pools = ctx.gateway.backendAddressPools.filter((p) => poolIds.has(idKey(p.id)));
      const ports = [...new Set(flows.filter((f) => poolIds.has(idKey(f.pool.id))).map((f) => f.port))].sort((a, b) => a - b);
      const listeners = affectedListeners(ctx.gateway, (p) => !!p.pool && poolIds.has(idKey(p.pool.id)));
      const gwPrefix = gatewayPrefixFor(g, hit[0]!.ip) ?? g.prefixes[0] ?? g.subnetName;
      const fill = (s: string) => s.replace('{nic}', nicName ?? '').replace('{gwPrefix}', gwPrefix).replace('{ports}', ports.join(', ') || '-');
      const error = kind === 'none' || kind === 'appliance-no-forwarding';
      const effect = error
        ? { en: 'never reach the backends, so the servers turn Unhealthy', ko: '백엔드에 도달하지 못해 서버가 Unhealthy가 됩니다', resEn: 'get 502 Bad Gateway', resKo: '502 Bad Gateway를 받습니다' }
        : { en: `leave through ${hop}; if the return path or the device does not pass them, the servers turn Unhealthy`, ko: `${hop}을(를) 거쳐 나갑니다. 돌아오는 경로나 장치가 트래픽을 통과시키지 않으면 서버가 Unhealthy가 됩니다`, resEn: 'then get 502 Bad Gateway', resKo: '그 경우 502 Bad Gateway를 받습니다' };
      const fix = kind === 'none'
        ? { en: `Remove route ${route.name} or change its next hop so that ${joinShort(hit.map((t) => t.ip))} is reachable (for backends in the VNet or a peered VNet, no route is needed: VnetLocal / peering applies).`, ko: `라우트 ${route.name}을(를) 삭제하거나 다음 홉을 바꿔 ${joinShort(hit.map((t) => t.ip))}에 연결되게 하세요(VNet 또는 피어링된 VNet의 백엔드라면 라우트가 필요 없습니다. VnetLocal/피어링 경로가 적용됩니다).` }
        : kind === 'appliance-no-forwarding'
          ? { en: `Enable IP forwarding on the appliance's network interface ${nicName} (and in the appliance's OS), or change route ${route.name}.`, ko: `어플라이언스 네트워크 인터페이스 ${nicName}에서 IP 전달을 켜거나(어플라이언스 OS에서도), 라우트 ${route.name}을(를) 바꾸세요.` }
          : kind === 'internet'
            ? { en: `Remove route ${route.name} or change its next hop: private backends are reached through the VNet (VnetLocal), peering, a VPN / ExpressRoute gateway or an appliance, never through the Internet.`, ko: `라우트 ${route.name}을(를) 삭제하거나 다음 홉을 바꾸세요. 프라이빗 백엔드는 VNet(VnetLocal), 피어링, VPN/ExpressRoute 게이트웨이 또는 어플라이언스를 통해 연결되며 Internet으로는 연결되지 않습니다.` }
            : { en: `Check the return path: the effective routes of a backend NIC must send ${gwPrefix} back through ${hop}, and the device must allow TCP ${ports.join(', ') || '-'}. If the detour is not intended, remove route ${route.name}.`, ko: `돌아오는 경로를 확인하세요. 백엔드 NIC의 유효 경로가 ${gwPrefix}을(를) ${hop}(으)로 되돌려 보내야 하고, 장치가 TCP ${ports.join(', ') || '-'}을(를) 허용해야 합니다. 의도한 우회가 아니라면 라우트 ${route.name}을(를) 삭제하세요.` };
      const evidence: Evidence[] = [
        { path: `routeTables[${rt.name}].routes[${route.name}]`, value: `${route.addressPrefix} → ${hop}`, source: route.source },
        { path: `virtualNetworks[${g.vnetName}].subnets[${g.subnetName}].routeTable.id`, value: rt.id, source: g.subnet?.source },
        ...hit.slice(0, 5).map((t) => ({ path: `backendAddressPools[${t.pools.map((p) => p.name).join(',')}]`, value: t.ip, source: t.source })),
        ...bgpAssumed.map((a) => ({ path: 'assumption', value: a })),
      ];
      if (kind === 'appliance-no-forwarding') evidence.push({ path: `networkInterfaces[${nicName}].enableIPForwarding`, value: 'false' });
      const ps: string[] = [];
      const az: string[] = [];
      if (kind === 'none' || kind === 'internet') {
        ps.push(`Get-AzRouteTable -Name ${q(rt.name)} -ResourceGroupName ${q(rg)} | Remove-AzRouteConfig -Name ${q(route.name)} | Set-AzRouteTable`);
        az.push(`az network route-table route delete -g ${q(rg)} --route-table-name ${q(rt.name)} -n ${q(route.name)}`);
      } else if (kind === 'appliance-no-forwarding') {
        const nic = ctx.workspace.networkInterfaces.find((n) => n.name === nicName)!;
        const nrg = /\/resourceGroups\/([^/]+)\//i.exec(nic.id)?.[1] ?? rg;
        ps.push(`$nic = Get-AzNetworkInterface -Name ${q(nicName!)} -ResourceGroupName ${q(nrg)}`, '$nic.EnableIPForwarding = $true', 'Set-AzNetworkInterface -NetworkInterface $nic');
        az.push(`az network nic update -g ${q(nrg)} -n ${q(nicName!)} --ip-forwarding true`);
      } else {
        for (const t of hit.filter((x) => x.nic).slice(0, 2)) {
          const nrg = /\/resourceGroups\/([^/]+)\//i.exec(t.nic!.id)?.[1] ?? rg;
          ps.push(netCommands.psEffectiveRoutes(t.nic!.name, nrg));
          az.push(netCommands.azEffectiveRoutes(t.nic!.name, nrg));
        }
        if (!ps.length) {
          ps.push(netCommands.psEffectiveRoutes('<backend-nic>', '<backend-rg>'));
          az.push(netCommands.azEffectiveRoutes('<backend-nic>', '<backend-rg>'));
        }
      }
      ctx.report({
        resource: { type: 'routeTables', name: rt.name, id: rt.id },
        source: route.source,
        severity: error ? 'error' : 'warning',
        params: {
          route: route.name, prefix: route.addressPrefix, hop, routeTable: rt.name, backends: joinShort(hit.map((t) => t.ip)),
          noteEn: `${fill(NOTES[kind].en).trim()} `, noteKo: `${fill(NOTES[kind].ko).trim()} `,
          pools: pools.map((p) => p.name).join(', '), ports: ports.join(', ') || '-', listeners: listeners.join(', ') || '-',
          effectEn: effect.en, effectKo: effect.ko, resultEn: effect.resEn, resultKo: effect.resKo, fixEn: fix.en, fixKo: fix.ko,
        },
        evidence,
        commands: { powershell: ps, az },
        affected: listeners,
      });
    }
  },
});
