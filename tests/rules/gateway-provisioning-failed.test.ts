import { expect, it } from 'vitest';
import rule from '../../src/core/rules/gateway-provisioning-failed';
import { gatewayWith, run, ruleTester, workspace } from './helpers';

ruleTester(
  rule,
  {
    valid: [
      { name: 'succeeded', ws: workspace() },
      { name: 'no provisioning state', ws: workspace({ gateways: [gatewayWith({ provisioningState: undefined })] }) },
    ],
    invalid: [
      { name: 'failed → error', ws: workspace({ gateways: [gatewayWith({ provisioningState: 'Failed' })] }), expect: [{ resource: 'gw1', severity: 'error', messageIncludes: 'provisioningState Failed' }] },
      { name: 'updating → info', ws: workspace({ gateways: [gatewayWith({ provisioningState: 'Updating' })] }), expect: [{ severity: 'info', messageIncludes: 'Updating' }] },
    ],
  },
  it,
);

it('gateway-provisioning-failed: the fix is a no-op update with the user\'s names', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ provisioningState: 'Failed' })] }));
  expect(f.commands.az).toContain('az network application-gateway update -g rg1 -n gw1');
  expect(f.commands.powershell).toContain('Set-AzApplicationGateway -ApplicationGateway $gw');
  expect(f.affected).toEqual(['listener1']);
});
