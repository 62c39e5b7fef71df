import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { buildPathViews, searchListeners, worst } from '../../../src/core/model/path-view';

const DIR = join(import.meta.dirname, '../../../src/ui/samples');
const load = (...files: string[]) => analyze(files.map((f) => ({ name: f, text: readFileSync(join(DIR, f), 'utf8') })), { locale: 'en', now: new Date('2026-06-01T00:00:00Z') });

describe('buildPathViews', () => {
  test('one view per listener: frontend → listener → rule → (path map → path rule) → settings → probe → pool → backends', async () => {
    const { report, workspace } = await load('clean-gateway.arm.json', 'clean-health.ps.json');
    const views = buildPathViews(workspace, workspace.gateways[0], report.findings);
    expect(views.map((v) => v.name)).toEqual(['listener-www', 'listener-api']);
    const www = views[0];
    expect(www.frontend.label).toMatch(/:80$/);
    expect(www.rules[0].routes[0].hops.map((h) => h.kind)).toEqual(['settings', 'probe', 'pool']);
    expect(www.rules[0].routes[0].backends.map((b) => [b.label, b.health, b.state])).toEqual([
      ['10.20.1.4', 'Healthy', 'ok'],
      ['10.20.1.5', 'Healthy', 'ok'],
    ]);
    const api = views[1];
    expect(api.rules[0].pathMap?.label).toBe('pathmap-api');
    expect(api.rules[0].routes.map((r) => [r.paths, r.isDefaultPath, r.hops[0].kind])).toEqual([
      [['/api/*'], false, 'pathRule'],
      [['*'], true, 'settings'],
    ]);
    expect(views.every((v) => v.state === 'ok')).toBe(true);
  });

  test('the hop an error finding names is broken, and linked to that finding', async () => {
    const { report, workspace } = await load('empty-pool-gateway.cli.json');
    const views = buildPathViews(workspace, workspace.gateways[0], report.findings);
    const routes = views[0].rules[0].routes;
    const staticPool = routes.find((r) => r.paths.includes('/static/*'))!.hops.find((h) => h.kind === 'pool')!;
    expect(staticPool.state).toBe('error');
    expect(staticPool.findings.map((i) => report.findings[i].ruleId)).toContain('empty-pool-routed');
    expect(routes.find((r) => r.isDefaultPath)!.hops.find((h) => h.kind === 'pool')!.state).toBe('ok');
    expect(views[0].state).toBe('error');
  });

  test('backend health marks unhealthy servers; a default probe stands in when settings have no custom probe', async () => {
    const { report, workspace } = await load('default-probe-gateway.ps.txt', 'default-probe-health.ps.json');
    const [v] = buildPathViews(workspace, workspace.gateways[0], report.findings);
    const route = v.rules[0].routes[0];
    const probe = route.hops.find((h) => h.kind === 'probe')!;
    expect(probe.isDefault).toBe(true);
    expect(probe.detail).toBe('https://127.0.0.1:443/');
    // The default-probe finding sits on the settings id; it marks the probe hop, not the settings hop.
    expect(probe.state).toBe('warning');
    expect(route.hops.find((h) => h.kind === 'settings')!.findings.map((i) => report.findings[i].category)).not.toContain('default-probe');
    expect(route.backends.map((b) => [b.label, b.state])).toEqual([['contoso-brand.azurewebsites.net', 'error']]);
  });

  test('search matches listener names, host names, paths and backends', async () => {
    const { report, workspace } = await load('clean-gateway.arm.json');
    const views = buildPathViews(workspace, workspace.gateways[0], report.findings);
    expect(searchListeners(views, 'api.contoso').map((v) => v.name)).toEqual(['listener-api']);
    expect(searchListeners(views, '/api/*').map((v) => v.name)).toEqual(['listener-api']);
    expect(searchListeners(views, '10.20.1.4').map((v) => v.name)).toEqual(['listener-www', 'listener-api']);
    expect(searchListeners(views, '').length).toBe(2);
  });

  test('worst state wins', () => {
    expect(worst(['ok', 'warning', 'missing'])).toBe('warning');
    expect(worst(['ok', 'error', 'warning'])).toBe('error');
    expect(worst([])).toBe('ok');
  });
});
