import { defineRule } from './types';
import { customDnsServers, fqdnBackends, fqdnSource, gatewayNetwork, joinShort } from './network-context';
import { affectedListeners } from '../model/topology';
import { az, ps, q } from './commands';
import { idKey } from '../model/ids';

/**
 * The gateway's VNet uses custom DNS servers and pools have FQDN members: those servers must resolve them (and, on a
 * standard gateway, public names, by forwarding to 168.63.129.16); v2 reads DNS server changes only after a stop and
 * start (azure-facts.md section 4; GUIDE, DNS, troubleshoot-dns-resolution-issues).
 */
export default defineRule({
  id: 'dns-custom-servers-fqdn-backends',
  category: 'dns',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-dns-resolution',
  text: {
    en: {
      title: 'Custom DNS servers must resolve the backend FQDNs',
      message: 'VNet {vnet} of the gateway uses custom DNS servers {servers}, and backend pools use FQDN members: {fqdns}.',
      effect: 'The gateway resolves backend names only through these servers. If they cannot resolve {fqdns}{publicEn}, backend health shows "Application Gateway could not create a probe for this backend" or Unknown and requests to {listeners} get 502.',
      fix: 'Check that {servers} resolve each backend FQDN (test from a VM in the VNet), forward names they do not hold to Azure DNS 168.63.129.16, and allow UDP and TCP 53 from the gateway subnet to them (also across peering). After changing the VNet\'s DNS servers, stop and start the gateway: v2 reads the change only then (the stop causes downtime).',
    },
    ko: {
      title: '사용자 지정 DNS 서버가 백엔드 FQDN을 확인할 수 있어야 합니다',
      message: '게이트웨이의 VNet {vnet}은(는) 사용자 지정 DNS 서버 {servers}을(를) 사용하며, 백엔드 풀에 FQDN 멤버가 있습니다: {fqdns}.',
      effect: '게이트웨이는 이 서버들로만 백엔드 이름을 확인합니다. 이 서버가 {fqdns}{publicKo}을(를) 확인하지 못하면 백엔드 상태에 "Application Gateway could not create a probe for this backend" 또는 Unknown이 표시되고 {listeners}에 대한 요청은 502를 받습니다.',
      fix: '{servers}이(가) 각 백엔드 FQDN을 확인하는지(VNet의 VM에서 테스트) 점검하고, 보유하지 않은 이름은 Azure DNS 168.63.129.16으로 전달하게 하며, 게이트웨이 서브넷에서 이 서버로 가는 UDP/TCP 53을 허용하세요(피어링 너머 포함). VNet의 DNS 서버를 바꾼 뒤에는 게이트웨이를 중지했다가 시작해야 v2가 변경을 읽습니다(중지 동안 서비스가 중단됨).',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    const servers = customDnsServers(g.vnet);
    if (!g.vnet || !servers.length) return;
    const members = fqdnBackends(ctx.gateway).filter((f) => !f.issues.length);
    if (!members.length) return;
    const poolIds = new Set(members.flatMap((m) => m.pools.map((p) => idKey(p.id))));
    const listeners = affectedListeners(ctx.gateway, (p) => !!p.pool && poolIds.has(idKey(p.pool.id)));
    const standard = g.ruleSet !== 'v2-private';
    ctx.report({
      resource: { type: 'virtualNetworks', name: g.vnet.name, id: g.vnet.id },
      source: g.vnet.source,
      params: {
        vnet: g.vnet.name, servers: servers.join(', '), fqdns: joinShort(members.map((m) => m.fqdn.trim())), listeners: listeners.join(', ') || '-',
        publicEn: standard ? ' (or, on a gateway with a public frontend, public names such as Key Vault)' : '',
        publicKo: standard ? '(또는 공용 프런트엔드가 있는 게이트웨이라면 Key Vault 같은 공용 이름)' : '',
      },
      evidence: [
        { path: `virtualNetworks[${g.vnet.name}].dhcpOptions.dnsServers`, value: servers.join(', '), source: g.vnet.source },
        ...members.slice(0, 5).map((m) => ({ path: `backendAddressPools[${m.pools.map((p) => p.name).join(',')}].backendAddresses[].fqdn`, value: m.fqdn, source: fqdnSource(m) })),
      ],
      commands: {
        powershell: [
          ...members.slice(0, 2).map((m) => `Resolve-DnsName -Name ${q(m.fqdn.trim())} -Server ${q(servers[0]!)}  # from a VM in VNet ${g.vnet!.name}`),
          ps.getGateway(ctx.gateway),
          'Stop-AzApplicationGateway -ApplicationGateway $gw',
          'Start-AzApplicationGateway -ApplicationGateway $gw',
        ],
        az: [az.gateway(ctx.gateway, 'stop'), az.gateway(ctx.gateway, 'start')],
      },
      affected: listeners,
    });
  },
});
