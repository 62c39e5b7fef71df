import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import rule from '../../src/core/rules/control-plane-error';
import { GW_ID, gatewayWith, run, ruleTester, workspace } from './helpers';
import { withTraffic } from './traffic-helpers';

const deployError = (code: string, gatewayId = GW_ID) => JSON.stringify({ status: 'Failed', error: { code: 'DeploymentFailed', message: 'At least one resource deployment operation failed.', details: [{ code, message: `Operation on ${gatewayId} failed: ${code}.` }] } });
const fixture = (n: string) => readFileSync(new URL(`../fixtures/traffic/${n}`, import.meta.url), 'utf8');

describe('control-plane-error', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no control-plane input', ws: workspace() },
      { name: 'an error about another gateway', ws: withTraffic(workspace(), { 'dep.json': deployError('SubnetTooSmall', GW_ID.replace('gw1', 'gw-other')) }) },
    ],
    invalid: [
      { name: 'a known code from a failed deployment', ws: withTraffic(workspace(), { 'dep.json': deployError('SubnetTooSmall') }), expect: [{ resource: 'gw1', severity: 'error', messageIncludes: 'dep.json: Azure error SubnetTooSmall' }] },
      { name: 'an unknown code: verbatim, warning', ws: withTraffic(workspace(), { 'dep.json': deployError('SomethingElseEntirely') }), expect: [{ severity: 'warning', messageIncludes: 'SomethingElseEntirely' }] },
      { name: 'az error text without a gateway id: the only gateway', ws: withTraffic(workspace(), { 'az.txt': 'ERROR: (InvalidResourceReference) Resource /subscriptions/x/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/nope referenced by resource y was not found.\nCode: InvalidResourceReference\n' }), expect: [{ messageIncludes: 'InvalidResourceReference' }] },
    ],
  }, it);

  it('explanation, fix and commands in both languages, filled with the gateway\'s names', () => {
    const [f] = run(rule, withTraffic(workspace(), { 'act.json': fixture('activity-log.json').replace(/agw-shop/g, 'gw1').replace(/rg-shop/g, 'rg1').replace(/11111111-2222-3333-4444-555555555555/g, '00000000-0000-0000-0000-000000000000') }));
    expect(f.text.en.title).toBe('Azure rejected a change: ApplicationGatewayKeyVaultSecretException');
    expect(f.text.en.effect).toMatch(/Key Vault/);
    expect(f.text.ko.effect).toMatch(/Key Vault에서/);
    expect(f.text.ko.fix).toMatch(/Key Vault Secrets User/);
    expect(f.commands.az).toContain('az network application-gateway update -g rg1 -n gw1');
    expect(f.evidence.find((e) => e.path === 'operationName')?.value).toBe('Microsoft.Network/applicationGateways/write');
  });

  it('each of the named codes gives its own text', () => {
    for (const code of ['ApplicationGatewaySubnetInboundTrafficBlockedByNetworkSecurityGroup', 'ApplicationGatewayPortNotValidForProtocol', 'ApplicationGatewayBackendHttpSettingsIncompatibleProbeSettingPickHostName', 'ApplicationGatewayBackendHttpSettingsCannotHaveTrustedRootCertificate', 'SubnetTooSmall', 'ApplicationGatewaySubnetUserDefinedRouteNotAllowed', 'ApplicationGatewayFrontendIpCannotHavePublicIpAndSubnet', 'InvalidSubnet', 'InvalidResourceReference', 'ApplicationGatewayKeyVaultSecretException']) {
      const [f] = run(rule, withTraffic(workspace({ gateways: [gatewayWith()] }), { 'dep.json': deployError(code) }));
      expect(f.severity, code).toBe('error');
      expect(f.text.en.effect, code).not.toMatch(/not one the analyzer knows/);
    }
  });
});
