import { defineRule } from './types';
import { customDnsServers, fqdnBackends, fqdnSource, gatewayNetwork, joinShort, likelyZone, type PrivateNameKind } from './network-context';
import { affectedListeners } from '../model/topology';
import { q } from './commands';
import type { BackendAddressPool, SourceRef } from '../model/types';

/**
 * FQDN members that look private (privatelink., .internal, .local, .corp, .lan, .intranet, single-label names) resolve
 * only through a private DNS zone linked to the gateway's VNet or custom DNS that knows them; Azure DNS resolves
 * single-label names only inside the same VNet (azure-facts.md section 4, DNS). One finding per pool.
 */
export default defineRule({
  id: 'dns-private-fqdn',
  category: 'dns',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-dns-resolution',
  text: {
    en: {
      title: 'Backend FQDNs look private: they need private DNS',
      message: 'Backend pool {pool} has FQDN members that look private: {fqdns}.',
      effect: 'The gateway resolves them with {dnsEn}. If they do not resolve there, backend health shows "Application Gateway could not create a probe for this backend" (or Unknown) and requests to {listeners} get 502.',
      fix: 'Give the gateway a way to resolve them. {fixEn}',
    },
    ko: {
      title: '백엔드 FQDN이 프라이빗 이름으로 보입니다: 프라이빗 DNS가 필요합니다',
      message: '백엔드 풀 {pool}에 프라이빗으로 보이는 FQDN 멤버가 있습니다: {fqdns}.',
      effect: '게이트웨이는 이 이름을 {dnsKo}(으)로 확인합니다. 그곳에서 확인되지 않으면 백엔드 상태에 "Application Gateway could not create a probe for this backend"(또는 Unknown)가 표시되고 {listeners}에 대한 요청은 502를 받습니다.',
      fix: '게이트웨이가 이 이름을 확인할 수 있게 하세요. {fixKo}',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    const byPool = new Map<BackendAddressPool, { fqdn: string; kind: PrivateNameKind; source: SourceRef }[]>();
    // Indexed loops: a rule runs once per analysis, before the optimizing compiler would remove for…of's per-item objects.
    const all = fqdnBackends(ctx.gateway);
    for (let i = 0; i < all.length; i++) {
      const f = all[i]!;
      if (f.issues.length) continue; // dns-invalid-fqdn speaks
      const kind = f.kind;
      if (!kind) continue;
      for (const p of f.pools) {
        const l = byPool.get(p) ?? [];
        l.push({ fqdn: f.fqdn.trim(), kind, source: fqdnSource(f) });
        byPool.set(p, l);
      }
    }
    const servers = customDnsServers(g.vnet);
    const dns = !g.vnet
      ? { en: 'the DNS of its VNet (the VNet is not in the input)', ko: 'VNet의 DNS(입력에 VNet 없음)' }
      : servers.length
        ? { en: `the custom DNS servers of VNet ${g.vnetName} (${servers.join(', ')})`, ko: `VNet ${g.vnetName}의 사용자 지정 DNS 서버(${servers.join(', ')})` }
        : { en: `Azure-provided DNS of VNet ${g.vnetName}`, ko: `VNet ${g.vnetName}의 Azure 제공 DNS` };
    const vnetId = g.vnet?.id ?? (g.subnetRef ? g.subnetRef.id.replace(/\/subnets\/[^/]+$/i, '') : '<gateway-vnet-id>');
    for (const [pool, members] of byPool) {
      const kinds = [...new Set(members.map((m) => m.kind))];
      const zones = [...new Set(members.map((m) => (m.kind === 'single-label' || m.kind === 'azure-internal' ? undefined : likelyZone(m.fqdn))).filter((z): z is string => !!z))];
      const fixEn: string[] = [];
      const fixKo: string[] = [];
      if (zones.length) {
        fixEn.push(`Link the private DNS zone that holds them (${zones.join(', ')}) to the gateway's VNet${g.vnet ? ` ${g.vnetName}` : ''}${servers.length ? ', or make the custom DNS servers resolve them (they should forward names they do not hold to 168.63.129.16 from a VNet linked to the zone)' : ''}.`);
        fixKo.push(`이 이름이 있는 프라이빗 DNS 영역(${zones.join(', ')})을 게이트웨이의 VNet${g.vnet ? ` ${g.vnetName}` : ''}에 연결하세요${servers.length ? '. 또는 사용자 지정 DNS 서버가 이 이름을 확인하도록 하세요(보유하지 않은 이름은 영역에 연결된 VNet에서 168.63.129.16으로 전달)' : ''}.`);
      }
      if (kinds.includes('single-label')) {
        fixEn.push('Single-label names resolve only inside the same VNet with Azure-provided DNS: write the full name.');
        fixKo.push('단일 레이블 이름은 Azure 제공 DNS를 쓰는 같은 VNet 안에서만 확인됩니다. 전체 이름을 쓰세요.');
      }
      if (kinds.includes('azure-internal')) {
        fixEn.push('*.internal.cloudapp.net names resolve only with Azure-provided DNS inside the VNet that owns them.');
        fixKo.push('*.internal.cloudapp.net 이름은 해당 VNet 안에서 Azure 제공 DNS로만 확인됩니다.');
      }
      fixEn.push('Test from a VM in the gateway\'s VNet (nslookup <name>); after changing DNS, stop and start the gateway (v2 reads DNS changes only then).');
      fixKo.push('게이트웨이 VNet의 VM에서 확인해 보세요(nslookup <이름>). DNS를 바꾼 뒤에는 게이트웨이를 중지했다가 시작하세요(v2는 그때만 DNS 변경을 읽음).');
      const listeners = affectedListeners(ctx.gateway, (p) => p.pool === pool);
      const psCmds = [
        ...zones.slice(0, 3).flatMap((z) => [
          `Get-AzPrivateDnsVirtualNetworkLink -ResourceGroupName '<dns-zone-rg>' -ZoneName ${q(z)}`,
          `New-AzPrivateDnsVirtualNetworkLink -ResourceGroupName '<dns-zone-rg>' -ZoneName ${q(z)} -Name ${q(`${g.vnetName}-link`)} -VirtualNetworkId ${q(vnetId)}`,
        ]),
        ...members.slice(0, 2).map((m) => `Resolve-DnsName -Name ${q(m.fqdn)}${servers[0] ? ` -Server ${q(servers[0])}` : ''}  # from a VM in the gateway's VNet`),
      ];
      const azCmds = zones.slice(0, 3).flatMap((z) => [
        `az network private-dns link vnet list -g '<dns-zone-rg>' -z ${q(z)} -o table`,
        `az network private-dns link vnet create -g '<dns-zone-rg>' -z ${q(z)} -n ${q(`${g.vnetName}-link`)} -v ${q(vnetId)} -e false`,
      ]);
      ctx.report({
        resource: { type: 'backendAddressPools', name: pool.name, id: pool.id },
        source: members[0]!.source,
        params: {
          pool: pool.name, fqdns: joinShort(members.map((m) => m.fqdn)), listeners: listeners.join(', ') || '-',
          dnsEn: dns.en, dnsKo: dns.ko, fixEn: fixEn.join(' '), fixKo: fixKo.join(' '),
        },
        evidence: [
          ...members.slice(0, 5).map((m) => ({ path: `backendAddressPools[${pool.name}].backendAddresses[].fqdn`, value: `${m.fqdn} (${m.kind})`, source: m.source })),
          ...(g.vnet ? [{ path: `virtualNetworks[${g.vnetName}].dhcpOptions.dnsServers`, value: servers.length ? servers.join(', ') : '(Azure-provided DNS)', source: g.vnet.source }] : []),
        ],
        commands: { powershell: psCmds, az: azCmds },
        affected: listeners,
      });
    }
  },
});
