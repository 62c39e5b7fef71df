import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePsText, looksLikePsText, type PsTextBlock } from '../../../src/core/input/formats/ps-text';
import { DUPLICATES } from '../../../src/core/input/json';

const dir = fileURLToPath(new URL('../../fixtures/ps-text/', import.meta.url));
const fixture = (name: string) => readFileSync(dir + name, 'utf8');

type Obj = Record<string, any>;

const SUB = '6f1c2b3a-8d4e-4f5a-9b6c-7d8e9f0a1b2c';
const rgId = (rg: string) => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network`;
const GW1 = `${rgId('rg-skcc')}/applicationGateways/ag-skcc`;

/** 1-based number of the first line (after line `after`) containing `needle`. */
function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split(/\r?\n/);
  for (let i = after; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`not found: ${needle}`);
}

/** 1-based column of `needle` on a 1-based line. */
function columnOf(text: string, line: number, needle: string): number {
  const l = text.split(/\r?\n/)[line - 1];
  const i = l.indexOf(needle);
  if (i === -1) throw new Error(`not on line ${line}: ${needle}`);
  return i + 1;
}

/** Every string under a key named `Id` (any depth), with its path. */
function allIds(v: unknown, path = ''): [string, string][] {
  const out: [string, string][] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allIds(x, `${path}/${i}`)));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'Id' && typeof x === 'string') out.push([`${path}/${k}`, x]);
      else out.push(...allIds(x, `${path}/${k}`));
    }
  }
  return out;
}

const val = (b: PsTextBlock) => b.value as Obj;

describe('ps-text: full gateway with every Text property, then a VNet (fixture 01)', () => {
  const text = fixture('01-full-gateway-and-vnet.txt');
  const r = parsePsText(text);
  const [gw, vnet] = r.blocks;

  it('finds the gateway and the VNet, skipping the prompt, the WARNING paragraph and its `Note :` line', () => {
    expect(r.blocks.map((b) => b.kind)).toEqual(['gateway', 'vnet']);
    expect(gw.name).toBe('ag-skcc');
    expect(vnet.name).toBe('vnet-skcc');
    expect(gw.startLine).toBe(lineOf(text, 'Sku    '));
    expect(gw.endLine).toBe(lineOf(text, 'Id                                  :') + 1);
    expect(vnet.startLine).toBe(lineOf(text, 'Name                   : vnet-skcc'));
    expect(val(gw)).not.toHaveProperty('Note');
    expect(r.problems).toEqual([]);
  });

  it('joins the wrapped `Id :` line without a space and without losing a character', () => {
    expect(val(gw).Id).toBe(GW1);
    expect(val(vnet).Id).toBe(`${rgId('rg-skcc')}/virtualNetworks/vnet-skcc`);
  });

  it('joins ids wrapped inside the Text JSON strings exactly', () => {
    const g = val(gw);
    expect(g.BackendAddressPools.map((p: Obj) => p.Id)).toEqual([
      `${GW1}/backendAddressPools/ag-be-pool`,
      `${GW1}/backendAddressPools/pool2`,
    ]);
    expect(g.FrontendIPConfigurations[0].PublicIPAddress.Id).toBe(`${rgId('rg-skcc')}/publicIPAddresses/pip-skcc`);
    const ids = allIds(g);
    expect(ids.length).toBeGreaterThan(30);
    for (const [path, id] of ids) {
      expect(id, path).toMatch(/^\/subscriptions\/6f1c2b3a-8d4e-4f5a-9b6c-7d8e9f0a1b2c\/resourceGroups\/rg-skcc\/providers\/Microsoft\.Network\/[^\s]+$/);
    }
  });

  it('every listener and rule reference ends with the right collection and name, and resolves', () => {
    const g = val(gw);
    const byId = new Set<string>();
    for (const coll of ['FrontendIPConfigurations', 'FrontendPorts', 'SslCertificates', 'HttpListeners', 'BackendAddressPools', 'BackendHttpSettingsCollection', 'Probes']) {
      for (const it of g[coll]) byId.add(it.Id);
    }
    const [l1, l2] = g.HttpListeners;
    expect(l1.FrontendIpConfiguration.Id).toMatch(/\/frontendIPConfigurations\/appGwPublicFrontendIp$/);
    expect(l1.FrontendPort.Id).toMatch(/\/frontendPorts\/port_80$/);
    expect(l2.FrontendPort.Id).toMatch(/\/frontendPorts\/port_443$/);
    expect(l2.SslCertificate.Id).toMatch(/\/sslCertificates\/ssl-skcc$/);
    expect(l2.HostName).toBe('www.contoso.com');
    const [r1, r2] = g.RequestRoutingRules;
    expect(r1.HttpListener.Id).toMatch(/\/httpListeners\/listener-http$/);
    expect(r1.BackendAddressPool.Id).toMatch(/\/backendAddressPools\/ag-be-pool$/);
    expect(r1.BackendHttpSettings.Id).toMatch(/\/backendHttpSettingsCollection\/be-http-settings$/);
    expect(r2.HttpListener.Id).toMatch(/\/httpListeners\/listener-https$/);
    expect(r2.BackendAddressPool.Id).toMatch(/\/backendAddressPools\/pool2$/);
    expect(r2.BackendHttpSettings.Id).toMatch(/\/backendHttpSettingsCollection\/be-https-settings$/);
    expect(g.BackendHttpSettingsCollection[0].Probe.Id).toMatch(/\/probes\/probe-health$/);
    for (const ref of [l1.FrontendIpConfiguration, l1.FrontendPort, l2.FrontendPort, l2.SslCertificate, r1.HttpListener, r1.BackendAddressPool,
      r1.BackendHttpSettings, r2.HttpListener, r2.BackendAddressPool, r2.BackendHttpSettings, g.BackendHttpSettingsCollection[0].Probe]) {
      expect(byId.has(ref.Id), ref.Id).toBe(true);
    }
  });

  it('rebuilds the value like ConvertTo-Json output: Text JSON under the collection name, scalars typed', () => {
    const g = val(gw);
    expect(g.Sku).toEqual({ Name: 'Standard_v2', Tier: 'Standard_v2', Capacity: 2 });
    expect(g.SslPolicy).toEqual({ PolicyType: 'Predefined', PolicyName: 'AppGwSslPolicy20220101' });
    expect(g.Identity).toBeNull();
    expect(g.FirewallPolicy).toBeNull();
    expect(g.GatewayIPConfigurations[0].Subnet.Id).toBe(`${rgId('rg-skcc')}/virtualNetworks/vnet-skcc/subnets/snet-appgw`);
    expect(g.AuthenticationCertificates).toEqual([]);
    expect(g.TrustedRootCertificates).toEqual([]);
    expect(g.PrivateEndpointConnections).toEqual([]);
    expect(g.BackendAddressPools[0].BackendAddresses).toEqual([{ IpAddress: '10.10.2.4' }, { IpAddress: '10.10.2.5' }]);
    expect(g.BackendAddressPools[0].Etag).toBe('W/"00000078-1a2b-4c3d-8e9f-0a1b2c3d4e5f"');
    expect(g.Probes[0].Match).toEqual({ StatusCodes: ['200-399'] });
    expect(g.EnableHttp2).toBe(false);
    expect(g.EnableFips).toBeNull();
    expect(g.Zones).toEqual(['1', '2', '3']);
    expect(g.Tag).toEqual({});
    expect(g.OperationalState).toBe('Running');
    expect(g.Type).toBe('Microsoft.Network/applicationGateways');
    for (const k of Object.keys(g)) expect(k.endsWith('Text'), k).toBe(false);
  });

  it('a blank line inside HttpListenersText does not split the object', () => {
    expect(val(gw).HttpListeners.map((l: Obj) => l.Name)).toEqual(['listener-http', 'listener-https']);
  });

  it('names only what the console could not show', () => {
    expect(gw.lost?.map((l) => l.part)).toEqual(['autoscaleConfiguration']);
    expect(gw.lost?.[0].reason).toMatch(/PSApplicationGatewayAutoscaleConfiguration/);
    expect(vnet.lost).toBeUndefined();
  });

  it('reads the VNet: DhcpOptionsText DnsServers, SubnetsText', () => {
    const v = val(vnet);
    expect(v.AddressSpace).toEqual({ AddressPrefixes: ['10.10.0.0/16'] });
    expect(v.DhcpOptions.DnsServers).toEqual(['10.10.0.4', '168.63.129.16']);
    expect(v.Subnets.map((s: Obj) => s.Id)).toEqual([
      `${rgId('rg-skcc')}/virtualNetworks/vnet-skcc/subnets/snet-appgw`,
      `${rgId('rg-skcc')}/virtualNetworks/vnet-skcc/subnets/snet-backend`,
    ]);
    expect(v.Subnets[1].RouteTable.Id).toBe(`${rgId('rg-skcc')}/routeTables/rt-backend`);
    expect(v.VirtualNetworkPeerings).toEqual([]);
    expect(v.EnableDdosProtection).toBe(false);
  });

  it('locate() points at the original lines', () => {
    const second = lineOf(text, '"IpAddress": "10.10.2.5"') - 1;
    expect(gw.locate('/BackendAddressPools/0/BackendAddresses/1')).toEqual({ line: second, column: columnOf(text, second, '{') });
    expect(gw.locate('/ProvisioningState')).toEqual({ line: lineOf(text, 'ProvisioningState   '), column: 1 });
    expect(gw.locate('/Id')).toEqual({ line: lineOf(text, 'Id                                  :'), column: 1 });
    const pool2 = lineOf(text, '"Name": "pool2"') - 9;
    expect(text.split('\n')[pool2 - 1].trim()).toBe('{');
    expect(gw.locate('/BackendAddressPools/1')?.line).toBe(pool2);
    const listeners = lineOf(text, 'HttpListenersText');
    const secondListener = lineOf(text, '"FrontendIpConfiguration"', lineOf(text, '"Name": "listener-http"', listeners)) - 1;
    expect(gw.locate('/HttpListeners/1')?.line).toBe(secondListener);
    const zones = lineOf(text, 'Zones  ');
    expect(gw.locate('/Zones/1')).toEqual({ line: zones, column: columnOf(text, zones, '2, 3}') });
    const prefix = lineOf(text, '"10.10.1.0/24"');
    expect(vnet.locate('/Subnets/0/AddressPrefix/0')).toEqual({ line: prefix, column: columnOf(text, prefix, '"10.10.1.0/24"') });
    expect(gw.locate('/NoSuchKey')).toBeUndefined();
  });

  it('CRLF line ends give the same values and lines', () => {
    const crlf = parsePsText(text.replace(/\n/g, '\r\n'));
    expect(crlf.blocks.map((b) => b.value)).toEqual(r.blocks.map((b) => b.value));
    expect(crlf.blocks[0].locate('/BackendAddressPools/0/BackendAddresses/1')).toEqual(gw.locate('/BackendAddressPools/0/BackendAddresses/1'));
  });
});

describe('ps-text: koreacentral-like gateway without SkuText (fixture 02)', () => {
  const text = fixture('02-koreacentral-no-skutext.txt');
  const r = parsePsText(text);

  it('says the SKU is unknown instead of guessing', () => {
    expect(r.blocks).toHaveLength(1);
    const b = r.blocks[0];
    expect(b.kind).toBe('gateway');
    expect(val(b)).not.toHaveProperty('Sku');
    const sku = b.lost?.find((l) => l.part === 'sku');
    expect(sku?.reason).toMatch(/SKU is unknown/);
    expect(sku?.reason).toMatch(/SkuText/);
    expect(sku?.reason).toMatch(/Get-AzApplicationGateway -Name agw-krc-prod -ResourceGroupName rg-krc \| ConvertTo-Json -Depth 100/);
  });

  it('reads the newer properties and the Text JSON', () => {
    const g = val(r.blocks[0]);
    expect(g.Location).toBe('koreacentral');
    expect(g.EnableRequestBuffering).toBe(true);
    expect(g.DefaultPredefinedSslPolicy).toBe('AppGwSslPolicy20220101');
    expect(g.BackendSettingsCollection).toEqual([]);
    expect(g.BackendHttpSettingsCollection[0].Port).toBe(8080);
    expect(g.RequestRoutingRules[0].BackendAddressPool.Id).toBe(`${rgId('rg-krc')}/applicationGateways/agw-krc-prod/backendAddressPools/be-pool-web`);
    expect(g.Id).toBe(`${rgId('rg-krc')}/applicationGateways/agw-krc-prod`);
    expect(r.problems).toEqual([]);
  });
});

describe('ps-text: two gateways one after another (fixture 03)', () => {
  const text = fixture('03-two-gateways.txt');
  const r = parsePsText(text);

  it('gives two gateway blocks with their own lines and ids', () => {
    expect(r.blocks.map((b) => [b.kind, b.name])).toEqual([['gateway', 'agw-blue'], ['gateway', 'agw-green']]);
    const [a, b] = r.blocks;
    expect(b.startLine).toBeGreaterThan(a.endLine);
    expect(b.startLine).toBe(lineOf(text, 'Sku   ', a.endLine));
    for (const blk of r.blocks) {
      const g = val(blk);
      for (const [path, id] of allIds(g)) {
        if (path !== '/Id' && !/publicIPAddresses|virtualNetworks/.test(id)) expect(id.startsWith(g.Id + '/'), path).toBe(true);
      }
    }
    expect(val(b).BackendAddressPools[0].BackendAddresses).toHaveLength(2);
    expect(val(b).RequestRoutingRules[0].Priority).toBe(200);
    expect(r.problems).toEqual([]);
  });
});

describe('ps-text: help-page style, `[]` Texts with {names} lists (fixture 04)', () => {
  const text = fixture('04-help-page-empty-text.txt');
  const r = parsePsText(text);
  const b = r.blocks[0];

  it('keeps the names, names the lost parts and says the paste contradicts itself', () => {
    expect(r.blocks).toHaveLength(1);
    expect(b.kind).toBe('gateway');
    const g = val(b);
    expect(g.BackendAddressPools).toEqual([{ Name: 'appGatewayBackendPool' }, { Name: 'appGatewayBackendPool2' }]);
    expect(g.Probes).toEqual([]);
    const pools = b.lost?.find((l) => l.part === 'backendAddressPools');
    expect(pools?.reason).toContain('the console shows only the names ({appGatewayBackendPool, appGatewayBackendPool2})');
    expect(pools?.reason).toContain('| ConvertTo-Json -Depth 100');
    expect(b.lost?.map((l) => l.part)).toEqual(expect.arrayContaining(['sku', 'gatewayIPConfigurations', 'frontendIPConfigurations', 'frontendPorts', 'httpListeners', 'requestRoutingRules', 'backendHttpSettingsCollection']));
    const warn = r.problems.find((p) => p.message.startsWith('BackendAddressPoolsText is []'));
    expect(warn?.severity).toBe('warning');
    expect(warn?.line).toBe(lineOf(text, 'BackendAddressPoolsText'));
    expect(warn?.message).toMatch(/contradicts itself/);
  });

  it('a list cut by $FormatEnumerationLimit (`rule4...`) says only the first names are shown', () => {
    const g = val(b);
    expect(g.RequestRoutingRules.map((x: Obj) => x.Name)).toEqual(['rule1', 'rule2', 'rule3', 'rule4']);
    expect(b.lost?.find((l) => l.part === 'requestRoutingRules')?.reason).toMatch(/only the first names/);
  });

  it('joins the help page`s wrapped Id and locates a name in a {list}', () => {
    expect(val(b).Id).toBe('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ResourceGroup07/providers/Microsoft.Network/applicationGateways/ApplicationGateway07');
    const line = lineOf(text, 'BackendAddressPools   ');
    expect(b.locate('/BackendAddressPools/1')).toEqual({ line, column: columnOf(text, line, 'appGatewayBackendPool2') });
  });
});

describe('ps-text: the 502 guide`s own fragment with duplicate keys (fixture 05)', () => {
  const text = fixture('05-guide-fragment-duplicates.txt');
  const r = parsePsText(text);

  it('is one unknown block { BackendAddressPools: [...] } keeping every duplicated value', () => {
    expect(r.blocks).toHaveLength(1);
    const b = r.blocks[0];
    expect(b.kind).toBe('unknown');
    expect(Object.keys(val(b))).toEqual(['BackendAddressPools']);
    const pools = val(b).BackendAddressPools;
    expect(pools.map((p: Obj) => p.Name)).toEqual(['Pool01', 'Pool02']);
    expect(pools[0].BackendAddresses[0][DUPLICATES]).toEqual({ ipAddress: ['10.0.0.10', '10.0.0.11'] });
    expect(pools[1].BackendAddresses[0][DUPLICATES]).toEqual({ Fqdn: ['xyx.cloudapp.net', 'abc.cloudapp.net'] });
    expect(b.startLine).toBe(lineOf(text, 'BackendAddressPoolsText:'));
  });

  it('warns that the object had duplicate keys, at the original line', () => {
    const w = r.problems.filter((p) => /duplicate keys/.test(p.message));
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe('warning');
    expect(w[0].message).toMatch(/every value is kept/);
    expect(w[0].line).toBe(lineOf(text, '"BackendAddresses": [{'));
    expect(r.blocks[0].locate('/BackendAddressPools/1')?.line).toBe(lineOf(text, '}, {'));
  });
});

describe('ps-text: half-copied paste cut inside a Text JSON (fixture 06)', () => {
  const text = fixture('06-half-copied.txt');
  const r = parsePsText(text);
  const lastLine = text.split('\n').length;

  it('reports where the copy was cut, with a hint', () => {
    const cut = r.problems.filter((p) => p.severity === 'error');
    expect(cut).toHaveLength(1);
    expect(cut[0].message).toMatch(/ends inside BackendHttpSettingsCollectionText/);
    expect(cut[0].line).toBe(lastLine);
    expect(cut[0].column).toBe(text.split('\n')[lastLine - 1].length + 1);
    expect(cut[0].hint).toMatch(/Copy the whole console output again/);
    expect(cut[0].excerpt).toContain('"Id": "/subscriptions/');
  });

  it('keeps what came before the cut and names what was lost', () => {
    expect(r.blocks).toHaveLength(1);
    const b = r.blocks[0];
    expect(b.kind).toBe('gateway');
    expect(val(b).BackendAddressPools.map((p: Obj) => p.Id)).toEqual([`${GW1}/backendAddressPools/ag-be-pool`, `${GW1}/backendAddressPools/pool2`]);
    expect(val(b).BackendHttpSettingsCollection).toEqual([{ Name: 'be-http-settings' }, { Name: 'be-https-settings' }]);
    const parts = b.lost?.map((l) => l.part);
    expect(parts).toEqual(expect.arrayContaining(['backendHttpSettingsCollection', 'httpListeners', 'requestRoutingRules', 'probes']));
    expect(b.lost?.find((l) => l.part === 'backendHttpSettingsCollection')?.reason).toMatch(/could not be read/);
    expect(b.endLine).toBe(lastLine);
  });
});

describe('ps-text: public IP and a VNet in their default views (fixture 07)', () => {
  const text = fixture('07-public-ip-and-vnet.txt');
  const r = parsePsText(text);

  it('reads the public IP with its JSON-valued properties and Tags table', () => {
    expect(r.blocks.map((b) => b.kind)).toEqual(['public-ip', 'vnet']);
    const p = val(r.blocks[0]);
    expect(p.IpAddress).toBe('20.51.123.45');
    expect(p.Id).toBe(`${rgId('rg-skcc')}/publicIPAddresses/pip-skcc`);
    expect(p.IpConfiguration.Id).toBe(`${GW1}/frontendIPConfigurations/appGwPublicFrontendIp`);
    expect(p.Sku).toEqual({ Name: 'Standard', Tier: 'Regional' });
    expect(p.DnsSettings.Fqdn).toBe('ag-skcc-eastus.eastus.cloudapp.azure.com');
    expect(p.Tags).toEqual({ env: 'prod', owner: 'netops' });
    expect(p.IdleTimeoutInMinutes).toBe(4);
    expect(p.Zones).toEqual(['1', '2', '3']);
    expect(p.IpTags).toEqual([]);
    expect(r.blocks[0].locate('/PublicIpAllocationMethod')?.line).toBe(lineOf(text, 'PublicIpAllocationMethod'));
  });

  it('reads the VNet labels AddressSpace / DhcpOptions / Subnets', () => {
    const v = val(r.blocks[1]);
    expect(v.AddressSpace.AddressPrefixes).toEqual(['10.30.0.0/16']);
    expect(v.DhcpOptions).toEqual({});
    expect(v.Subnets[0].Id).toBe(`${rgId('rg-skcc')}/virtualNetworks/vnet-backend/subnets/default`);
    expect(v.FlowTimeoutInMinutes).toBeNull();
    expect(r.problems).toEqual([]);
  });
});

describe('ps-text: effective routes (fixtures 08, 09)', () => {
  const expected = [
    { DisableBgpRoutePropagation: false, State: 'Active', Source: 'Default', AddressPrefix: ['10.10.0.0/16'], NextHopType: 'VnetLocal', NextHopIpAddress: [] },
    { DisableBgpRoutePropagation: false, State: 'Invalid', Source: 'Default', AddressPrefix: ['0.0.0.0/0'], NextHopType: 'Internet', NextHopIpAddress: [] },
    { Name: 'udr-default-to-fw', DisableBgpRoutePropagation: false, State: 'Active', Source: 'User', AddressPrefix: ['0.0.0.0/0'], NextHopType: 'VirtualAppliance', NextHopIpAddress: ['10.10.9.4'] },
  ];

  it('merges the Format-List route objects into one block', () => {
    const text = fixture('08-effective-routes-list.txt');
    const r = parsePsText(text);
    expect(r.blocks).toHaveLength(1);
    expect(r.blocks[0].kind).toBe('effective-routes');
    expect(val(r.blocks[0]).value).toEqual(expected);
    expect(r.blocks[0].locate('/value/2/NextHopType')).toEqual({ line: lineOf(text, 'VirtualAppliance'), column: 1 });
  });

  it('reads the table form the same way', () => {
    const text = fixture('09-effective-routes-table.txt');
    const r = parsePsText(text);
    expect(r.blocks).toHaveLength(1);
    expect(r.blocks[0].kind).toBe('effective-routes');
    expect(val(r.blocks[0]).value).toEqual(expected);
    const line = lineOf(text, 'udr-default-to-fw');
    expect(r.blocks[0].locate('/value/2/NextHopType')).toEqual({ line, column: columnOf(text, line, 'VirtualAppliance') });
  });
});

describe('ps-text: backend health (fixture 10)', () => {
  it('is a backend-health block; the Text wins over the type-name list; wrapped prose keeps its space', () => {
    const r = parsePsText(fixture('10-backend-health.txt'));
    expect(r.blocks.map((b) => b.kind)).toEqual(['backend-health']);
    const pool = val(r.blocks[0]).BackendAddressPools[0];
    expect(pool.BackendAddressPool.Id).toBe(`${GW1}/backendAddressPools/ag-be-pool`);
    expect(pool.BackendHttpSettingsCollection[0].BackendHttpSettings.Id).toBe(`${GW1}/backendHttpSettingsCollection/be-http-settings`);
    const servers = pool.BackendHttpSettingsCollection[0].Servers;
    expect(servers.map((s: Obj) => s.Health)).toEqual(['Healthy', 'Unhealthy']);
    expect(servers[1].HealthProbeLog).toBe('Cannot connect to backend server. Check whether any NSG/UDR/Firewall is blocking access to the server. Check if application is running on correct port.');
    expect(r.blocks[0].lost).toBeUndefined();
  });
});

// ------------------------------------------------------------------------------------------ inline cases

const pad = (k: string, w = 36) => k.padEnd(w) + ': ';
const IND = ' '.repeat(38);

describe('ps-text: the console`s wrapping', () => {
  it('joins the reference example `.../backend ` + indent + `AddressPools/ag-be-pool"` exactly', () => {
    const text = [
      pad('Name') + 'ag-skcc',
      pad('BackendAddressPoolsText') + '[',
      IND + '  {',
      IND + '    "Name": "ag-be-pool",',
      IND + `    "Id": "${GW1}/backend `,
      IND + 'AddressPools/ag-be-pool"',
      IND + '  }',
      IND + ']',
    ].join('\n');
    const r = parsePsText(text);
    expect(val(r.blocks[0]).BackendAddressPools[0].Id).toBe(`${GW1}/backendAddressPools/ag-be-pool`);
  });

  it('joins a string cut right after a backslash, and a number cut in two', () => {
    const text = [
      pad('Name') + 'gw',
      pad('FrontendPortsText') + '[',
      IND + '  {',
      IND + '    "Port": 44',
      IND + '3,',
      IND + '    "Etag": "W/\\',
      IND + '"abc\\""',
      IND + '  }',
      IND + ']',
    ].join('\n');
    const r = parsePsText(text);
    expect(r.problems).toEqual([]);
    expect(val(r.blocks[0]).FrontendPorts[0]).toEqual({ Port: 443, Etag: 'W/"abc"' });
  });

  it('keeps a blank line inside a JSON value from splitting the object', () => {
    const text = [pad('Name') + 'gw', pad('ProbesText') + '[', '', IND + '  {"Name": "p1"}', '', IND + ']', pad('Location') + 'eastus'].join('\n');
    const r = parsePsText(text);
    expect(r.blocks).toHaveLength(1);
    expect(val(r.blocks[0])).toEqual({ Name: 'gw', Probes: [{ Name: 'p1' }], Location: 'eastus' });
  });
});

describe('ps-text: other cmdlets and odd pastes', () => {
  const W = 22;
  it('tells NSG, route table, NIC, subnet and effective NSG apart', () => {
    const nsg = [
      pad('Name', W) + 'nsg-backend',
      pad('ResourceGroupName', W) + 'rg-skcc',
      pad('SecurityRules', W) + '[',
      ' '.repeat(W + 2) + '  {"Name": "allow-gw-mgmt", "Priority": 100, "DestinationPortRange": ["65200-65535"]}',
      ' '.repeat(W + 2) + ']',
      pad('DefaultSecurityRules', W) + '[]',
    ];
    const rt = [pad('Name', 26) + 'rt-backend', pad('DisableBgpRoutePropagation', 26) + 'True', pad('Routes', 26) + '[]'];
    const nic = [pad('Name', 20) + 'nic-web01', pad('MacAddress', 20) + '00-0D-3A-12-34-56', pad('IpConfigurations', 20) + '[]', pad('Primary', 20) + 'True'];
    const subnet = [pad('Name', 17) + 'snet-backend', pad('AddressPrefix', 17) + '{10.10.2.0/24}', pad('IpConfigurations', 17) + '[]', pad('RouteTable', 17) + 'null'];
    const effNsg = [
      pad('NetworkSecurityGroup', W) + '{',
      ' '.repeat(W + 2) + `  "Id": "${rgId('rg-skcc')}/networkSecurityGroups/nsg-backend"`,
      ' '.repeat(W + 2) + '}',
      pad('EffectiveSecurityRules', W) + '[',
      ' '.repeat(W + 2) + '  {"Name": "defaultSecurityRules/DenyAllInBound", "Access": "Deny", "Priority": 65500}',
      ' '.repeat(W + 2) + ']',
    ];
    const text = ['', ...nsg, '', '', ...rt, '', ...nic, '', ...subnet, '', ...effNsg, ''].join('\n');
    const r = parsePsText(text);
    expect(r.blocks.map((b) => b.kind)).toEqual(['nsg', 'route-table', 'nic', 'subnet', 'effective-nsg']);
    expect(val(r.blocks[0]).SecurityRules[0].DestinationPortRange).toEqual(['65200-65535']);
    expect(val(r.blocks[1]).DisableBgpRoutePropagation).toBe(true);
    expect(val(r.blocks[3]).AddressPrefix).toEqual(['10.10.2.0/24']);
    expect(val(r.blocks[3]).RouteTable).toBeNull();
    expect(val(r.blocks[4]).EffectiveSecurityRules[0].Access).toBe('Deny');
    expect(r.problems).toEqual([]);
  });

  it('reads the guide fragment inside markdown fences', () => {
    const text = ['BackendAddressPoolsText:', '', '```json', '[{', '    "Name": "Pool01",', '    "BackendAddresses": [{"ipAddress": "10.0.0.10"}]', '}]', '```', ''].join('\n');
    const r = parsePsText(text);
    expect(r.blocks).toHaveLength(1);
    expect(val(r.blocks[0]).BackendAddressPools[0].Name).toBe('Pool01');
    expect(r.blocks[0].locate('/BackendAddressPools/0')).toEqual({ line: 4, column: 2 });
  });

  it('reads values that a document page pushed to the next line, at column 0', () => {
    const text = [
      'BackendAddressPools :',
      '{Microsoft.Azure.Commands.Network.Models.PSApplicationGatewayBackendHealthPool}',
      'BackendAddressPoolsText : [',
      '{',
      '                              "BackendAddressPool": {',
      `                                "Id": "${GW1}/b`,
      '                          ackendAddressPools/ag-be-pool"',
      '                              },',
      '                              "BackendHttpSettingsCollection": [{"Servers": [{"Address": "10.0.0.5", "Health": "Healthy"}]}]',
      '                            }',
      '                        ]',
    ].join('\n');
    const r = parsePsText(text);
    expect(r.blocks.map((b) => b.kind)).toEqual(['backend-health']);
    expect(val(r.blocks[0]).BackendAddressPools[0].BackendAddressPool.Id).toBe(`${GW1}/backendAddressPools/ag-be-pool`);
    expect(r.problems).toEqual([]);
  });

  it('keeps a `<X>Text` that holds plain text as text', () => {
    const r = parsePsText([pad('Name', 12) + 'x', pad('CommentText', 12) + 'hello world'].join('\n'));
    expect(val(r.blocks[0])).toEqual({ Name: 'x', Comment: 'hello world' });
    expect(r.problems).toEqual([]);
  });
});

describe('ps-text: problems', () => {
  it('invalid JSON inside a Text property points at the original line', () => {
    const text = [
      'PS C:\\> Get-AzApplicationGateway -Name gw -ResourceGroupName rg',
      '',
      pad('Name') + 'gw',
      pad('HttpListenersText') + '[',
      IND + '  {',
      IND + '    "Name": "l1"',
      IND + '    "Protocol": "Http"',
      IND + '  }',
      IND + ']',
      pad('HttpListeners') + '{l1}',
      pad('Location') + 'eastus',
    ].join('\n');
    const r = parsePsText(text);
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0];
    expect(p.severity).toBe('error');
    expect(p.message).toMatch(/^HttpListenersText \(from line 4\)/);
    expect(p.line).toBe(7);
    expect(p.column).toBe(43);
    expect(p.excerpt).toContain('"Protocol": "Http"');
    expect(p.hint).toMatch(/ConvertTo-Json -Depth 100/);
    // The name list is the fallback, and the loss is named.
    expect(val(r.blocks[0]).HttpListeners).toEqual([{ Name: 'l1' }]);
    expect(r.blocks[0].lost?.[0].part).toBe('httpListeners');
    expect(val(r.blocks[0]).Location).toBe('eastus');
  });

  it('a Text JSON interrupted by the next property is reported, and the next properties still read', () => {
    const text = [
      pad('Name') + 'gw',
      pad('ProbesText') + '[',
      IND + '  {',
      IND + '    "Name": "p1",',
      pad('UrlPathMapsText') + '[]',
      pad('Location') + 'eastus',
    ].join('\n');
    const r = parsePsText(text);
    expect(r.problems.map((p) => [p.severity, p.line])).toEqual([['error', 4]]);
    expect(r.problems[0].message).toMatch(/ProbesText \(from line 2\) is not closed/);
    expect(val(r.blocks[0]).UrlPathMaps).toEqual([]);
    expect(val(r.blocks[0]).Location).toBe('eastus');
    expect(r.blocks[0].lost?.map((l) => l.part)).toEqual(['probes']);
  });

  it('never throws, whatever the input', () => {
    const alphabet = ['{', '}', '[', ']', '"', '\\', ':', ' : ', ',', '\n', '\n\n', ' ', '    ', 'Text', 'Name', 'Id', 'PS C:\\>', 'WARNING: ', 'a', '1', '...', '\r\n', 'BackendAddressPoolsText : ', '{a, b}', 'Microsoft.Azure.Commands.X'];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < 300; n++) {
      const parts: string[] = [];
      const len = Math.floor(rnd() * 120);
      for (let i = 0; i < len; i++) parts.push(alphabet[Math.floor(rnd() * alphabet.length)]);
      const t = parts.join('');
      const r = parsePsText(t);
      expect(Array.isArray(r.blocks)).toBe(true);
      for (const b of r.blocks) {
        b.locate('');
        b.locate('/a/0/b');
      }
      const s = looksLikePsText(t);
      expect(s >= 0 && s <= 1).toBe(true);
    }
  });

  it('says so when nothing looks like cmdlet output', () => {
    const r = parsePsText('just some words\nand more words\n');
    expect(r.blocks).toEqual([]);
    expect(r.problems[0].severity).toBe('error');
  });
});

describe('ps-text: looksLikePsText', () => {
  const high = ['01-full-gateway-and-vnet.txt', '02-koreacentral-no-skutext.txt', '03-two-gateways.txt', '04-help-page-empty-text.txt',
    '06-half-copied.txt', '07-public-ip-and-vnet.txt', '08-effective-routes-list.txt', '09-effective-routes-table.txt', '10-backend-health.txt'];
  it.each(high)('scores %s high', (name) => {
    expect(looksLikePsText(fixture(name))).toBeGreaterThanOrEqual(0.6);
  });

  it('scores the guide fragment above the ps-text threshold', () => {
    expect(looksLikePsText(fixture('05-guide-fragment-duplicates.txt'))).toBeGreaterThanOrEqual(0.3);
  });

  it('scores plain JSON, ConvertTo-Json output and prose low', () => {
    const gw = parsePsText(fixture('01-full-gateway-and-vnet.txt')).blocks[0].value;
    expect(looksLikePsText(JSON.stringify(gw, null, 2))).toBeLessThan(0.1);
    expect(looksLikePsText(JSON.stringify([gw]))).toBeLessThan(0.1);
    const prose = 'Application Gateway returns 502 when it cannot reach the backend.\nNote: check the NSG and the UDR first.\n' +
      'The probe status codes are 200-399 by default, and the timeout is 30 seconds.\nSolution: fix the backend.\n';
    expect(looksLikePsText(prose)).toBeLessThan(0.2);
    expect(looksLikePsText('name: my-app\nreplicas: 3\nimage: nginx\nports:\n  - 80\n')).toBeLessThan(0.2);
    expect(looksLikePsText('')).toBe(0);
  });
});

describe('ps-text: size', () => {
  it('parses a 20 MB paste of many objects', () => {
    const one = fixture('01-full-gateway-and-vnet.txt');
    const copies = Math.ceil(20e6 / one.length);
    const big = new Array(copies).fill(one).join('\n');
    expect(big.length).toBeGreaterThanOrEqual(20e6);
    const r = parsePsText(big);
    expect(r.blocks).toHaveLength(copies * 2);
    const last = r.blocks[r.blocks.length - 2];
    expect(val(last).BackendAddressPools[1].Id).toBe(`${GW1}/backendAddressPools/pool2`);
    expect(looksLikePsText(big)).toBeGreaterThan(0.6);
  });

  it('parses a 20 MB Text JSON with a wrapped id in every item', () => {
    const items: string[] = [];
    let size = 0;
    for (let i = 0; size < 20e6; i++) {
      const s = `${IND}  {\n${IND}    "Name": "pool${i}",\n${IND}    "Id": "${GW1}/backend \n${IND}AddressPools/pool${i}"\n${IND}  }`;
      items.push(s);
      size += s.length + 2;
    }
    const text = `${pad('Name')}ag-skcc\n${pad('BackendAddressPoolsText')}[\n${items.join(',\n')}\n${IND}]\n`;
    const r = parsePsText(text);
    const pools = val(r.blocks[0]).BackendAddressPools;
    expect(pools).toHaveLength(items.length);
    expect(pools[items.length - 1].Id).toBe(`${GW1}/backendAddressPools/pool${items.length - 1}`);
    expect(r.problems).toEqual([]);
  });
});
