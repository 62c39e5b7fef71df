import { defineRule } from './types';
import { allListeners, backendNics, bi, gatewayNetwork, netCommands, isDefaultRoutePrefix, routeCommands, routeTableResourceGroup } from './network-context';

/**
 * A route 0.0.0.0/0 with a next hop other than Internet on the gateway subnet (azure-facts.md section 4, INFRA):
 * v2 standard — unsupported, Azure rejects it ("please ensure '0.0.0.0/0' uses Next Hop Type as 'Internet'"), backend
 * health Unknown; v2 private-only — supported (forced tunnelling is fine); v1 — supported only if the end-to-end
 * request/response path is unchanged.
 */
export default defineRule({
  id: 'udr-default-route-not-internet',
  category: 'udr',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'Default route of the gateway subnet does not go to the Internet',
      message: 'Route table {routeTable} on the gateway subnet {subnet} sends 0.0.0.0/0 to {hop} (route {route}).',
      effect: '{effectEn}{noteEn}',
      fix: 'Route {route}: {fixEn}',
    },
    ko: {
      title: '게이트웨이 서브넷의 기본 경로가 Internet으로 가지 않습니다',
      message: '게이트웨이 서브넷 {subnet}의 라우트 테이블 {routeTable}이(가) 0.0.0.0/0을 {hop}(으)로 보냅니다(라우트 {route}).',
      effect: '{effectKo}{noteKo}',
      fix: '라우트 {route} 조치: {fixKo}',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    const rt = g.routeTable;
    if (!rt || g.ruleSet === 'v2-private') return;
    const listeners = allListeners(ctx.gateway);
    const ltext = listeners.join(', ') || '-';
    const rg = routeTableResourceGroup(ctx, rt);
    for (const r of rt.routes) {
      if (!isDefaultRoutePrefix(r.addressPrefix) || r.nextHopType.trim().toLowerCase() === 'internet') continue;
      const hop = r.nextHopIpAddress ? `${r.nextHopType} ${r.nextHopIpAddress}` : r.nextHopType;
      const v2Effect = {
        en: `Unsupported on v2: Azure rejects a 0.0.0.0/0 route whose next hop is not Internet on the subnet of a v2 gateway ("please ensure '0.0.0.0/0' uses Next Hop Type as 'Internet'"), so a running gateway with it means the inputs were taken at different times or this is a template that will fail. Where it is in force, the gateway's control-plane traffic goes to ${hop}, backend health turns Unknown, and requests to ${ltext} are at risk of 502.`,
        ko: `v2에서는 지원되지 않습니다. Azure는 v2 게이트웨이 서브넷에서 다음 홉이 Internet이 아닌 0.0.0.0/0 라우트를 거부하므로("please ensure '0.0.0.0/0' uses Next Hop Type as 'Internet'"), 실행 중인 게이트웨이에 이 라우트가 있다면 입력이 서로 다른 시점의 것이거나 실패할 템플릿입니다. 실제로 적용되면 게이트웨이의 컨트롤 플레인 트래픽이 ${hop}(으)로 가서 백엔드 상태가 Unknown이 되고 ${ltext}에 대한 요청이 502를 받을 수 있습니다.`,
      };
      const v1Effect = {
        en: `On v1 this is supported only if the request/response path stays end to end: ${hop} must forward the gateway's traffic to the backends and to the Internet and return it. If it drops or changes it, backend health turns Unknown and requests to ${ltext} get 502.`,
        ko: `v1에서는 요청/응답 경로가 끝까지 유지될 때만 지원됩니다. ${hop}이(가) 게이트웨이의 트래픽을 백엔드와 Internet으로 전달하고 응답을 되돌려 보내야 합니다. 트래픽을 버리거나 변경하면 백엔드 상태가 Unknown이 되고 ${ltext}에 대한 요청이 502를 받습니다.`,
      };
      let effect: { en: string; ko: string };
      let fix: { en: string; ko: string };
      const v2Fix = {
        en: `Change route ${r.name} to next hop Internet (or remove it) and disable BGP route propagation on ${rt.name}. If all outbound traffic must go through an appliance, that needs the private-only deployment (network isolation), not a route on a standard v2 gateway.`,
        ko: `라우트 ${r.name}의 다음 홉을 Internet으로 바꾸거나 삭제하고, ${rt.name}에서 BGP 경로 전파를 끄세요. 모든 아웃바운드를 어플라이언스로 보내야 한다면 표준 v2 게이트웨이의 라우트가 아니라 프라이빗 전용 배포(네트워크 격리)가 필요합니다.`,
      };
      const v1Fix = {
        en: `Check that ${hop} forwards and returns the gateway's traffic (both directions, including the backend subnet's route back to the gateway subnet); otherwise change route ${r.name} to next hop Internet.`,
        ko: `${hop}이(가) 게이트웨이 트래픽을 양방향으로 전달하는지(백엔드 서브넷에서 게이트웨이 서브넷으로 돌아오는 경로 포함) 확인하고, 그렇지 않다면 라우트 ${r.name}의 다음 홉을 Internet으로 바꾸세요.`,
      };
      if (g.ruleSet === 'v2-standard') {
        effect = v2Effect;
        fix = v2Fix;
      } else if (g.ruleSet === 'v1') {
        effect = v1Effect;
        fix = v1Fix;
      } else {
        effect = { en: `The SKU is not in the input. ${v2Effect.en} ${v1Effect.en}`, ko: `입력에 SKU가 없습니다. ${v2Effect.ko} ${v1Effect.ko}` };
        fix = { en: `${v2Fix.en} (v1: ${v1Fix.en})`, ko: `${v2Fix.ko} (v1: ${v1Fix.ko})` };
      }
      const none = r.nextHopType.trim().toLowerCase() === 'none';
      const note = none
        ? bi('note', ' Next hop None drops everything that is not matched by a longer route.', ' 다음 홉 None은 더 긴 접두사의 라우트에 걸리지 않는 모든 트래픽을 버립니다.')
        : bi('note', '', '');
      ctx.report({
        resource: { type: 'routeTables', name: rt.name, id: rt.id },
        source: r.source,
        severity: g.ruleSet === 'v2-standard' || none ? 'error' : 'warning',
        params: { routeTable: rt.name, subnet: g.subnetName, hop, route: r.name, ...note, effectEn: effect.en, effectKo: effect.ko, fixEn: fix.en, fixKo: fix.ko },
        evidence: [
          { path: `routeTables[${rt.name}].routes[${r.name}]`, value: `${r.addressPrefix} → ${hop}`, source: r.source },
          { path: `virtualNetworks[${g.vnetName}].subnets[${g.subnetName}].routeTable.id`, value: rt.id, source: g.subnet?.source },
          { path: 'ruleSet', value: g.ruleSetWhy },
        ],
        commands: g.ruleSet === 'v1'
          ? { powershell: backendNics(ctx).map((n) => netCommands.psEffectiveRoutes(n.name, n.rg)), az: backendNics(ctx).map((n) => netCommands.azEffectiveRoutes(n.name, n.rg)) }
          : {
            powershell: [...routeCommands.psSetRoute(rt.name, rg, r.name, r.addressPrefix, 'Internet'), ...routeCommands.psDisableBgp(rt.name, rg)],
            az: [routeCommands.azSetRoute(rt.name, rg, r.name, r.addressPrefix, 'Internet'), routeCommands.azDisableBgp(rt.name, rg)],
          },
        affected: listeners,
      });
    }
  },
});
