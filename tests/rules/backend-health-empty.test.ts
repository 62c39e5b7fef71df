import { describe, it } from 'vitest';
import check from '../../src/core/rules/backend-health-empty';
import type { BackendHealth } from '../../src/core/model/types';
import { GW, GW_ID, gatewayWith, health, pool, ref, ruleTester, workspace } from './helpers';

const src = { document: 'health.json', pointer: '' };
const emptyServers: BackendHealth = {
  gatewayId: GW_ID,
  gatewayName: GW,
  onDemand: false,
  source: src,
  pools: [{ backendAddressPool: ref('backendAddressPools', 'pool1'), settings: [{ backendHttpSettings: ref('backendHttpSettingsCollection', 'settings1'), servers: [] }] }],
};
const noPools: BackendHealth = { gatewayId: GW_ID, gatewayName: GW, onDemand: false, source: src, pools: [] };

describe('backend-health-empty', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'servers listed', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }])] }) },
        { name: 'configuration already shows the pool empty (empty-pool-routed says it)', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [])] })], backendHealth: [emptyServers] }) },
        { name: 'no health', ws: workspace() },
      ],
      invalid: [
        { name: 'servers: [] for a routed pool with members', ws: workspace({ backendHealth: [emptyServers] }), expect: [{ resource: 'pool1', severity: 'error', messageIncludes: 'no servers for pool pool1 (servers: [])' }] },
        { name: 'backendAddressPools: []', ws: workspace({ backendHealth: [noPools] }), expect: [{ resource: 'pool1', messageIncludes: '(backendAddressPools: [])' }] },
      ],
    },
    it,
  );
});
