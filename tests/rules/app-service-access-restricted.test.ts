import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/app-service-access-restricted';
import { BE_SUBNET_ID, GW_SUBNET_ID, SUB, RG, gatewayWith, pool, run, ruleTester, subnet, vnet, workspace } from './helpers';
import { withTraffic } from './traffic-helpers';
import type { PublicIpAddress } from '../../src/core/model/types';

const PIP: PublicIpAddress = { id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/publicIPAddresses/pip1`, name: 'pip1', source: { document: 't', pointer: '' }, ipAddress: '20.1.2.3' };
const site = JSON.stringify({ name: 'contoso-web', type: 'Microsoft.Web/sites', resourceGroup: 'rg-web', defaultHostName: 'contoso-web.azurewebsites.net', hostNames: ['contoso-web.azurewebsites.net'], enabledHostNames: ['contoso-web.azurewebsites.net'] });
const restrictions = (rules: object[], defaultAction?: string) => JSON.stringify({ ipSecurityRestrictions: rules, ...(defaultAction ? { ipSecurityRestrictionsDefaultAction: defaultAction } : {}), scmIpSecurityRestrictions: [] });
const base = () => {
  const w = workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'contoso-web.azurewebsites.net' }])] })], virtualNetworks: [vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24'), subnet(BE_SUBNET_ID, '10.0.1.0/24')] })] });
  w.publicIpAddresses = [PIP];
  return w;
};
const ws = (rules: object[], defaultAction?: string) => withTraffic(base(), { 'app.json': site, 'ar.json': restrictions(rules, defaultAction) });
const office = { action: 'Allow', ip_address: '198.51.100.0/24', name: 'office', priority: 100 };

describe('app-service-access-restricted', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no restrictions (default Allow)', ws: ws([], 'Allow') },
      { name: 'the gateway\'s public IP and subnet both allowed', ws: ws([office, { action: 'Allow', ip_address: '20.1.2.3/32', name: 'appgw-ip', priority: 200 }, { action: 'Allow', vnet_subnet_resource_id: GW_SUBNET_ID, name: 'appgw-subnet', priority: 300 }], 'Deny') },
      { name: 'an older output: only "Allow all" listed', ws: ws([{ action: 'Allow', ip_address: 'Any', name: 'Allow all', priority: 2147483647 }]) },
      { name: 'no App Service input', ws: base() },
    ],
    invalid: [
      { name: 'default Deny, only the office allowed', ws: ws([office], 'Deny'), expect: [{ resource: 'pool1', severity: 'error', messageIncludes: 'default action Deny and 1 rule(s)' }] },
      { name: 'older output: implicit Deny after the rules', ws: ws([office, { action: 'Deny', ip_address: 'Any', name: 'Deny all', priority: 2147483647 }]), expect: [{ severity: 'error', messageIncludes: 'Deny (rule Deny all (Any))' }] },
      { name: 'only the subnet allowed: depends on the service endpoint', ws: ws([{ action: 'Allow', vnet_subnet_resource_id: GW_SUBNET_ID, name: 'appgw-subnet', priority: 300 }], 'Deny'), expect: [{ severity: 'warning', messageIncludes: 'Allow (rule appgw-subnet (subnet))' }] },
      { name: 'default Allow, but an explicit Deny for the gateway IP', ws: ws([{ action: 'Deny', ip_address: '20.1.2.0/24', name: 'block', priority: 100 }], 'Allow'), expect: [{ severity: 'warning' }] },
    ],
  }, it);

  it('fix: an Allow rule for the gateway subnet, with commands', () => {
    const [f] = run(rule, ws([office], 'Deny'));
    expect(f.text.en.effect).toContain('Neither the gateway subnet nor its public IP is allowed');
    expect(f.commands.az?.[1]).toContain(`az webapp config access-restriction add -g rg-web -n contoso-web --rule-name AllowAppGateway --action Allow --priority 100 --subnet ${GW_SUBNET_ID}`);
    expect(f.evidence[0]).toMatchObject({ path: 'appService[contoso-web].ipSecurityRestrictionsDefaultAction', value: 'Deny' });
  });
});
