/**
 * Blank entries in a pool's backendAddresses (an empty string, or an object with neither ipAddress nor fqdn)
 * are no servers. They usually come from a template parameter or variable that evaluated to empty.
 */
import { defineRule } from './types';
import { q, rgOf } from './commands';
import { affectedBy, listenersText, poolIsEmpty, usageOf } from './backend-support';

export default defineRule({
  id: 'pool-blank-addresses',
  category: 'empty-pool',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-troubleshooting-502',
  text: {
    en: {
      title: 'Backend pool has blank address entries',
      message: 'Backend pool {pool} has blank address entries (no ipAddress and no fqdn): {blank} blank, {members} real member(s).',
      effect: 'Blank entries are not servers: the pool has fewer members than intended{emptyEn}. Listeners routed to it: {listenersEn}.',
      fix: 'Fill in the missing addresses or remove the blank entries. In a template, check the parameter or variable that should hold the address — it evaluated to an empty value.',
    },
    ko: {
      title: '백엔드 풀에 빈 주소 항목이 있음',
      message: '백엔드 풀 {pool}에 빈 주소 항목(ipAddress와 fqdn이 모두 없음)이 있습니다: 빈 항목 {blank}개, 실제 멤버 {members}개.',
      effect: '빈 항목은 서버가 아니므로 풀의 멤버가 의도보다 적습니다{emptyKo}. 이 풀로 라우팅되는 리스너: {listenersKo}.',
      fix: '빠진 주소를 채우거나 빈 항목을 제거하세요. 템플릿이라면 주소를 담아야 할 매개변수나 변수가 빈 값으로 평가된 것이니 확인하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    for (const pool of gateway.backendAddressPools) {
      if (!pool.blankAddresses) continue;
      const empty = poolIsEmpty(pool);
      const routed = usage.pathsByPool.has(pool);
      const affected = affectedBy(gateway, (p) => p.pool === pool);
      const lt = listenersText(affected);
      report({
        resource: { type: 'backendAddressPools', name: pool.name, id: pool.id },
        source: pool.source,
        params: {
          pool: pool.name,
          blank: pool.blankAddresses,
          members: pool.backendAddresses.length + pool.backendIpConfigurations.length,
          emptyEn: empty ? (routed ? ' — here none at all, so its requests get 502 (see empty-pool-routed)' : ' — here none at all') : '',
          emptyKo: empty ? (routed ? '. 이 풀은 멤버가 하나도 없으므로 요청이 502를 받습니다(empty-pool-routed 참고)' : '. 이 풀은 멤버가 하나도 없습니다') : '',
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [{ path: `backendAddressPools[${pool.name}].backendAddresses`, value: `${pool.blankAddresses} blank of ${pool.blankAddresses + pool.backendAddresses.length}`, source: pool.source }],
        affected,
        commands: {
          powershell: [
            `$gw = Get-AzApplicationGateway -Name ${q(gateway.name)} -ResourceGroupName ${q(rgOf(gateway))}`,
            `(Get-AzApplicationGatewayBackendAddressPool -ApplicationGateway $gw -Name ${q(pool.name)}).BackendAddresses | Format-Table IpAddress, Fqdn`,
            `$gw = Set-AzApplicationGatewayBackendAddressPool -ApplicationGateway $gw -Name ${q(pool.name)} -BackendIPAddresses <ip1>,<ip2>   # list every real member`,
            `Set-AzApplicationGateway -ApplicationGateway $gw`,
          ],
          az: [
            `az network application-gateway address-pool show -g ${q(rgOf(gateway))} --gateway-name ${q(gateway.name)} -n ${q(pool.name)} --query backendAddresses`,
            `az network application-gateway address-pool update -g ${q(rgOf(gateway))} --gateway-name ${q(gateway.name)} -n ${q(pool.name)} --servers <ip-or-fqdn-1> <ip-or-fqdn-2>`,
          ],
        },
      });
    }
  },
});
