/**
 * A routed pool with no members (GUIDE cause 5; GUIDE-2026 Resolution D): there is no server to send the
 * request to, so the gateway answers 502. AGIC leaves `defaultaddresspool` empty and uses it as the URL
 * path map's default: requests that match no path rule get 502 (corpus arm-rest-agic).
 */
import type { RequestPath } from '../model/topology';
import { defineRule } from './types';
import { q, rgOf } from './commands';
import { affectedBy, listText, listenersText, poolIsEmpty, poolMembersUnknown, usageOf } from './backend-support';

export default defineRule({
  id: 'empty-pool-routed',
  category: 'empty-pool',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-troubleshooting-502',
  text: {
    en: {
      title: 'Requests are routed to an empty backend pool',
      message: 'Backend pool {pool} has no members (no IP addresses, FQDNs or NIC IP configurations), but requests are routed to it by: {routes}.',
      effect: 'The gateway has no server to send these requests to and answers 502 Bad Gateway: {scopeEn} on {listenersEn}.',
      fix: 'Add the backend servers to the pool (IP addresses or FQDNs, the VMs\' NICs, or a scale set that has running instances), or point the route at a pool that has servers. If the AKS ingress controller (AGIC) manages this gateway, change the Kubernetes side instead — AGIC overwrites manual changes: give the Ingress a default backend or a catch-all path "/" so requests that match no path reach a service, and check that the services have ready pods.',
    },
    ko: {
      title: '빈 백엔드 풀로 요청이 라우팅됨',
      message: '백엔드 풀 {pool}에 멤버(IP 주소, FQDN, NIC IP 구성)가 없는데, 다음이 이 풀로 요청을 보냅니다: {routes}.',
      effect: '게이트웨이는 이 요청을 보낼 서버가 없어 502 Bad Gateway를 반환합니다: {listenersKo}의 {scopeKo}.',
      fix: '풀에 백엔드 서버(IP 주소나 FQDN, VM의 NIC, 또는 실행 중인 인스턴스가 있는 확장 집합)를 추가하거나, 서버가 있는 풀을 가리키도록 경로를 바꾸세요. AKS 수신 컨트롤러(AGIC)가 이 게이트웨이를 관리한다면 AGIC가 수동 변경을 덮어쓰므로 Kubernetes 쪽을 바꾸세요. Ingress에 기본 백엔드나 모든 경로를 받는 경로 "/"를 지정해 어떤 경로에도 맞지 않는 요청도 서비스로 가게 하고, 서비스에 준비된 파드가 있는지 확인하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    if (poolMembersUnknown(gateway)) return;
    const usage = usageOf(ctx);
    const agic = Object.keys(gateway.tags).some((k) => k.toLowerCase().startsWith('managed-by-k8s-ingress'));
    for (const [pool, paths] of usage.pathsByPool) {
      if (!poolIsEmpty(pool)) continue;
      const onlyDefault = paths.every((p) => p.urlPathMap && p.isDefaultPath);
      const routes = [...new Set(paths.map((p) =>
        !p.urlPathMap
          ? `requestRoutingRules/${p.rule.name}`
          : p.isDefaultPath
            ? `urlPathMaps/${p.urlPathMap.name} (defaultBackendAddressPool)`
            : `urlPathMaps/${p.urlPathMap.name}/pathRules/${p.pathRule?.name ?? '?'} (${p.paths.join(', ')})`,
      ))];
      const agicPool = agic || pool.name.toLowerCase() === 'defaultaddresspool';
      const affected = affectedBy(gateway, (p: RequestPath) => p.pool === pool);
      const lt = listenersText(affected);
      const rg = q(rgOf(gateway));
      const gw = q(gateway.name);
      report({
        resource: { type: 'backendAddressPools', name: pool.name, id: pool.id },
        source: pool.source,
        params: {
          pool: pool.name,
          routes: listText(routes, 8).en,
          scopeEn: onlyDefault ? 'requests that match no path rule' : 'all requests routed to this pool',
          scopeKo: onlyDefault ? '어떤 경로 규칙에도 맞지 않는 요청' : '이 풀로 라우팅되는 모든 요청',
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [
          { path: `backendAddressPools[${pool.name}].backendAddresses`, value: pool.blankAddresses ? `[] (+${pool.blankAddresses} blank)` : '[]', source: pool.source },
          { path: `backendAddressPools[${pool.name}].backendIPConfigurations`, value: '[]', source: pool.source },
          ...paths.slice(0, 5).map((p) => ({
            path: p.urlPathMap ? `urlPathMaps[${p.urlPathMap.name}]${p.isDefaultPath ? '.defaultBackendAddressPool' : `.pathRules[${p.pathRule?.name}].backendAddressPool`}` : `requestRoutingRules[${p.rule.name}].backendAddressPool`,
            value: pool.name,
            source: p.pathRule?.source ?? p.urlPathMap?.source ?? p.rule.source,
          })),
        ],
        affected,
        commands: agicPool
          ? {
              powershell: [`# AGIC-managed: change the Ingress, not the gateway. To inspect: (Get-AzApplicationGateway -Name ${gw} -ResourceGroupName ${rg}).UrlPathMaps | Select-Object Name, DefaultBackendAddressPool`],
              az: [`az network application-gateway url-path-map list -g ${rg} --gateway-name ${gw} --query "[].{name:name, defaultPool:defaultBackendAddressPool.id}"`, 'kubectl get ingress -A', 'kubectl describe ingress <name> -n <namespace>', 'kubectl get endpoints -A'],
            }
          : {
              powershell: [
                `$gw = Get-AzApplicationGateway -Name ${gw} -ResourceGroupName ${rg}`,
                `$gw = Set-AzApplicationGatewayBackendAddressPool -ApplicationGateway $gw -Name ${q(pool.name)} -BackendIPAddresses <ip1>,<ip2>   # or -BackendFqdns <fqdn1>,<fqdn2>`,
                `Set-AzApplicationGateway -ApplicationGateway $gw`,
              ],
              az: [`az network application-gateway address-pool update -g ${rg} --gateway-name ${gw} -n ${q(pool.name)} --servers <ip-or-fqdn-1> <ip-or-fqdn-2>`],
            },
      });
    }
  },
});
