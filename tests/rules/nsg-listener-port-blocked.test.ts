import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/nsg-listener-port-blocked';
import { BE_SUBNET_ID, GW_SUBNET_ID, SUB, RG, gatewayWith, nsg, run, ruleTester, securityRule, subnet, vnet, workspace } from './helpers';
import type { Gateway, PublicIpAddress, SecurityRule } from '../../src/core/model/types';

const PIP_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/publicIPAddresses/pip1`;
function ws(rules: SecurityRule[], gw: Partial<Gateway> = {}, pips: PublicIpAddress[] = []) {
  const n = nsg('appgw-nsg', rules);
  const v = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', { networkSecurityGroup: { id: n.id, name: n.name } }), subnet(BE_SUBNET_ID, '10.0.1.0/24')] });
  const w = workspace({ gateways: [gatewayWith(gw)], virtualNetworks: [v], networkSecurityGroups: [n] });
  w.publicIpAddresses = pips;
  return w;
}
const allowGwm = securityRule({ name: 'AllowGwm', priority: 100, sourcePrefixes: ['GatewayManager'], destinationPorts: ['65200-65535'] });

describe('nsg-listener-port-blocked', () => {
  ruleTester(rule, {
    valid: [
      { name: 'clients allowed on 80', ws: ws([allowGwm, securityRule({ name: 'AllowWeb', priority: 110, sourcePrefixes: ['Internet'], destinationPorts: ['80', '443'] })]) },
      { name: 'allow-list of client ranges (intentional)', ws: ws([allowGwm, securityRule({ name: 'AllowCorp', priority: 110, sourcePrefixes: ['40.1.2.0/24'], destinationPorts: ['80'] })]) },
      { name: 'allow written against the frontend public IP', ws: ws([allowGwm, securityRule({ name: 'AllowPip', priority: 110, sourcePrefixes: ['Internet'], destinationPrefixes: ['20.1.2.3'], destinationPorts: ['80'] })], {}, [{ id: PIP_ID, name: 'pip1', source: { document: 't', pointer: '' }, ipAddress: '20.1.2.3' }]) },
      { name: 'private listener only', ws: ws([allowGwm], { frontendIpConfigurations: [{ id: `${gatewayWith().id}/frontendIPConfigurations/fe-public`, name: 'fe-public', source: { document: 't', pointer: '' }, privateIpAddress: '10.0.0.10' }] }) },
      { name: 'no NSG', ws: workspace({ virtualNetworks: [vnet()] }) },
    ],
    invalid: [
      { name: 'no client rule: DenyAllInBound', ws: ws([allowGwm]), expect: [{ resource: 'appgw-nsg', severity: 'warning', messageIncludes: 'TCP 80 from the Internet: rule DenyAllInBound' }] },
      { name: 'explicit Deny Internet on 80', ws: ws([allowGwm, securityRule({ name: 'DenyWeb', priority: 200, access: 'Deny', sourcePrefixes: ['Internet'], destinationPorts: ['80'] })]), expect: [{ messageIncludes: 'DenyWeb' }] },
    ],
  }, it);

  it('names the listener and proposes an allow for the port', () => {
    const [f] = run(rule, ws([allowGwm]));
    expect(f!.affected).toEqual(['listener1']);
    expect(f!.commands.az!.join('\n')).toContain('--destination-port-ranges 80');
    expect(f!.text.en.effect).toContain('time out');
  });
});
