import { describe, it } from 'vitest';
import check from '../../src/core/rules/backend-health-pool-mismatch';
import { gatewayWith, health, pool, ref, rule, ruleTester, workspace } from './helpers';

describe('backend-health-pool-mismatch', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'matching', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }])] }) },
        { name: 'FQDN member shown by its resolved IP', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'app.contoso.com' }])] })], backendHealth: [health([{ address: '20.1.2.3', health: 'Healthy' }])] }) },
        { name: 'no health', ws: workspace() },
      ],
      invalid: [
        { name: 'pool the configuration does not have', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }, { pool: 'oldpool', address: '10.9.9.9', health: 'Unhealthy' }])] }), expect: [{ resource: 'gw1', severity: 'warning', messageIncludes: 'Pools it lists that the configuration lacks: oldpool.' }] },
        { name: 'server not in the pool', ws: workspace({ backendHealth: [health([{ address: '10.0.1.99', health: 'Healthy' }])] }), expect: [{ messageIncludes: 'not members of their pool: 10.0.1.99 (pool1).' }] },
        {
          name: 'routed pool not mentioned',
          ws: workspace({
            gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), pool('pool2', [{ ipAddress: '10.0.2.4' }])], requestRoutingRules: [rule('rule1'), rule('rule2', { backendAddressPool: ref('backendAddressPools', 'pool2') })] })],
            backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }])],
          }),
          expect: [{ messageIncludes: 'Routed pools it does not mention: pool2.' }],
        },
        { name: 'settings the configuration does not have', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy', settings: 'old-settings' }])] }), expect: [{ messageIncludes: 'Settings it lists that the configuration lacks: old-settings.' }] },
      ],
    },
    it,
  );
});
