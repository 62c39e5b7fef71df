/**
 * The other traffic inputs: metrics (az monitor metrics list / REST), App Service outputs, control-plane errors as
 * JSON and as text; and what must NOT be taken for a traffic input (gateways, templates with diagnostic settings,
 * network resources, PowerShell console text, az errors about other things).
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../../../src/core/input/load';
import { sniffTraffic } from '../../../src/core/traffic/load';
import { CONTROL_PLANE_CODES, KNOWN_CODES } from '../../../src/core/traffic/control-plane';
import { restGateway, restGatewayNsg, restVnet, toPsJson, toTemplate } from '../../fixtures/forms';
import { fixture } from './helpers';

describe('metrics', () => {
  it('az monitor metrics list -o json: series, aggregations, dimensions lower-cased', () => {
    const { model } = loadText('metrics.json', fixture('metrics-saturated.json'));
    expect(model.kind).toBe('metrics');
    const m = model.traffic!.metrics;
    expect(m.map((s) => s.name)).toEqual(['CapacityUnits', 'UnhealthyHostCount', 'FailedRequests']);
    expect(m[0].interval).toBe('PT5M');
    expect(m[0].resourceId).toMatch(/applicationGateways\/agw-shop$/);
    expect(m[0].points).toHaveLength(7);
    expect(m[0].points[4]).toEqual({ time: '2025-02-25T09:30:00.000Z', average: 31.92, maximum: 39.9 });
    expect(m[1].dimensions).toEqual({ backendsettingspool: 'pool-web~settings-web' });
    expect(m[2].dimensions).toEqual({ backendsettingspool: 'pool-web~settings-web' });
    expect(m[2].points.map((p) => p.total)).toEqual([0, 3, 140, 210, 180, 12, 0]);
  });

  it('a missing point is no data, not zero', () => {
    const body = JSON.parse(fixture('metrics-saturated.json'));
    body.value[0].timeseries[0].data[2] = { timeStamp: '2025-02-25T09:20:00Z', average: null, maximum: null, minimum: null, total: null, count: null };
    const { model } = loadText('m.json', JSON.stringify(body));
    expect(model.traffic!.metrics[0].points).toHaveLength(6);
  });
});

describe('App Service', () => {
  it('az webapp show: host names (enabled, bound, SSL states), restrictions unknown when siteConfig does not list them', () => {
    const { model } = loadText('app.json', fixture('webapp-show.json'));
    expect(model.kind).toBe('app-service');
    const [app] = model.traffic!.appServices;
    expect(app.name).toBe('contoso-web');
    expect(app.defaultHostName).toBe('contoso-web.azurewebsites.net');
    expect(app.hostNames).toEqual(['contoso-web.azurewebsites.net', 'shop.contoso.com', 'contoso-web.scm.azurewebsites.net']);
    expect(app.accessRestrictions).toBeUndefined();
  });

  it('az webapp config hostname list', () => {
    const { model } = loadText('hn.json', fixture('webapp-hostnames.json'));
    expect(model.kind).toBe('app-service');
    expect(model.traffic!.appServices).toEqual([expect.objectContaining({ name: 'contoso-web', hostNames: ['contoso-web.azurewebsites.net', 'shop.contoso.com'] })]);
  });

  it('az webapp config access-restriction show (snake_case rule keys)', () => {
    const { model } = loadText('ar.json', fixture('webapp-access-restriction.json'));
    expect(model.kind).toBe('app-service');
    const ar = model.traffic!.appServices[0].accessRestrictions!;
    expect(ar.defaultAction).toBe('Deny');
    expect(ar.rules.map((r) => [r.name, r.action, r.ipAddress, r.priority])).toEqual([['office', 'Allow', '198.51.100.0/24', 100], ['Deny all', 'Deny', 'Any', 2147483647]]);
  });
});

describe('control-plane errors', () => {
  it('every code azure-facts.md names has an explanation and a fix in both languages', () => {
    expect(KNOWN_CODES.sort()).toEqual([
      'ApplicationGatewayBackendHttpSettingsCannotHaveTrustedRootCertificate', 'ApplicationGatewayBackendHttpSettingsIncompatibleProbeSettingPickHostName',
      'ApplicationGatewayFrontendIpCannotHavePublicIpAndSubnet', 'ApplicationGatewayKeyVaultSecretException', 'ApplicationGatewayPortNotValidForProtocol',
      'ApplicationGatewaySubnetInboundTrafficBlockedByNetworkSecurityGroup', 'ApplicationGatewaySubnetUserDefinedRouteNotAllowed', 'InvalidResourceReference', 'InvalidSubnet', 'SubnetTooSmall',
    ]);
    for (const [code, info] of Object.entries(CONTROL_PLANE_CODES)) {
      expect(info.docs, code).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      for (const part of [info.title, info.explanation, info.fix]) {
        expect(part.en.length, code).toBeGreaterThan(10);
        expect(part.ko, code).toMatch(/[\uac00-\ud7a3]/);
      }
      expect(info.az.length + info.powershell.length, code).toBeGreaterThan(0);
    }
  });

  it('a failed deployment (JSON): the specific code from details, not DeploymentFailed', () => {
    const { model } = loadText('dep.json', fixture('deployment-failed.json'));
    expect(model.kind).toBe('control-plane-error');
    expect(model.traffic!.controlPlaneErrors.map((e) => [e.code, e.known])).toEqual([['ApplicationGatewaySubnetInboundTrafficBlockedByNetworkSecurityGroup', true]]);
  });

  it('an activity-log entry whose statusMessage is JSON', () => {
    const { model } = loadText('act.json', fixture('activity-log.json'));
    expect(model.kind).toBe('control-plane-error');
    const [e] = model.traffic!.controlPlaneErrors;
    expect(e.code).toBe('ApplicationGatewayKeyVaultSecretException');
    expect(e.target).toMatch(/applicationGateways\/agw-shop$/);
    expect(e.operation).toBe('Microsoft.Network/applicationGateways/write');
    expect(e.time).toBe('2025-02-25T07:55:03.1Z');
  });

  it('az CLI error text and PowerShell error text', () => {
    const az = loadText('az.txt', fixture('az-error.txt')).model;
    expect(az.kind).toBe('control-plane-error');
    expect(az.traffic!.controlPlaneErrors.map((e) => e.code)).toEqual(['ApplicationGatewayPortNotValidForProtocol']);
    expect(az.traffic!.controlPlaneErrors[0].message).toMatch(/^Port 443 is not valid for protocol Http/);
    const ps = loadText('ps.txt', fixture('ps-error.txt')).model;
    expect(ps.kind).toBe('control-plane-error');
    expect(ps.traffic!.controlPlaneErrors.map((e) => e.code)).toEqual(['ApplicationGatewaySubnetUserDefinedRouteNotAllowed']);
    expect(ps.traffic!.controlPlaneErrors[0].message).toMatch(/user defined route that is not allowed/);
  });

  it('an ARM error body with an unknown code is shown verbatim', () => {
    const { model } = loadText('err.json', JSON.stringify({ error: { code: 'SomethingNew', message: 'A new failure.' } }));
    expect(model.kind).toBe('control-plane-error');
    expect(model.traffic!.controlPlaneErrors).toEqual([expect.objectContaining({ code: 'SomethingNew', message: 'A new failure.', known: false })]);
  });
});

describe('not traffic inputs', () => {
  const gwWithDiag = () => {
    const t = JSON.parse(toTemplate(restGateway()));
    t.resources.push({ type: 'Microsoft.Insights/diagnosticSettings', apiVersion: '2021-05-01-preview', name: 'diag', scope: '[resourceId(\'Microsoft.Network/applicationGateways\', \'agw-shop\')]', properties: { logs: [{ category: 'ApplicationGatewayAccessLog', enabled: true }, { category: 'ApplicationGatewayFirewallLog', enabled: true }], workspaceId: 'x' } });
    return JSON.stringify(t, null, 2);
  };
  const cases: [string, string][] = [
    ['gateway (REST)', JSON.stringify(restGateway(), null, 2)],
    ['gateway (PowerShell JSON)', toPsJson(restGateway())],
    ['VNet', JSON.stringify(restVnet())],
    ['NSG', JSON.stringify(restGatewayNsg())],
    ['template with diagnostic settings', gwWithDiag()],
    ['PowerShell console text', 'Name              : agw-shop\nResourceGroupName : rg-shop\nProvisioningState : Succeeded\n'],
    ['az error about something else', "ERROR: (ResourceNotFound) The Resource 'Microsoft.Network/applicationGateways/x' under resource group 'rg' was not found.\nCode: ResourceNotFound\n"],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const { model } = loadText(name, text);
      expect(model.traffic).toBeUndefined();
      expect(['access-log', 'metrics', 'app-service', 'control-plane-error', 'performance-log', 'firewall-log']).not.toContain(model.kind);
    });
  }

  it('sniffing looks at a few KB only', () => {
    const big = JSON.stringify(restGateway()) + ' '.repeat(100_000) + '"timeseries":';
    expect(sniffTraffic(big)).toBe(false);
    expect(sniffTraffic('TimeGenerated [UTC],HttpStatus,ServerStatus,BackendPoolName\n')).toBe(true);
    expect(sniffTraffic('a,b,c\n1,2,3\n')).toBe(false);
  });

  it('the gateway template with diagnostic settings still loads as a template', () => {
    const { model } = loadText('t.json', gwWithDiag());
    expect(model.kind).toBe('arm-template');
    expect(model.gateways).toHaveLength(1);
  });
});

describe('a PowerShell console paste with objects and an error', () => {
  it('stays a PowerShell text document (the objects matter more)', async () => {
    const { readFileSync } = await import('node:fs');
    const ps = readFileSync(new URL('../../fixtures/ps-text/01-full-gateway-and-vnet.txt', import.meta.url), 'utf8');
    const { model } = loadText('console.txt', ps + '\n' + fixture('ps-error.txt'));
    expect(model.kind).toBe('ps-text');
    expect(model.gateways.length).toBeGreaterThan(0);
  });
});
