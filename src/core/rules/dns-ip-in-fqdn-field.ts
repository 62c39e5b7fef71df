import { memberSource } from '../model/members';
import { defineRule } from './types';
import { ipInFqdnMembers } from './network-context';

/**
 * An IP address written in a pool member's fqdn field: it works, but tools and other checks then treat the member as
 * a host name (the Host header with "pick host name from backend address", SNI). Noted once per member (info).
 */
export default defineRule({
  id: 'dns-ip-in-fqdn-field',
  category: 'dns',
  severity: 'info',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting',
  text: {
    en: {
      title: 'IP address written in the FQDN field of a pool member',
      message: 'Backend pool {pool} lists {ip} in the fqdn field of a member.',
      effect: 'An address works there, but the member is then handled as a host name (for example the host name sent with "pick host name from backend address", and SNI); reports and tools may show it as a name.',
      fix: 'For clarity, list {ip} as an IP address of pool {pool}.',
    },
    ko: {
      title: '풀 멤버의 FQDN 필드에 IP 주소가 적혀 있습니다',
      message: '백엔드 풀 {pool}의 멤버 fqdn 필드에 {ip}이(가) 적혀 있습니다.',
      effect: '주소도 동작하지만 이 멤버는 호스트 이름처럼 다뤄집니다(예: "백엔드 주소에서 호스트 이름 선택" 시 보내는 호스트 이름, SNI). 보고서와 도구에서 이름으로 표시될 수 있습니다.',
      fix: '명확하게 하려면 {ip}을(를) 풀 {pool}의 IP 주소로 등록하세요.',
    },
  },
  check(ctx) {
    // Found in the one pass over the members (network-context.ts): isIp of the field's trimmed text.
    for (const { pool, address: a } of ipInFqdnMembers(ctx.gateway)) {
      {
        if (!a.fqdn) continue;
        ctx.report({
          resource: { type: 'backendAddressPools', name: pool.name, id: pool.id },
          source: memberSource(pool, a),
          params: { pool: pool.name, ip: a.fqdn.trim() },
          evidence: [{ path: `backendAddressPools[${pool.name}].backendAddresses[].fqdn`, value: a.fqdn, source: memberSource(pool, a) }],
        });
      }
    }
  },
});
