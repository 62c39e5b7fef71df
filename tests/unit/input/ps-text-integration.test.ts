/** Issue "Done when": a console paste with wrapped ids, warnings and a VNet block yields the gateway with every reference resolved, and the VNet. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadWorkspace } from '../../../src/core/analyze';
import { indexGateway, indexNetwork } from '../../../src/core/model/resolve';

const fixture = (f: string) => readFileSync(new URL(`../../fixtures/ps-text/${f}`, import.meta.url), 'utf8');

describe('ps-text console paste → one workspace', () => {
  it('01: every reference resolves and the VNet is network context', () => {
    const text = fixture('01-full-gateway-and-vnet.txt');
    expect(text).toMatch(/WARNING:/);
    const { workspace } = loadWorkspace([{ name: 'console.txt', text }]);
    expect(workspace.documents[0].kind).toBe('ps-text');
    expect(workspace.documents[0].problems).toEqual([]);
    const gw = workspace.gateways[0];
    const ix = indexGateway(gw);
    expect(gw.requestRoutingRules.length).toBeGreaterThan(0);
    for (const r of gw.requestRoutingRules) {
      const l = ix.listener(r.httpListener);
      expect(l, `listener of ${r.name}: ${r.httpListener?.id}`).toBeDefined();
      expect(ix.frontendPort(l!.frontendPort), `port of ${l!.name}`).toBeDefined();
      expect(ix.frontendIp(l!.frontendIpConfiguration), `frontend of ${l!.name}`).toBeDefined();
      if (r.urlPathMap) expect(ix.urlPathMap(r.urlPathMap)).toBeDefined();
      else {
        expect(ix.pool(r.backendAddressPool), `pool of ${r.name}: ${r.backendAddressPool?.id}`).toBeDefined();
        expect(ix.settings(r.backendHttpSettings), `settings of ${r.name}`).toBeDefined();
      }
    }
    for (const s of gw.backendHttpSettingsCollection) if (s.probe) expect(ix.probe(s.probe), `probe of ${s.name}`).toBeDefined();
    // Ids were wrapped by the console: joined back exactly (no space, nothing lost).
    for (const p of gw.backendAddressPools) expect(p.id).not.toMatch(/\s/);
    expect(workspace.virtualNetworks).toHaveLength(1);
    const net = indexNetwork(workspace);
    const subnet = net.subnet(gw.gatewayIpConfigurations[0].subnet);
    expect(subnet, `gateway subnet ${gw.gatewayIpConfigurations[0].subnet?.id}`).toBeDefined();
    expect(net.vnetOfSubnet(subnet!)?.name).toBe(workspace.virtualNetworks[0].name);
  });
  it('06: a half-copied paste says where it was cut', () => {
    const { workspace } = loadWorkspace([{ name: 'cut.txt', text: fixture('06-half-copied.txt') }]);
    const p = workspace.documents[0].problems.find((x) => x.severity === 'error');
    expect(p?.message).toMatch(/cut off/);
    expect(p?.line).toBeGreaterThan(1);
  });
});
