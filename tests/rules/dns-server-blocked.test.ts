import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/dns-server-blocked';
import { BE_SUBNET_ID, GW_SUBNET_ID, VNET_ID, gatewayWith, nsg, pool, run, ruleTester, securityRule, subnet, vnet, workspace } from './helpers';
import type { NetworkSecurityGroup, SecurityRule } from '../../src/core/model/types';

function ws(opts: { gwRules?: SecurityRule[]; dnsRules?: SecurityRule[]; servers?: string[]; fqdn?: boolean; gw?: object } = {}) {
  const gwNsg = opts.gwRules ? nsg('appgw-nsg', opts.gwRules) : undefined;
  const dnsNsg = opts.dnsRules ? nsg('dns-nsg', opts.dnsRules) : undefined;
  const ref = (n?: NetworkSecurityGroup) => (n ? { networkSecurityGroup: { id: n.id, name: n.name } } : {});
  const v = vnet({
    dnsServers: opts.servers ?? ['10.0.2.4'],
    subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', ref(gwNsg)), subnet(BE_SUBNET_ID, '10.0.1.0/24'), subnet(`${VNET_ID}/subnets/dns`, '10.0.2.0/24', ref(dnsNsg))],
  });
  return workspace({
    gateways: [gatewayWith({ ...(opts.fqdn === false ? {} : { backendAddressPools: [pool('pool1', [{ fqdn: 'app.contoso.com' }])] }), ...opts.gw })],
    virtualNetworks: [v], networkSecurityGroups: [gwNsg, dnsNsg].filter((n): n is NetworkSecurityGroup => !!n),
  });
}
const denyOut = securityRule({ name: 'DenyAllOut', priority: 4000, direction: 'Outbound', access: 'Deny' });

describe('dns-server-blocked', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no NSGs', ws: ws() },
      { name: 'defaults allow VNet traffic', ws: ws({ gwRules: [], dnsRules: [] }) },
      { name: 'Azure DNS', ws: ws({ gwRules: [denyOut], servers: [] }) },
      { name: 'explicit allow of 53 before Deny-All', ws: ws({ gwRules: [securityRule({ name: 'AllowDns', priority: 100, direction: 'Outbound', destinationPorts: ['53'] }), denyOut] }) },
      { name: 'private-only v2 without FQDN members', ws: ws({ gwRules: [denyOut], fqdn: false, gw: { tags: { EnhancedNetworkControl: 'True' } } }) },
    ],
    invalid: [
      { name: 'gateway subnet NSG denies all outbound', ws: ws({ gwRules: [denyOut] }), expect: [{ resource: 'appgw-nsg', severity: 'error', messageIncludes: 'UDP/TCP 53' }] },
      { name: 'DNS server subnet NSG denies inbound', ws: ws({ dnsRules: [securityRule({ name: 'DenyAll', priority: 4000, access: 'Deny' })] }), expect: [{ resource: 'dns-nsg', severity: 'error', messageIncludes: 'on subnets/dns (Inbound rules)' }] },
      { name: 'only TCP denied: warning', ws: ws({ gwRules: [securityRule({ name: 'DenyTcp53', priority: 100, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', destinationPorts: ['53'] })] }), expect: [{ severity: 'warning', messageIncludes: 'denies TCP 53' }] },
    ],
  }, it);

  it('proposes one Any-protocol allow for port 53', () => {
    const [f] = run(rule, ws({ gwRules: [denyOut] }));
    expect(f!.commands.az!.join('\n')).toContain('--protocol * --source-address-prefixes 10.0.0.0/24');
    expect(f!.commands.az!.join('\n')).toContain('--destination-address-prefixes 10.0.2.4 --destination-port-ranges 53');
  });
});
