import { describe, it, expect } from 'vitest';
import { loadText } from '../../../src/core/input/load';
import { restGateway, restVnet, restGatewayNsg, toPsJson, toCliJson, GW, GW_ID, RG } from '../../fixtures/forms';

const json = (v: unknown) => JSON.stringify(v, null, 2);

describe('detect and normalize: gateway forms', () => {
  it('arm-rest GET body', () => {
    const { model } = loadText('gw.json', json(restGateway()));
    expect(model.kind).toBe('arm-rest');
    expect(model.problems).toEqual([]);
    const gw = model.gateways[0];
    expect(gw).toMatchObject({ name: GW, id: GW_ID, resourceGroup: RG, generation: 'v2', operationalState: 'Running' });
    expect(gw.backendAddressPools.map((p) => p.backendAddresses.map((a) => a.ipAddress))).toEqual([['10.10.2.4', '10.10.2.5'], ['10.10.2.10']]);
    expect(gw.httpListeners.map((l) => l.hostNames)).toEqual([['www.contoso.com'], ['api.contoso.com']]);
    expect(gw.urlPathMaps[0].pathRules[0]).toMatchObject({ name: 'api', paths: ['/api/*'] });
    expect(gw.probes[0]).toMatchObject({ path: '/health', host: 'www.contoso.com', match: { statusCodes: ['200-399'] } });
    expect(gw.lost).toEqual([]);
  });

  it('cli-json (az show)', () => {
    const { model } = loadText('gw.json', toCliJson(restGateway()));
    expect(model.kind).toBe('cli-json');
    expect(model.gateways[0].backendHttpSettingsCollection.map((s) => [s.name, s.port, s.requestTimeout])).toEqual([['settings-web', 80, 30], ['settings-api', 8080, 60]]);
  });

  it('ps-json at full depth', () => {
    const { model } = loadText('gw.json', toPsJson(restGateway(), 100));
    expect(model.kind).toBe('ps-json');
    const gw = model.gateways[0];
    expect(gw.resourceGroup).toBe(RG);
    expect(gw.generation).toBe('v2');
    expect(gw.requestRoutingRules.map((r) => r.httpListener?.name)).toEqual(['listener-www', 'listener-api']);
    expect(gw.lost).toEqual([]);
  });

  it('ps-json at the default depth 2 is recovered from the ...Text properties', () => {
    const text = toPsJson(restGateway(), 2);
    expect(text).toContain('System.Collections.Generic.List');
    const { model } = loadText('gw.json', text);
    expect(model.kind).toBe('ps-json');
    const gw = model.gateways[0];
    expect(gw.backendAddressPools.map((p) => p.backendAddresses.length)).toEqual([2, 1]);
    expect(gw.requestRoutingRules[1].urlPathMap?.name).toBe('pathmap-api');
    expect(gw.urlPathMaps[0].pathRules[0].backendAddressPool?.name).toBe('pool-api');
    expect(gw.backendHttpSettingsCollection[0].probe?.name).toBe('probe-web');
    expect(gw.probes[1].match?.statusCodes).toEqual(['200-399']);
    expect(gw.lost).toEqual([]);
  });

  it('ps-json at depth 2 without the Text properties names exactly what is lost', () => {
    const obj = JSON.parse(toPsJson(restGateway(), 2));
    for (const k of Object.keys(obj)) if (k.endsWith('Text') && k !== 'SkuText') delete obj[k];
    const { model } = loadText('gw.json', json(obj));
    const lost = model.gateways[0].lost.map((l) => l.part);
    expect(lost).toEqual(expect.arrayContaining(['backendAddressPools', 'requestRoutingRules', 'backendHttpSettingsCollection', 'httpListeners', 'probes']));
    expect(model.gateways[0].lost[0].reason).toMatch(/ConvertTo-Json -Depth 100/);
  });

  it('ARM list response and Resource Graph rows', () => {
    const list = loadText('list.json', json({ value: [restGateway(), { ...restGateway(), name: 'agw-2', id: GW_ID.replace(GW, 'agw-2') }], nextLink: 'https://management.azure.com/next' }));
    expect(list.model.kind).toBe('arm-rest');
    expect(list.model.gateways.map((g) => g.name)).toEqual([GW, 'agw-2']);
    expect(list.model.problems.some((p) => /nextLink/.test(p.message))).toBe(true);
    const graph = loadText('graph.json', json({ totalRecords: 1, count: 1, data: [{ ...restGateway(), resourceGroup: RG }], facets: [], resultTruncated: 'false' }));
    expect(graph.model.kind).toBe('arm-rest');
    expect(graph.model.shape).toBe('resource-graph');
    expect(graph.model.gateways).toHaveLength(1);
    const table = loadText('graph-table.json', json({ data: { columns: [{ name: 'name' }, { name: 'type' }, { name: 'properties' }], rows: [[GW, 'microsoft.network/applicationgateways', restGateway().properties]] } }));
    expect(table.model.gateways[0].name).toBe(GW);
  });

  it('a lone pool is recognised as a fragment', () => {
    const { model } = loadText('pool.json', json({ name: 'pool1', properties: { backendAddresses: [{ ipAddress: '10.0.0.4' }] } }));
    expect(model.kind).toBe('fragment');
    expect(model.fragmentOf).toBe('backendAddressPools');
    expect(model.problems[0].message).toMatch(/fragment/);
  });

  it('the guide\'s BackendAddressPools fragment with duplicate keys keeps both addresses', () => {
    const { model } = loadText('frag.json', '{"BackendAddressPools": [{"backendAddresses": [{"ipAddress": "10.0.0.10", "ipAddress": "10.0.0.11"}]}]}');
    expect(model.kind).toBe('fragment');
    expect(model.problems.some((p) => /same key twice/.test(p.message))).toBe(true);
  });

  it('network context: VNet with subnets, NSG', () => {
    const v = loadText('vnet.json', json(restVnet())).model;
    expect(v.kind).toBe('vnet');
    expect(v.virtualNetworks[0].subnets.map((s) => [s.name, s.addressPrefixes[0], s.networkSecurityGroup?.name])).toEqual([
      ['snet-appgw', '10.10.1.0/24', 'nsg-appgw'],
      ['snet-backend', '10.10.2.0/24', 'nsg-backend'],
    ]);
    const n = loadText('nsg.json', json(restGatewayNsg())).model;
    expect(n.kind).toBe('nsg');
    expect(n.networkSecurityGroups[0].securityRules[0]).toMatchObject({ name: 'AllowGatewayManager', priority: 100, sourcePrefixes: ['GatewayManager'], destinationPorts: ['65200-65535'] });
  });
});

describe('bad input never crashes', () => {
  const cases: [string, string, RegExp][] = [
    ['empty', '', /empty/],
    ['whitespace', '   \n\t  ', /empty/],
    ['binary', 'PK\u0003\u0004\u0000\u0000\u0000binary', /binary/],
    ['malformed', '{"name": "x",, }', /Invalid JSON/],
    ['truncated', '{"name": "x", "properties": {"backendAddressPools": [', /cut off/],
    ['prose', 'hello, this is my gateway, it gives 502', /not recognised|could not be recognised/],
    ['PowerShell error', "Get-AzApplicationGateway : The Resource 'Microsoft.Network/applicationGateways/agw' under resource group 'rg' was not found.\n    + CategoryInfo          : CloseError: (:) [Get-AzApplicationGateway], CloudException\n    + FullyQualifiedErrorId : Microsoft.Azure.Commands.Network.GetAzureApplicationGatewayCommand", /error message/],
    ['unrelated JSON', '{"hello": "world"}', /not an Application Gateway/],
    ['JSON scalar', '42', /not recognised|could not be recognised|not an Application Gateway/],
  ];
  for (const [name, text, msg] of cases) {
    it(name, () => {
      const { model } = loadText(name, text);
      expect(model.problems.length).toBeGreaterThan(0);
      expect(model.problems[0].message).toMatch(msg);
      expect(model.problems[0].line).toBeGreaterThanOrEqual(0);
      expect(model.problems[0].hint).toBeTruthy();
    });
  }
  it('20 MB input gives a result in bounded time', () => {
    const gw = restGateway();
    const pools = Array.from({ length: 100 }, (_, i) => ({ name: `p${i}`, id: `${GW_ID}/backendAddressPools/p${i}`, properties: { backendAddresses: Array.from({ length: 1200 }, (_, j) => ({ ipAddress: `10.${i}.${j >> 8}.${j & 255}`, fqdn: 'x'.repeat(100) })) } }));
    gw.properties.backendAddressPools = pools;
    const text = json(gw);
    expect(text.length).toBeGreaterThan(20 * 1024 * 1024);
    const { model } = loadText('big.json', text);
    expect(model.gateways[0].backendAddressPools).toHaveLength(100);
  });
});
