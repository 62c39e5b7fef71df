/**
 * Get-AzEffectiveRouteTable / Get-AzEffectiveNetworkSecurityGroup print no NIC: with several of them in the
 * input, each is tied to its backend by the NIC name in its file name (the collect scripts write
 * `effective-routes-<nic>`), never by guessing.
 */
import { describe, expect, it } from 'vitest';
import { indexGateway, indexNetwork } from '../../../src/core/model/resolve';
import { backendTargets, effectiveNsgOf, effectiveRoutesOf, nicFromDocumentName } from '../../../src/core/rules/network-context';
import type { RuleContext } from '../../../src/core/rules/types';
import type { Workspace } from '../../../src/core/model/types';
import { certificates, effectiveNsg, effectiveRoutes, gatewayWith, nic, pool, workspace } from '../../rules/helpers';

const named = <T extends { source: { document: string; pointer: string } }>(doc: T, document: string): T => ({ ...doc, networkInterface: undefined, source: { ...doc.source, document } });

function ctxOf(ws: Workspace): RuleContext {
  const gateway = ws.gateways[0]!;
  return { workspace: ws, gateway, gw: indexGateway(gateway), net: indexNetwork(ws), certificates: certificates(), report: () => {} };
}

describe('effective outputs tied to a backend by the NIC in the file name', () => {
  const gw = gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.0.1.5' }])] });
  const nics = [nic('vm-web1-nic', '10.0.1.4'), nic('vm-web1-nic2', '10.0.1.5')];

  it('matches each file to its NIC (whole words; the longer name wins over its prefix)', () => {
    const ws = workspace({
      gateways: [gw],
      networkInterfaces: nics,
      effectiveRoutes: [
        named(effectiveRoutes([{ prefix: '0.0.0.0/0', nextHopType: 'Internet' }]), 'effective-routes-vm-web1-nic.json'),
        named(effectiveRoutes([{ prefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIp: '10.9.0.4' }]), 'vm-web1-nic2 routes.json'),
      ],
      effectiveNsgs: [named(effectiveNsg([]), 'effective-nsg-vm-web1-nic2.json')],
    });
    const ctx = ctxOf(ws);
    const [a, b] = backendTargets(ctx).targets;
    expect(a!.ip).toBe('10.0.1.4');
    expect(effectiveRoutesOf(ctx, a!)?.doc.routes[0]!.nextHopType).toBe('Internet');
    expect(effectiveRoutesOf(ctx, b!)?.doc.routes[0]!.nextHopType).toBe('VirtualAppliance');
    expect(effectiveRoutesOf(ctx, b!)?.how).toContain('file name vm-web1-nic2 routes.json');
    expect(effectiveNsgOf(ctx, a!)).toBeUndefined();
    expect(effectiveNsgOf(ctx, b!)?.doc.source.document).toBe('effective-nsg-vm-web1-nic2.json');
  });

  it('a name that is not a whole word, or two NICs of one length, tie nothing', () => {
    const ws = workspace({ gateways: [gw], networkInterfaces: [...nics, nic('nic-b', '10.0.1.6'), nic('nic-c', '10.0.1.7')] });
    const ctx = ctxOf(ws);
    expect(nicFromDocumentName(ctx, 'effective-routes-xvm-web1-nicx.json')).toBeUndefined();
    expect(nicFromDocumentName(ctx, 'routes nic-b and nic-c.json')).toBeUndefined();
    expect(nicFromDocumentName(ctx, 'routes-NIC-B.JSON')?.name).toBe('nic-b');
    expect(nicFromDocumentName(ctx, 'paste.txt')).toBeUndefined();
  });

  it('a NIC the pool references but the input lacks is still named', () => {
    const nicId = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/networkInterfaces/app-nic-7';
    const g = gatewayWith({ backendAddressPools: [{ ...pool('p', []), backendIpConfigurations: [{ id: `${nicId}/ipConfigurations/ipconfig1`, name: 'ipconfig1' }] }] });
    const ctx = ctxOf(workspace({ gateways: [g] }));
    expect(nicFromDocumentName(ctx, 'effective-routes-app-nic-7.json')).toEqual({ id: nicId, name: 'app-nic-7' });
  });
});
