import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-apim-path';
import { gatewayWith, pool, probe, ref, ruleTester, settings, workspace } from './helpers';

const apim = pool('pool1', [{ fqdn: 'contoso.azure-api.net' }]);
const https = (over = {}) => settings('settings1', { protocol: 'Https', port: 443, pickHostNameFromBackendAddress: true, ...over });

describe('probe-apim-path', () => {
  ruleTester(
    check,
    {
      valid: [
        {
          name: 'APIM probed on its status path',
          ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [apim], probes: [probe('p1', { protocol: 'Https', path: '/status-0123456789abcdef' })], backendHttpSettingsCollection: [https({ probe: ref('probes', 'p1') })] })] }),
        },
        { name: 'not an APIM backend', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'app.contoso.com' }])] })] }) },
      ],
      invalid: [
        { name: 'APIM with the default probe', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [apim], backendHttpSettingsCollection: [https()] })] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'probe (default) checks the path / instead' }] },
        {
          name: 'APIM with a custom probe on /health',
          ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [apim], probes: [probe('p1', { protocol: 'Https', path: '/health' })], backendHttpSettingsCollection: [https({ probe: ref('probes', 'p1') })] })] }),
          expect: [{ resource: 'p1', messageIncludes: 'their probe (p1) checks the path /health' }],
        },
      ],
    },
    it,
  );
});
