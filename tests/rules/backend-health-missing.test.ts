import { describe, it, expect } from 'vitest';
import check from '../../src/core/rules/backend-health-missing';
import { health, run, ruleTester, workspace } from './helpers';

describe('backend-health-missing', () => {
  ruleTester(
    check,
    {
      valid: [{ name: 'health given', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }])] }) }],
      invalid: [{ name: 'no health', ws: workspace(), expect: [{ resource: 'gw1', severity: 'info', messageIncludes: 'does not mean the servers are healthy' }] }],
    },
    it,
  );

  it('gives the exact commands', () => {
    const f = run(check, workspace())[0];
    expect(f.commands.powershell).toEqual(['Get-AzApplicationGatewayBackendHealth -Name gw1 -ResourceGroupName rg1 | ConvertTo-Json -Depth 100']);
    expect(f.commands.az).toEqual(['az network application-gateway show-backend-health -g rg1 -n gw1']);
  });
});
