/**
 * One workspace that trips every rule of the probe and backend groups: each rule fires, and every rendered
 * text (title, message, effect, fix — English and Korean) has all its placeholders filled.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../../src/core/rules/engine';
import { probeRules } from '../../../src/core/rules/groups/probes';
import { backendRules } from '../../../src/core/rules/groups/backend';
import type { BackendHealth, Gateway } from '../../../src/core/model/types';
import {
  GW_ID, SUB, RG, certificates, gatewayWith, health, listener, pool, probe, ref, rule, settings, workspace,
} from '../../rules/helpers';

const routes: [string, string, string?][] = [
  // [settings, pool, listener]
  ['sA', 'poolA'],
  ['sB', 'poolB'],
  ['sC', 'poolC'],
  ['sD', 'poolD'],
  ['sE', 'poolD'],
  ['sF', 'poolD'],
  ['sG', 'poolD', 'multi'],
  ['sH', 'poolD'],
  ['sI', 'poolD'],
  ['sJ', 'poolD'],
  ['sK', 'poolK'],
  ['sL', 'poolL'],
  ['sN', 'poolD'],
  ['sO', 'poolO'],
  ['sD', 'poolEmpty'],
];

function kitchenSink(): Gateway {
  return gatewayWith({
    httpListeners: [listener('listener1'), listener('multi', { hostNames: ['www.contoso.com'] })],
    requestRoutingRules: routes.map(([s, p, l], i) => rule(`r${i}`, { httpListener: ref('httpListeners', l ?? 'listener1'), backendAddressPool: ref('backendAddressPools', p), backendHttpSettings: ref('backendHttpSettingsCollection', s), priority: 100 + i })),
    backendAddressPools: [
      pool('poolA', [{ fqdn: 'shop.azurewebsites.net' }]),
      pool('poolB', [{ ipAddress: '10.0.1.4' }]),
      pool('poolC', [{ ipAddress: '10.0.1.5' }, { ipAddress: '10.0.1.6' }]),
      pool('poolD', [{ ipAddress: '10.0.1.7' }]),
      pool('poolK', [{ ipAddress: '10.0.1.8' }]),
      pool('poolL', [{ fqdn: 'contoso.azure-api.net' }]),
      pool('poolO', [{ ipAddress: '20.1.1.1' }]),
      pool('poolEmpty', []),
      { ...pool('poolBlank'), blankAddresses: 1 },
      pool('poolSpare', []),
    ],
    backendHttpSettingsCollection: [
      settings('sA'),
      settings('sB', { protocol: 'Https', port: 443 }),
      settings('sC', { port: 8080 }),
      settings('sD', { probe: ref('probes', 'pBadPath') }),
      settings('sE', { probe: ref('probes', 'pSlow') }),
      settings('sF', { probe: ref('probes', 'pProto') }),
      settings('sG', { probe: ref('probes', 'pNoHost') }),
      settings('sH', { probe: ref('probes', 'pBoth'), hostName: 'app.contoso.com' }),
      settings('sI', { probe: ref('probes', 'pPick') }),
      settings('sJ', { probe: ref('probes', 'pMatch') }),
      settings('sK', { probe: ref('probes', 'pPort') }),
      settings('sL', { protocol: 'Https', port: 443, pickHostNameFromBackendAddress: true }),
      settings('sM', { requestTimeout: 0 }),
      settings('sN', { requestTimeout: 2, probe: ref('probes', 'pBadPath') }),
      settings('sO', { requestTimeout: 600, probe: ref('probes', 'pBadPath') }),
    ],
    probes: [
      probe('pBadPath', { path: 'health', timeout: 1, interval: 5 }),
      probe('pRange', { unhealthyThreshold: 25 }),
      probe('pSlow', { interval: 30, timeout: 120 }),
      probe('pProto', { protocol: 'Https' }),
      probe('pNoHost', { host: undefined }),
      probe('pBoth', { host: 'www.contoso.com', pickHostNameFromBackendHttpSettings: true }),
      probe('pPick', { host: undefined, pickHostNameFromBackendHttpSettings: true }),
      probe('pMatch', { match: { statusCodes: ['200'] } }),
      probe('pPort', { port: 8081 }),
      probe('pUnused'),
    ],
  });
}

const LOG_404 = 'Status code of the backend\'s HTTP response did not match the probe setting. Expected:200 Received:404.';

function sinkHealth(): BackendHealth[] {
  const h = health([
    { pool: 'poolB', settings: 'sB', address: '10.0.1.4', health: 'Unhealthy', log: 'Application Gateway could not connect to the backend.' },
    { pool: 'poolC', settings: 'sC', address: '10.0.1.5', health: 'Unhealthy', log: 'totally new message' },
    { pool: 'poolC', settings: 'sC', address: '10.0.1.6', health: 'Healthy' },
    { pool: 'poolA', settings: 'sA', address: 'shop.azurewebsites.net', health: 'Unknown' },
    { pool: 'poolD', settings: 'sJ', address: '10.0.1.7', health: 'Unhealthy', log: LOG_404 },
    { pool: 'oldpool', settings: 'sA', address: '10.9.9.9', health: 'Healthy' },
  ]);
  h.pools.push({ backendAddressPool: ref('backendAddressPools', 'poolK'), settings: [{ backendHttpSettings: ref('backendHttpSettingsCollection', 'sK'), servers: [] }] });
  return [h];
}

describe('probe and backend groups on one workspace', () => {
  const other = gatewayWith({ id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/applicationGateways/gw2`, name: 'gw2' });
  const v1 = gatewayWith({ id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/applicationGateways/gw3`, name: 'gw3', generation: 'v1', sku: { name: 'Standard_Small' }, probes: [probe('p1', { port: 80 })] });
  const ws = workspace({ gateways: [kitchenSink(), other, v1], backendHealth: sinkHealth() });
  const findings = runRules([...probeRules, ...backendRules], ws, certificates());

  it('every rule fires', () => {
    const fired = new Set(findings.map((f) => f.ruleId));
    const silent = [...probeRules, ...backendRules].map((r) => r.id).filter((id) => !fired.has(id));
    expect(silent).toEqual([]);
  });

  it('every text is filled in both languages', () => {
    for (const f of findings) {
      for (const lang of ['en', 'ko'] as const) {
        const t = f.text[lang];
        for (const part of [t.title, t.message, t.effect ?? '', t.fix]) expect(part, `${f.ruleId} ${lang}: ${part}`).not.toMatch(/\{[a-zA-Z]\w*\}/);
      }
      expect(f.text.ko.message, f.ruleId).toMatch(/[\uac00-\ud7a3]/);
    }
  });

  it('every finding names a resource of the right gateway and carries evidence', () => {
    for (const f of findings) {
      expect(f.resource.name.length, f.ruleId).toBeGreaterThan(0);
      expect(f.evidence.length, f.ruleId).toBeGreaterThan(0);
      if (f.gatewayId === GW_ID) expect(f.gateway).toBe('gw1');
    }
  });

  it('commands use the user\'s names', () => {
    for (const f of findings) {
      const lines = [...(f.commands.powershell ?? []), ...(f.commands.az ?? [])];
      expect(lines.length, f.ruleId).toBeGreaterThan(0);
      expect(lines.join('\n'), f.ruleId).toMatch(/gw1|gw2|gw3/);
    }
  });
});
