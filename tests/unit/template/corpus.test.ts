import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateTemplate, isUnknown, type EvaluateResult } from '../../../src/core/template';

const CORPUS = '/work/shared/corpus/arm-template';
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();

/** Property lookup ignoring case: the corpus mixes `Id`/`id`, `FrontendPort`/`frontendPort`. */
function prop(o: unknown, name: string): any {
  if (typeof o !== 'object' || o === null) return undefined;
  const key = Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (o as Record<string, unknown>)[key];
}

function load(file: string): EvaluateResult {
  return evaluateTemplate(JSON.parse(readFileSync(join(CORPUS, file), 'utf8')));
}

function gatewayOf(result: EvaluateResult) {
  const gateways = result.resources.filter((r) => r.type.toLowerCase() === 'microsoft.network/applicationgateways');
  expect(gateways).toHaveLength(1);
  const gw = gateways[0];
  expect(typeof gw.name).toBe('string');
  const { subscriptionId, resourceGroupName } = result.context;
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Network/applicationGateways/${gw.name as string}`;
  return { gw, id, props: prop(gw.value, 'properties') };
}

/** Asserts that `ref.id` is `<gateway id>/<collection>/<name of an element of that collection>`. */
function expectSubResource(ref: unknown, gatewayId: string, collection: string, props: unknown) {
  const id = prop(ref, 'id');
  expect(typeof id, `reference ${JSON.stringify(ref)}`).toBe('string');
  const names: string[] = (prop(props, collection) ?? []).map((x: unknown) => prop(x, 'name'));
  const prefix = `${gatewayId}/${collection}/`.toLowerCase();
  expect((id as string).toLowerCase().startsWith(prefix), `${id} should start with ${prefix}`).toBe(true);
  expect(names).toContain((id as string).slice(prefix.length));
}

describe('corpus templates', () => {
  it('finds the six corpus templates', () => {
    expect(files).toHaveLength(6);
  });

  describe.each(files)('%s', (file) => {
    it('evaluates without throwing', () => {
      expect(() => load(file)).not.toThrow();
    });

    it("routes every rule to a listener of the same gateway by concrete id", () => {
      const result = load(file);
      const { id, props } = gatewayOf(result);
      const rules = prop(props, 'requestRoutingRules');
      expect(Array.isArray(rules) && rules.length > 0).toBe(true);
      for (const rule of rules) {
        const listener = prop(prop(rule, 'properties'), 'httpListener');
        expectSubResource(listener, id, 'httpListeners', props);
        expect(prop(listener, 'id')).toMatch(/\/httpListeners\/[^/]+$/);
      }
    });

    it('resolves every other gateway sub-resource reference it can build', () => {
      const { id, props } = gatewayOf(load(file));
      for (const rule of prop(props, 'requestRoutingRules')) {
        const p = prop(rule, 'properties');
        if (prop(p, 'backendAddressPool')) expectSubResource(prop(p, 'backendAddressPool'), id, 'backendAddressPools', props);
        if (prop(p, 'backendHttpSettings')) expectSubResource(prop(p, 'backendHttpSettings'), id, 'backendHttpSettingsCollection', props);
        if (prop(p, 'urlPathMap')) expectSubResource(prop(p, 'urlPathMap'), id, 'urlPathMaps', props);
      }
      for (const listener of prop(props, 'httpListeners')) {
        const p = prop(listener, 'properties');
        expectSubResource(prop(p, 'frontendPort'), id, 'frontendPorts', props);
        expectSubResource(prop(p, 'frontendIPConfiguration'), id, 'frontendIPConfigurations', props);
        if (prop(p, 'sslCertificate')) expectSubResource(prop(p, 'sslCertificate'), id, 'sslCertificates', props);
      }
    });

    it('leaves no expression string unevaluated in the gateway', () => {
      const { gw } = gatewayOf(load(file));
      const strings: string[] = [];
      const walk = (v: unknown) => {
        if (typeof v === 'string') strings.push(v);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (typeof v === 'object' && v !== null && !isUnknown(v)) Object.values(v).forEach(walk);
      };
      walk(gw.value);
      expect(strings.filter((s) => s.startsWith('[') && s.endsWith(']'))).toEqual([]);
    });
  });

  it('agic: derives names from guid(resourceGroup().id) deterministically and evaluates nested deployments', () => {
    const a = load('agic-deploy-azuredeploy.json');
    const b = load('agic-deploy-azuredeploy.json');
    const { gw } = gatewayOf(a);
    expect(gw.name).toMatch(/^applicationgateway[0-9a-f]{4}$/);
    expect(gatewayOf(b).gw.name).toBe(gw.name);
    expect(prop(prop(gw.value, 'properties'), 'webApplicationFirewallConfiguration')).toEqual({ enabled: 'true', firewallMode: 'Detection' });
    expect(a.resources.some((r) => r.pointer === '/resources/5/properties/template/resources/1' && r.type === 'Microsoft.Authorization/roleAssignments')).toBe(true);
    expect(a.problems.some((p) => p.message.includes("reference(variables('identityId')"))).toBe(true);
  });

  it('2vms-iis-ssl: flattens VM extensions and reports the template link uri as unknown', () => {
    const r = load('quickstart-application-gateway-2vms-iis-ssl.json');
    expect(r.resources.filter((x) => x.type === 'Microsoft.Compute/virtualMachines/extensions').map((x) => x.name)).toEqual([
      'iisvm1/Microsoft.Powershell.DSC',
      'iisvm2/Microsoft.Powershell.DSC',
    ]);
    expect(r.problems.some((p) => p.message.includes('deployment().properties.templateLink.uri'))).toBe(true);
    const { props } = gatewayOf(r);
    expect(prop(prop(props, 'sku'), 'capacity')).toBe(2);
  });

  it('multihosting: resourceId(<gateway id>, "/child/name") builds child ids', () => {
    const { id, props } = gatewayOf(load('quickstart-application-gateway-multihosting.json'));
    expect(prop(prop(prop(props, 'httpListeners')[1], 'properties'), 'sslCertificate')).toEqual({ Id: `${id}/sslCertificates/appGatewaySslCert2` });
  });

  it('v2-autoscale: evaluates with no problems', () => {
    const r = load('quickstart-application-gateway-v2-autoscale-create.json');
    expect(r.problems).toEqual([]);
    const { props } = gatewayOf(r);
    expect(prop(props, 'backendAddressPools')[0].properties.backendAddresses).toEqual([{ IpAddress: '10.0.0.4' }, { IpAddress: '10.0.0.5' }]);
  });

  it('waf-firewall-policy (Bicep): expands property copy loops and leaves the external subnet unknown', () => {
    const r = load('quickstart-application-gateway-waf-firewall-policy.json');
    const { gw, id, props } = gatewayOf(r);
    expect(r.resources.map((x) => x.type)).toEqual([
      'Microsoft.Network/publicIPAddresses',
      'Microsoft.Network/applicationGateways',
      'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    ]);
    expect(props.backendHttpSettingsCollection[0].properties).toMatchObject({ port: 80, affinityCookieName: 'CookieAffinity01', probe: null });
    expect(props.httpListeners[0].properties.firewallPolicy).toEqual({
      id: id.replace(/applicationGateways\/.*$/, 'ApplicationGatewayWebApplicationFirewallPolicies/FirewallPolicy01'),
    });
    expect(props.gatewayIPConfigurations[0].properties.subnet.id).toEqual({
      $unknown: "parameters('existingVnetResourceGroup')",
      reason: "parameter 'existingVnetResourceGroup' has no default value and no value was supplied",
    });
    expect(r.problems).toEqual([
      { pointer: '/resources/3/properties/gatewayIPConfigurations/0/properties/subnet/id', message: expect.stringContaining('existingVnetResourceGroup') },
    ]);
    expect(gw.value.identity).toBeNull();
  });

  it('waf-firewall-policy: supplied parameters fill the gaps', () => {
    const t = JSON.parse(readFileSync(join(CORPUS, 'quickstart-application-gateway-waf-firewall-policy.json'), 'utf8'));
    const r = evaluateTemplate(t, {
      subscriptionId: 'sub',
      resourceGroupName: 'rg',
      parameters: { existingVnetResourceGroup: 'net', existingVnetName: 'vnet', existingSubnetName: 'agw', rules: { value: [{ name: 'r', ruleType: 'Basic', listener: 'HttpListener01' }] } },
    });
    const { props } = gatewayOf(r);
    expect(props.gatewayIPConfigurations[0].properties.subnet.id).toBe('/subscriptions/sub/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/agw');
    expect(props.requestRoutingRules[0].properties).toEqual({
      ruleType: 'Basic',
      httpListener: { id: '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/appGw01/httpListeners/HttpListener01' },
      backendAddressPool: null,
      backendHttpSettings: null,
      redirectConfiguration: null,
    });
    expect(r.problems).toEqual([]);
  });
});
