import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/traffic-backend-timeout';
import { gatewayWith, run, ruleTester, settings, workspace } from './helpers';
import { accessLog, withTraffic } from './traffic-helpers';

const slow = (n: number, latency: string, o = {}) => accessLog(n, () => ({ status: 502, serverStatus: '-', latency, timeTaken: Number(latency) + 0.01, ...o }));
const v1 = { sku: { name: 'Standard_Medium', tier: 'Standard' }, generation: 'v1' as const };

describe('traffic-backend-timeout', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no traffic', ws: workspace() },
      { name: 'latency well below the 20 s time-out', ws: withTraffic(workspace(), { 'log.json': slow(3, '4.2') }) },
      { name: 'latency below a 60 s time-out', ws: withTraffic(workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { requestTimeout: 60 })] })] }), { 'log.json': slow(3, '20.01') }) },
    ],
    invalid: [
      { name: 'latency at the default 20 s', ws: withTraffic(workspace(), { 'log.json': slow(3, '20.01') }), expect: [{ resource: 'settings1', severity: 'error', messageIncludes: 'latency up to 20.01 s against a request time-out of 20 s' }] },
      { name: 'ERRORINFO_UPSTREAM_TIMED_OUT (v2 504)', ws: withTraffic(workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { requestTimeout: 45 })] })] }), { 'log.json': accessLog(2, () => ({ status: 504, serverStatus: '-', latency: '45.002', timeTaken: 90.1, errorInfo: 'ERRORINFO_UPSTREAM_TIMED_OUT' })) }), expect: [{ resource: 'settings1', messageIncludes: 'Status codes: 504 × 2' }] },
      { name: 'settings the configuration does not have: on the gateway', ws: withTraffic(workspace(), { 'log.json': slow(2, '20.5', { settings: 'settings-gone' }) }), expect: [{ resource: 'gw1', messageIncludes: 'settings-gone' }] },
    ],
  }, it);

  it('says the time-out is the default, what the SKU does, and how to raise it', () => {
    const ws = withTraffic(workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { requestTimeout: undefined })] })] }), { 'log.json': slow(3, '20.02') });
    const [f] = run(rule, ws);
    expect(f.text.en.effect).toContain('Azure\'s default of 20 s (not set)');
    expect(f.text.en.effect).toContain('504 Gateway Timeout');
    expect(f.text.ko.effect).toContain('기본값 20초');
    expect(f.evidence.find((e) => e.path === 'backendHttpSettingsCollection[settings1].requestTimeout')?.value).toBe('(not set: 20)');
    expect(f.evidence.filter((e) => e.path.startsWith('accessLog['))).toHaveLength(3);
    expect(f.commands.az?.[0]).toContain('http-settings update -g rg1 --gateway-name gw1 -n settings1 --timeout 60');
  });

  it('v1: the 502 of a request time-out', () => {
    const ws = withTraffic(workspace({ gateways: [gatewayWith(v1)] }), { 'log.json': slow(2, '20.1') });
    const [f] = run(rule, ws);
    expect(f.text.en.effect).toContain('v1 gateway a request whose backend does not answer within 20 s gets 502');
  });
});
