import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/nsg-backend-blocked';
import {
  BE_SUBNET_ID, GW_SUBNET_ID, effectiveNsg, gatewayWith, nic, nsg, pool, probe, run, ruleTester, securityRule, settings, subnet, vnet, workspace,
} from './helpers';
import type { Gateway, NetworkSecurityGroup, Subnet } from '../../src/core/model/types';
import { makeRef } from '../../src/core/model/ids';

const fromGw = (ports: string[], priority = 100) => securityRule({ name: 'AllowAppGw', priority, protocol: 'Tcp', sourcePrefixes: ['10.0.0.0/24'], destinationPorts: ports });
const denyAll = securityRule({ name: 'DenyAll', priority: 4000, access: 'Deny' });
const withNsg = (s: Subnet, n?: NetworkSecurityGroup): Subnet => ({ ...s, networkSecurityGroup: n ? { id: n.id, name: n.name } : undefined });

function ws(opts: { backendRules?: NetworkSecurityGroup['securityRules']; gatewayRules?: NetworkSecurityGroup['securityRules']; gw?: Partial<Gateway>; extra?: Partial<Parameters<typeof workspace>[0]> } = {}) {
  const be = opts.backendRules ? nsg('backend-nsg', opts.backendRules) : undefined;
  const gwn = opts.gatewayRules ? nsg('appgw-nsg', opts.gatewayRules) : undefined;
  const v = vnet({ subnets: [withNsg(subnet(GW_SUBNET_ID, '10.0.0.0/24'), gwn), withNsg(subnet(BE_SUBNET_ID, '10.0.1.0/24'), be)] });
  return workspace({ gateways: [gatewayWith(opts.gw)], virtualNetworks: [v], networkSecurityGroups: [be, gwn].filter((n): n is NetworkSecurityGroup => !!n), ...opts.extra });
}

describe('nsg-backend-blocked', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no NSG anywhere', ws: ws() },
      { name: 'backend NSG allows the gateway subnet before a Deny-All', ws: ws({ backendRules: [fromGw(['80']), denyAll] }) },
      { name: 'backend NSG with only defaults (AllowVnetInBound)', ws: ws({ backendRules: [] }) },
      { name: 'gateway NSG with only defaults (AllowVnetOutBound)', ws: ws({ gatewayRules: [] }) },
      { name: 'public backend: AllowInternetOutBound', ws: ws({ gatewayRules: [], gw: { backendAddressPools: [pool('pool1', [{ ipAddress: '20.30.40.50' }])] } }) },
      {
        name: 'private backend outside the known VNet (peered): VirtualNetwork tag assumed',
        ws: ws({ gatewayRules: [], gw: { backendAddressPools: [pool('pool1', [{ ipAddress: '10.8.0.4' }])] } }),
      },
      { name: 'FQDN backends are not evaluated here', ws: ws({ backendRules: [denyAll], gw: { backendAddressPools: [pool('pool1', [{ fqdn: 'app.contoso.com' }])] } }) },
      { name: 'gateway subnet prefix unknown: nothing to evaluate', ws: workspace({ networkSecurityGroups: [nsg('backend-nsg', [denyAll])] }) },
      {
        name: 'effective NSG of the backend NIC allows (and overrides the stale subnet NSG)',
        ws: ws({
          backendRules: [denyAll],
          extra: { effectiveNsgs: [effectiveNsg([{ sourcePrefixes: ['10.0.0.0/24'], destinationPorts: ['80-80'] }, { name: 'defaultSecurityRules/DenyAllInBound', priority: 65500, access: 'Deny' }], { nic: 'vm1-nic' })], networkInterfaces: [nic('vm1-nic', '10.0.1.4')] },
        }),
      },
      { name: 'the probe port is not checked on v1 (v1 has no probe port)', ws: ws({ backendRules: [fromGw(['80']), denyAll], gw: { generation: 'v1', sku: { name: 'Standard_Medium' }, probes: [probe('probe1', { port: 8080 })], backendHttpSettingsCollection: [settings('settings1', { probe: makeRef(`${gatewayWith().id}/probes/probe1`) })] } }) },
    ],
    invalid: [
      {
        name: 'backend subnet NSG: Deny-All and no allow for the gateway',
        ws: ws({ backendRules: [denyAll] }),
        expect: [{ resource: 'backend-nsg', severity: 'error', messageIncludes: 'to 10.0.1.4 on port 80' }],
      },
      {
        name: 'backend NSG allows only 443 while the settings use 80',
        ws: ws({ backendRules: [fromGw(['443']), denyAll] }),
        expect: [{ resource: 'backend-nsg', severity: 'error', messageIncludes: 'DenyAll' }],
      },
      {
        name: 'gateway subnet NSG denies outbound to the backend subnet',
        ws: ws({ gatewayRules: [securityRule({ name: 'DenyToBackends', priority: 200, direction: 'Outbound', access: 'Deny', destinationPrefixes: ['10.0.1.0/24'] })] }),
        expect: [{ resource: 'appgw-nsg', severity: 'error', messageIncludes: 'on subnets/appgw-subnet (Outbound rules)' }],
      },
      {
        name: 'Deny covers half of the gateway subnet → warning (intermittent)',
        ws: ws({ backendRules: [securityRule({ name: 'DenyHalf', priority: 100, access: 'Deny', sourcePrefixes: ['10.0.0.0/25'] })] }),
        expect: [{ resource: 'backend-nsg', severity: 'warning', messageIncludes: 'on subnets/backend-subnet (Inbound rules)' }],
      },
      {
        name: 'v2 custom probe port blocked while the settings port is allowed',
        ws: ws({
          backendRules: [fromGw(['80']), denyAll],
          gw: { probes: [probe('probe1', { port: 8080 })], backendHttpSettingsCollection: [settings('settings1', { probe: makeRef(`${gatewayWith().id}/probes/probe1`) })] },
        }),
        expect: [{ severity: 'error', messageIncludes: 'on port 8080' }],
      },
      {
        name: 'NIC NSG of a VM in the pool (backendIpConfigurations)',
        ws: (() => {
          const n = nsg('vm1-nsg', [denyAll]);
          const vmNic = nic('vm1-nic', '10.0.1.7', BE_SUBNET_ID, { networkSecurityGroup: { id: n.id, name: n.name } });
          const p = { ...pool('pool1', []), backendIpConfigurations: [makeRef(vmNic.ipConfigurations[0]!.id)] };
          return ws({ gw: { backendAddressPools: [p] }, extra: { networkSecurityGroups: [n], networkInterfaces: [vmNic] } });
        })(),
        expect: [{ resource: 'vm1-nsg', severity: 'error', messageIncludes: 'on networkInterfaces/vm1-nic' }],
      },
      {
        name: 'the only effective NSG document denies (assumed to be the only backend)',
        ws: ws({ extra: { effectiveNsgs: [effectiveNsg([{ access: 'Deny', name: 'securityRules/DenyAll' }])] } }),
        expect: [{ resource: 'eff-nsg', severity: 'error', messageIncludes: 'eff-nsg on 10.0.1.4 (Inbound rules)' }],
      },
      {
        name: 'allow to an application security group is uncertain → warning',
        ws: ws({ backendRules: [securityRule({ name: 'AllowToAsg', priority: 100, sourcePrefixes: ['10.0.0.0/24'], destinationPrefixes: [], destinationApplicationSecurityGroups: [makeRef('/subscriptions/x/resourceGroups/rg1/providers/Microsoft.Network/applicationSecurityGroups/web')] }), denyAll] }),
        expect: [{ severity: 'warning', messageIncludes: 'rule DenyAll (priority 4000)' }],
      },
      {
        name: 'both sides deny: two findings',
        ws: ws({ backendRules: [denyAll], gatewayRules: [securityRule({ name: 'DenyOut', priority: 100, direction: 'Outbound', access: 'Deny' })] }),
        expect: [{ resource: 'backend-nsg' }, { resource: 'appgw-nsg' }],
      },
    ],
  }, it);

  it('groups a big pool into one finding, names the listeners and gives an allow command', () => {
    const addresses = Array.from({ length: 600 }, (_, i) => ({ ipAddress: `10.0.1.${(i % 250) + 1}` })).concat(Array.from({ length: 600 }, (_, i) => ({ ipAddress: `10.0.2.${(i % 250) + 1}` })));
    const w = ws({ backendRules: [denyAll], gw: { backendAddressPools: [pool('pool1', addresses)] } });
    w.virtualNetworks[0]!.subnets.push(withNsg(subnet(`${BE_SUBNET_ID}2`, '10.0.2.0/24'), w.networkSecurityGroups[0]));
    const t0 = Date.now();
    const found = run(rule, w);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.text.en.message).toContain('(+495)');
    expect(f.affected).toEqual(['listener1']);
    expect(f.text.en.effect).toContain('pool1');
    expect(f.commands.az!.join('\n')).toContain('--source-address-prefixes 10.0.0.0/24 --source-port-ranges \'*\' --destination-address-prefixes 10.0.1.0/24 10.0.2.0/24 --destination-port-ranges 80');
    expect(f.commands.az!.join('\n')).toContain('--priority 100');
    expect(f.commands.powershell![0]).toContain('Get-AzNetworkSecurityRuleConfig -Name DenyAll');
  });

  it('says when the effective NSG was assumed, and the VirtualNetwork assumption for unknown private ranges', () => {
    const [f] = run(rule, ws({ extra: { effectiveNsgs: [effectiveNsg([{ access: 'Deny', name: 'securityRules/DenyAll' }])] } }));
    expect(f!.evidence.some((e) => e.value.includes('assumed'))).toBe(true);
    const [g] = run(rule, ws({ gatewayRules: [securityRule({ name: 'DenyOut', priority: 100, direction: 'Outbound', access: 'Deny', destinationPrefixes: ['10.8.0.0/16'] })], gw: { backendAddressPools: [pool('pool1', [{ ipAddress: '10.8.0.4' }])] } }));
    expect(g!.evidence.some((e) => e.value.includes('VirtualNetwork tag assumed'))).toBe(true);
  });

  it('says why an application security group makes the answer uncertain', () => {
    const [f] = run(rule, ws({ backendRules: [securityRule({ name: 'AllowToAsg', priority: 100, sourcePrefixes: ['10.0.0.0/24'], destinationPrefixes: [], destinationApplicationSecurityGroups: [makeRef('/subscriptions/x/resourceGroups/rg1/providers/Microsoft.Network/applicationSecurityGroups/web')] }), denyAll] }));
    expect(f!.text.en.effect).toContain('not certain: AllowToAsg could not be matched offline');
    expect(f!.text.ko.effect).toContain('AllowToAsg');
  });

  it('uses the NIC effective NSG matched by id even with several documents', () => {
    const w = ws({
      extra: {
        networkInterfaces: [nic('vm1-nic', '10.0.1.4'), nic('vm2-nic', '10.0.1.5')],
        effectiveNsgs: [effectiveNsg([{ access: 'Deny' }], { nic: 'vm2-nic', nsgName: 'nsg-vm2' }), effectiveNsg([{ access: 'Allow' }], { nic: 'vm1-nic', nsgName: 'nsg-vm1' })],
      },
      gw: { backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.0.1.5' }])] },
    });
    const found = run(rule, w);
    expect(found.map((f) => [f.resource.name, f.text.en.message.includes('10.0.1.5'), f.text.en.message.includes('10.0.1.4')])).toEqual([['nsg-vm2', true, false]]);
  });
});
