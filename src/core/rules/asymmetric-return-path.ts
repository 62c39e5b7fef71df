/**
 * Asymmetric return path (GUIDE-2026 Resolution J, azure-facts.md §4): requests follow the gateway subnet's routes,
 * responses the backend subnet's. When one direction goes through a virtual appliance (or a hub gateway) and the other
 * goes direct — or through another appliance — a stateful device sees half a flow and drops it. Next hop None drops
 * outright; an appliance NIC without IP forwarding drops what is not addressed to it. Route selection:
 * net/routes.ts selectRoute (longest prefix; user > BGP > system). Needs the backend subnets' route tables and, for
 * the appliance check, its NIC.
 */
import { defineRule, type Evidence } from './types';
import { isIp, parseCidr } from '../net/cidr';
import { selectEffectiveRoute, selectRoute, type RouteSelection } from '../net/routes';
import { idKey } from '../model/ids';
import type { EffectiveRoute, Route, RouteTable, Subnet } from '../model/types';
import { affectedBy } from './backend-support';
import { backendTargets, effectiveRoutesOf, gatewayNetwork, gatewayRouteOptions, routeCommands, routeTableResourceGroup, type BackendTarget } from './network-context';

/** An address inside the prefix to route towards: the network address + 4 (Azure keeps the first four). */
function addressIn(prefix: string): string | undefined {
  const c = parseCidr(prefix);
  if (!c || c.family !== 4) return undefined;
  const v = c.first + (c.last - c.first >= 4n ? 4n : 0n);
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
}

type Sel = RouteSelection<Route> | RouteSelection<EffectiveRoute>;

/** How a selection leaves the subnet: `direct`, or via a hop (`VirtualAppliance 10.0.0.4`, `VirtualNetworkGateway`), or `drop`. */
function pathKind(s: Sel): { kind: 'direct' | 'hop' | 'drop'; hop: string } {
  const t = s.nextHopType.toLowerCase();
  if (t === 'none') return { kind: 'drop', hop: 'None' };
  if (t === 'virtualappliance') return { kind: 'hop', hop: `VirtualAppliance ${s.nextHopIpAddress ?? '?'}` };
  if (t === 'virtualnetworkgateway') return { kind: 'hop', hop: 'VirtualNetworkGateway' };
  return { kind: 'direct', hop: s.nextHopType };
}

function describe(s: Sel, table?: RouteTable): string {
  const origin = s.origin ? s.origin.toLowerCase() : 'no';
  const name = s.route && 'name' in s.route && s.route.name ? ` ${s.route.name}` : '';
  return `${pathKind(s).hop} (${origin} route${name}${s.prefix ? ` ${s.prefix}` : ''}${table && s.origin === 'User' ? `, route table ${table.name}` : ''})`;
}

export default defineRule({
  id: 'asymmetric-return-path',
  category: 'udr',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'Requests and responses take different paths (or are dropped)',
      message: 'Backend subnet {subnet} ({ip}): requests from the gateway subnet {gwPrefix} leave via {forward}; responses to {gwPrefix} leave via {back}.{nva}',
      effect: '{diagEn} Probes and requests to backends in {subnet} fail, the servers turn Unhealthy, and clients of {listeners} get 502.',
      fix: '{fixEn} Verify with the effective routes of a backend NIC (commands below).',
    },
    ko: {
      title: '요청과 응답이 서로 다른 경로로 가거나 버려집니다',
      message: '백엔드 서브넷 {subnet}({ip}): 게이트웨이 서브넷 {gwPrefix}에서 오는 요청은 {forward}(으)로 나가고, {gwPrefix}로 가는 응답은 {back}(으)로 나갑니다.{nva}',
      effect: '{diagKo} {subnet}의 백엔드로 가는 프로브와 요청이 실패하고 서버가 Unhealthy가 되며, {listeners}의 클라이언트는 502를 받습니다.',
      fix: '{fixKo} 백엔드 NIC의 유효 경로로 확인하세요(아래 명령).',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    const gwPrefix = g.prefixes.find((p) => parseCidr(p)?.family === 4);
    if (!gwPrefix) return;
    const gwAddress = addressIn(gwPrefix)!;
    const bySubnet = new Map<string, { subnet: Subnet; t: BackendTarget }>();
    for (const t of backendTargets(ctx).targets) {
      if (!t.private || !t.subnet || !isIp(t.ip)) continue;
      const k = idKey(t.subnet.id);
      if (g.subnet && k === idKey(g.subnet.id)) continue;
      if (!bySubnet.has(k)) bySubnet.set(k, { subnet: t.subnet, t });
    }
    for (const { subnet, t } of bySubnet.values()) {
      const forward = selectRoute(t.ip, gatewayRouteOptions(ctx, g, t));
      if (!forward) continue;
      const rt = ctx.net.routeTable(subnet.routeTable);
      if (subnet.routeTable && !rt) continue; // the backend subnet's route table is not in the input: cannot tell.
      const eff = effectiveRoutesOf(ctx, t);
      let back: Sel | undefined;
      if (eff) back = selectEffectiveRoute(gwAddress, eff.doc.routes);
      else {
        const vnet = ctx.net.vnetOfSubnet(subnet);
        const sameVnet = !!vnet && !!g.vnet && idKey(vnet.id) === idKey(g.vnet.id);
        back = selectRoute(gwAddress, {
          userRoutes: rt?.routes ?? [],
          vnetPrefixes: [...(vnet?.addressPrefixes ?? []), ...subnet.addressPrefixes],
          peeredPrefixes: sameVnet ? [] : [...g.vnetPrefixes, gwPrefix],
          disableBgpRoutePropagation: rt?.disableBgpRoutePropagation === true,
        });
      }
      if (!back) continue;
      const f = pathKind(forward);
      const b = pathKind(back);
      // Appliance NICs without IP forwarding (both directions).
      const nvaNotes: { en: string; ko: string; ev: Evidence }[] = [];
      for (const s of [forward, back]) {
        if (s.nextHopType.toLowerCase() !== 'virtualappliance' || !s.nextHopIpAddress) continue;
        const nic = ctx.workspace.networkInterfaces.find((n) => n.ipConfigurations.some((c) => c.privateIpAddress === s.nextHopIpAddress));
        if (nic && nic.enableIpForwarding !== true && !nvaNotes.some((x) => x.ev.value.includes(nic.name))) {
          nvaNotes.push({
            en: `The appliance ${s.nextHopIpAddress} is network interface ${nic.name}, whose IP forwarding is off: it drops packets not addressed to itself.`,
            ko: `어플라이언스 ${s.nextHopIpAddress}은(는) 네트워크 인터페이스 ${nic.name}이며 IP 전달이 꺼져 있어 자신에게 오지 않은 패킷을 버립니다.`,
            ev: { path: `networkInterfaces[${nic.name}].enableIPForwarding`, value: String(nic.enableIpForwarding ?? false), source: nic.source },
          });
        }
      }
      const asymmetric = f.kind !== 'drop' && b.kind !== 'drop' && (f.kind !== b.kind || (f.kind === 'hop' && f.hop !== b.hop));
      const dropped = f.kind === 'drop' || b.kind === 'drop';
      if (!asymmetric && !dropped && !nvaNotes.length) continue;
      let diag: { en: string; ko: string };
      if (dropped) {
        const side = b.kind === 'drop' ? { en: 'the responses', ko: '응답' } : { en: 'the requests', ko: '요청' };
        diag = { en: `Next hop None discards ${side.en}.`, ko: `다음 홉 None이 ${side.ko}을 버립니다.` };
      } else if (asymmetric) {
        diag = {
          en: f.kind === b.kind
            ? 'The two directions go through different appliances: neither sees the whole flow, so stateful devices drop it (unless both addresses are one load-balanced appliance cluster).'
            : 'One direction passes an appliance and the other does not: the stateful device sees half of each flow and drops it (NSGs are stateful too, but a missing response rule is never the cause).',
          ko: f.kind === b.kind
            ? '두 방향이 서로 다른 어플라이언스를 지나 어느 쪽도 전체 흐름을 보지 못하므로 상태 저장 장비가 흐름을 버립니다(두 주소가 하나의 부하 분산 어플라이언스 클러스터인 경우는 예외).'
            : '한 방향만 어플라이언스를 지나므로 상태 저장 장비가 흐름의 절반만 보고 버립니다(NSG도 상태 저장이지만 응답 규칙 누락이 원인이 되지는 않습니다).',
        };
      } else diag = { en: nvaNotes.map((n) => n.en).join(' '), ko: nvaNotes.map((n) => n.ko).join(' ') };
      const uncertain = forward.certainty === 'uncertain' || back.certainty === 'uncertain' || (asymmetric && f.kind === b.kind);
      const blame = b.kind !== 'direct' || !g.routeTable ? rt : g.routeTable;
      const fixTable = (b.kind === 'hop' && f.kind === 'direct') || b.kind === 'drop' ? rt : g.routeTable;
      const rtName = fixTable?.name ?? '<route-table>';
      const otherPrefix = fixTable === rt ? gwPrefix : subnet.addressPrefixes[0] ?? t.ip;
      const rtRg = fixTable ? routeTableResourceGroup(ctx, fixTable) : '<resource-group>';
      const fix = dropped
        ? { en: `Replace the None route with one to the real next hop (or remove it) in ${rtName}.`, ko: `${rtName}에서 None 경로를 실제 다음 홉으로 바꾸거나 제거하세요.` }
        : {
            en: `Make both directions symmetric: either send ${t.subnet?.addressPrefixes[0] ?? 'the backend prefix'} from the gateway subnet AND ${gwPrefix} from ${subnet.name} through the same appliance, or route both directly (in ${rtName}, a more specific route for ${otherPrefix} with next hop VnetLocal, or remove the broad route).${nvaNotes.length ? ' Turn on IP forwarding on the appliance NIC (and in its OS).' : ''}`,
            ko: `두 방향을 대칭으로 만드세요. 게이트웨이 서브넷에서 ${t.subnet?.addressPrefixes[0] ?? '백엔드 접두사'}로 가는 경로와 ${subnet.name}에서 ${gwPrefix}로 가는 경로를 같은 어플라이언스로 보내거나, 둘 다 직접 보내세요(${rtName}에 ${otherPrefix}의 다음 홉을 VnetLocal로 하는 더 구체적인 경로를 추가하거나 넓은 경로를 제거).${nvaNotes.length ? ' 어플라이언스 NIC(과 OS)의 IP 전달도 켜세요.' : ''}`,
          };
      const listeners = affectedBy(ctx.gateway, (p) => !!p.pool && t.pools.includes(p.pool));
      const backRt = rt;
      ctx.report({
        resource: blame ? { type: 'routeTables', name: blame.name, id: blame.id } : { type: 'subnets', name: subnet.name, id: subnet.id },
        source: blame?.source ?? subnet.source,
        severity: uncertain && !dropped ? 'warning' : 'error',
        params: {
          subnet: subnet.name,
          ip: t.ip,
          gwPrefix,
          forward: describe(forward, g.routeTable),
          back: eff ? `${describe(back)} [effective routes]` : describe(back, backRt),
          nva: nvaNotes.length ? ` ${nvaNotes.map((n) => n.ev.path + ' = ' + n.ev.value).join('; ')}.` : '',
          diagEn: diag.en,
          diagKo: diag.ko,
          listeners: listeners.join(', ') || '-',
          fixEn: fix.en,
          fixKo: fix.ko,
        },
        evidence: [
          { path: `route ${gwPrefix} → ${t.ip}`, value: forward.summary, source: g.routeTable?.source },
          { path: `route ${subnet.name} → ${gwAddress}`, value: back.summary, source: (eff?.doc.source ?? backRt?.source) },
          ...nvaNotes.map((n) => n.ev),
        ],
        affected: listeners,
        commands: {
          powershell: [`Get-AzEffectiveRouteTable -NetworkInterfaceName ${t.nic?.name ?? '<backend-nic>'} -ResourceGroupName ${t.nic ? routeTableResourceGroup(ctx, t.nic) : '<resource-group>'} | Format-Table`, ...(fixTable && !dropped ? routeCommands.psSetRoute(rtName, rtRg, 'appgw-direct', otherPrefix, 'VnetLocal').map((l) => l.replace('Set-AzRouteConfig', 'Add-AzRouteConfig')) : [])],
          az: [`az network nic show-effective-route-table -g ${t.nic ? routeTableResourceGroup(ctx, t.nic) : '<resource-group>'} -n ${t.nic?.name ?? '<backend-nic>'} -o table`, ...(fixTable && !dropped ? [routeCommands.azSetRoute(rtName, rtRg, 'appgw-direct', otherPrefix, 'VnetLocal').replace('route update', 'route create')] : [])],
        },
      });
    }
  },
});
