import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-validation-disabled';
import { gatewayWith, run, ruleTester, settings, workspace } from './helpers';

const https = (over: Parameters<typeof settings>[1] = {}) => settings('settings1', { protocol: 'Https', port: 443, ...over });

ruleTester(
  rule,
  {
    valid: [
      { name: 'defaults (absent)', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https()] })] }) },
      { name: 'both true', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ validateSNI: true, validateCertChainAndExpiry: true })] })] }) },
      { name: 'Http settings', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { validateSNI: false })] })] }) },
    ],
    invalid: [
      { name: 'SNI check off', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ validateSNI: false })] })] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'validateSNI = false' }] },
      { name: 'both off', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ validateSNI: false, validateCertChainAndExpiry: false })] })] }), expect: [{ messageIncludes: 'validateCertChainAndExpiry = false, validateSNI = false' }] },
    ],
  },
  it,
);

it('tls-validation-disabled: PowerShell turns the checks back on', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ validateCertChainAndExpiry: false })] })] }));
  expect(f.commands.powershell).toContain('$s.ValidateCertChainAndExpiry = $true; $s.ValidateSni = $true');
  expect(f.evidence[0].path).toBe('backendHttpSettingsCollection[settings1].validateCertChainAndExpiry');
});
