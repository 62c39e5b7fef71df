import { describe, it, expect } from 'vitest';
import check from '../../src/core/rules/request-timeout-behaviour';
import { gatewayWith, run, ruleTester, settings, workspace } from './helpers';

describe('request-timeout-behaviour', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'all used settings at 60 s', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { requestTimeout: 60 })] })] }) },
        { name: 'only unused settings at 20 s', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { requestTimeout: 60 }), settings('spare')] })] }) },
      ],
      invalid: [
        { name: 'default gateway at 20 s', ws: workspace(), expect: [{ resource: 'gw1', severity: 'info', messageIncludes: 'settings1' }] },
        { name: 'not set counts as 20 s', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { requestTimeout: undefined })] })] }), expect: [{ messageIncludes: 'settings1 (not set)' }] },
      ],
    },
    it,
  );

  it('explains the behaviour by SKU', () => {
    const v2 = run(check, workspace())[0];
    expect(v2.text.en.effect).toContain('504');
    expect(v2.text.ko.effect).toContain('504');
    const v1 = run(check, workspace({ gateways: [gatewayWith({ generation: 'v1', sku: { name: 'Standard_Medium' } })] }))[0];
    expect(v1.text.en.effect).toContain('502 Bad Gateway');
    expect(v1.text.en.effect).not.toContain('504');
  });
});
