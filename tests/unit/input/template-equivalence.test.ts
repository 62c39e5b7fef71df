/** An exported template and the REST body of the same gateway give the same links in the model. */
import { describe, it, expect } from 'vitest';
import { loadText } from '../../../src/core/input/load';
import { indexGateway } from '../../../src/core/model/resolve';
import type { Gateway } from '../../../src/core/model/types';
import { restGateway, restVnet, restGatewayNsg, toTemplate, GW_ID } from '../../fixtures/forms';

function links(gw: Gateway) {
  const ix = indexGateway(gw);
  const low = (s?: string) => s?.toLowerCase();
  return {
    id: low(gw.id),
    rules: gw.requestRoutingRules.map((r) => ({
      rule: low(r.id),
      listener: low(ix.listener(r.httpListener)?.id),
      port: ix.frontendPort(ix.listener(r.httpListener)?.frontendPort)?.port,
      pool: low(ix.pool(r.backendAddressPool)?.id),
      settings: low(ix.settings(r.backendHttpSettings)?.id),
      probe: low(ix.probe(ix.settings(r.backendHttpSettings)?.probe)?.id),
      map: ix.urlPathMap(r.urlPathMap)?.pathRules.map((p) => [p.paths, low(ix.pool(p.backendAddressPool)?.id), low(ix.settings(p.backendHttpSettings)?.id)]),
    })),
    subnet: low(gw.gatewayIpConfigurations[0].subnet?.id),
    pools: gw.backendAddressPools.map((p) => p.backendAddresses.map((a) => a.ipAddress)),
  };
}

describe('arm-template ≡ arm-rest', () => {
  it('rule → listener / pool / settings / probe links resolve to the same resources', () => {
    const rest = loadText('rest.json', JSON.stringify(restGateway())).model;
    const tpl = loadText('template.json', toTemplate(restGateway(), [restVnet(), restGatewayNsg()])).model;
    expect(tpl.kind).toBe('arm-template');
    expect(tpl.problems).toEqual([]);
    const a = links(rest.gateways[0]);
    const b = links(tpl.gateways[0]);
    expect(b).toEqual(a);
    expect(b.id).toBe(GW_ID.toLowerCase());
    expect(b.rules.every((r) => r.listener && (r.pool || r.map))).toBe(true);
  });
  it('takes the VNet and NSG of the same template as network context', () => {
    const tpl = loadText('template.json', toTemplate(restGateway(), [restVnet(), restGatewayNsg()])).model;
    expect(tpl.virtualNetworks.map((v) => v.subnets.map((s) => s.addressPrefixes[0]))).toEqual([['10.10.1.0/24', '10.10.2.0/24']]);
    expect(tpl.networkSecurityGroups[0].securityRules.map((r) => r.name)).toEqual(['AllowGatewayManager', 'AllowHttpInbound']);
  });
});
