import { defineRule } from './types';
import { gatewayNetwork, netCommands, routeTableResourceGroup } from './network-context';

/**
 * The gateway subnet names a route table the input does not hold: the UDR checks (default route, BGP, backend routes,
 * return path) cannot run. Said once, with the command that supplies it.
 */
export default defineRule({
  id: 'udr-not-known',
  category: 'udr',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure',
  text: {
    en: {
      title: 'Route table of the gateway subnet is not in the input',
      message: 'The gateway subnet {subnet} uses route table {routeTable}, which is not in the input, so its routes (0.0.0.0/0 next hop, BGP propagation, routes to the backends) could not be checked.',
      fix: 'Add the route table (Get-AzRouteTable or az network route-table show) and, for backend VMs, their effective routes (Get-AzEffectiveRouteTable), then analyze again.',
    },
    ko: {
      title: '게이트웨이 서브넷의 라우트 테이블이 입력에 없습니다',
      message: '게이트웨이 서브넷 {subnet}은(는) 라우트 테이블 {routeTable}을(를) 사용하지만 입력에 없어서, 그 라우트(0.0.0.0/0 다음 홉, BGP 전파, 백엔드로 가는 라우트)를 확인할 수 없었습니다.',
      fix: '라우트 테이블(Get-AzRouteTable 또는 az network route-table show)과 백엔드 VM의 유효 경로(Get-AzEffectiveRouteTable)를 추가한 뒤 다시 분석하세요.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (g.routeTableState !== 'missing' || !g.routeTableRef) return;
    const ref = g.routeTableRef;
    const rg = routeTableResourceGroup(ctx, ref);
    ctx.report({
      resource: { type: 'routeTables', name: ref.name, id: ref.id },
      source: g.subnet?.source,
      params: { subnet: g.subnetName, routeTable: ref.name },
      evidence: [{ path: `virtualNetworks[${g.vnetName}].subnets[${g.subnetName}].routeTable.id`, value: ref.id, source: g.subnet?.source }],
      commands: { powershell: [netCommands.psRouteTable(ref.name, rg)], az: [netCommands.azRouteTable(ref.name, rg)] },
    });
  },
});
