/**
 * The collect scripts: the bash one passes `bash -n` and, run against a stand-in `az` (tests/azure/fake-az.mjs,
 * answering from the fake tenant; no network), writes a bundle the engine reads into the same findings as
 * reading from Azure; a Reader's failing backend health stays in the bundle as its error. The PowerShell one
 * (no pwsh here) is checked as text: only read cmdlets, balanced blocks, names quoted.
 */
import { describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bashQuote, bashScript, powershellScript, psQuote, scriptFileNames, scriptInputProblems } from '../../../src/azure/collect-script';
import { analyze } from '../../../src/core/analyze';
import { expandBundle } from '../../../src/core/input/load';
import { IDS, backendHealth, effectiveNsg, effectiveRoutes, resources } from '../../azure/fake-tenant';

const SHOP = { gatewayName: 'appgw-shop', resourceGroup: 'rg-shop' };

function fakeAzDir(): { dir: string; env: NodeJS.ProcessEnv; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'appgw502-fake-az-'));
  const data = {
    resources: Object.fromEntries([...resources().entries()].map(([, v]) => [String(v.id), v])),
    backendHealth: Object.fromEntries([IDS.shop, IDS.api, IDS.legacy].map((id) => [id.toLowerCase(), backendHealth(id)])),
    effectiveNsg: Object.fromEntries([IDS.nicWeb1, IDS.nicWeb2, IDS.nicDecoy].map((id) => [id.toLowerCase(), effectiveNsg(id)])),
    effectiveRoutes: effectiveRoutes(),
  };
  writeFileSync(join(dir, 'data.json'), JSON.stringify(data));
  const fake = resolve(import.meta.dirname, '../../azure/fake-az.mjs');
  writeFileSync(join(dir, 'az'), `#!/bin/sh\nexec "${process.execPath}" "${fake}" "$@"\n`);
  chmodSync(join(dir, 'az'), 0o755);
  const log = join(dir, 'az.log');
  return { dir, log, env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, FAKE_AZ_DATA: join(dir, 'data.json'), FAKE_AZ_LOG: log } };
}

function runBash(script: string, env: NodeJS.ProcessEnv, cwd: string) {
  const file = join(cwd, 'collect.sh');
  writeFileSync(file, script);
  const r = spawnSync('bash', [file], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  const out = readdirSync(cwd).find((f) => /^appgw502-.*\.json$/.test(f));
  return { ...r, bundle: out ? readFileSync(join(cwd, out), 'utf8') : undefined, file: out };
}

describe('bash collect script', () => {
  test('passes bash -n', () => {
    const dir = mkdtempSync(join(tmpdir(), 'appgw502-sh-'));
    for (const input of [SHOP, { ...SHOP, subscription: 'Shop (fake)' }, { gatewayName: 'a.b_', resourceGroup: 'rg(1).x', maxNics: 0 }]) {
      writeFileSync(join(dir, 'c.sh'), bashScript(input as typeof SHOP));
      execFileSync('bash', ['-n', join(dir, 'c.sh')]);
    }
  });

  test('run against a stand-in az: one bundle, read by the engine into the same findings as reading from Azure', async () => {
    const { dir, env, log } = fakeAzDir();
    const r = runBash(bashScript(SHOP), env, dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.file).toMatch(/^appgw502-appgw-shop-\d{8}T\d{6}Z\.json$/);
    const bundle = JSON.parse(r.bundle!);
    expect(bundle.appgw502doctorBundle).toBe(1);
    expect(bundle.source).toBe('collect-script/bash');
    const names = expandBundle(r.file!, r.bundle!)!.map((d) => d.name);
    expect(names).toEqual([
      'gateway-appgw-shop.json', 'vnet-vnet-shop.json', 'nsg-nsg-appgw.json', 'route-table-rt-appgw.json', 'public-ip-pip-shop.json',
      'backend-health-appgw-shop.json', 'nic-nic-web1.json', 'nsg-nsg-web.json', 'effective-nsg-nic-web1.json', 'effective-routes-nic-web1.json',
      'nic-nic-web2.json', 'effective-nsg-nic-web2.json', 'effective-routes-nic-web2.json',
    ]);
    const { report } = await analyze([{ name: r.file!, text: r.bundle! }]);
    const rules = report.findings.map((f) => f.ruleId);
    expect(rules).toContain('backend-all-unhealthy');
    expect(rules).toContain('nsg-listener-port-blocked');
    expect(report.documents.every((d) => d.kind !== 'unknown')).toBe(true);
    // Only reads: show, list, show-backend-health, list-effective-nsg, show-effective-route-table.
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
      expect(line).toMatch(/^network [\w-]+(?: subnet)? (show|list|show-backend-health|list-effective-nsg|show-effective-route-table)\b/);
    }
  });

  test('a failing step (a Reader cannot run backend health) is kept as its error, and the rest goes on', async () => {
    const { dir, env } = fakeAzDir();
    const r = runBash(bashScript(SHOP), { ...env, FAKE_AZ_FORBID: 'backendhealth' }, dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/failed: ERROR: \(AuthorizationFailed\)/);
    const docs = expandBundle(r.file!, r.bundle!)!;
    const err = docs.find((d) => d.name === 'error-backend-health-appgw-shop.txt')!;
    expect(err.text).toMatch(/^ERROR: \(AuthorizationFailed\).*backendhealth\/action/);
    expect(docs.some((d) => d.name === 'effective-routes-nic-web2.json')).toBe(true);
    const { report } = await analyze([{ name: r.file!, text: r.bundle! }]);
    expect(report.findings.map((f) => f.ruleId)).toContain('nsg-listener-port-blocked');
  });

  test('a gateway that is not there: a bundle holding the error, exit 1', () => {
    const { dir, env } = fakeAzDir();
    const r = runBash(bashScript({ gatewayName: 'nope', resourceGroup: 'rg-shop' }), env, dir);
    expect(r.status).toBe(1);
    const docs = expandBundle(r.file!, r.bundle!)!;
    expect(docs.map((d) => d.name)).toEqual(['error-gateway-nope.txt']);
    expect(docs[0].text).toMatch(/ResourceNotFound/);
  });
});

describe('PowerShell collect script', () => {
  const ps = powershellScript({ ...SHOP, subscription: '11111111-1111-4111-8111-111111111111' });

  test('reads only: every cmdlet is a Get-Az… (plus the process-scoped Set-AzContext)', () => {
    const cmdlets = [...ps.replace(/<#[\s\S]*?#>/g, '').matchAll(/\b([A-Z][a-z]+-Az[A-Za-z]+)\b/g)].map((m) => m[1]);
    expect(cmdlets.length).toBeGreaterThan(10);
    for (const c of cmdlets) expect(c === 'Set-AzContext' || c.startsWith('Get-Az')).toBe(true);
    expect(ps).toMatch(/Set-AzContext -Subscription \$Subscription -Scope Process/);
    for (const c of ['Get-AzApplicationGateway ', 'Get-AzVirtualNetwork ', 'Get-AzNetworkSecurityGroup ', 'Get-AzRouteTable ', 'Get-AzApplicationGatewayBackendHealth ', 'Get-AzNetworkInterface ', 'Get-AzEffectiveNetworkSecurityGroup ', 'Get-AzEffectiveRouteTable ', 'Get-AzPublicIpAddress ']) {
      expect(ps).toContain(c);
    }
  });

  test('balanced braces, brackets and parentheses; here-strings and comments closed', () => {
    const code = ps
      .replace(/<#[\s\S]*?#>/g, '')
      .replace(/'(?:[^']|'')*'/g, "''")
      .replace(/"(?:[^"`]|`.)*"/g, '""')
      .replace(/#.*$/gm, '');
    for (const [open, close] of [['{', '}'], ['(', ')'], ['[', ']']]) {
      let depth = 0;
      for (const ch of code) {
        if (ch === open) depth++;
        if (ch === close) depth--;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth, `${open}${close}`).toBe(0);
    }
    expect(ps.match(/<#/g)?.length).toBe(ps.match(/#>/g)?.length);
  });

  test('writes the bundle format, UTF-8 without BOM, to one file', () => {
    expect(ps).toContain('appgw502doctorBundle = 1');
    expect(ps).toContain("source = 'collect-script/powershell'");
    expect(ps).toContain('ConvertTo-Json -InputObject $bundle -Depth 100');
    expect(ps).toContain('New-Object System.Text.UTF8Encoding($false)');
    expect(ps).toMatch(/\[string\] \$GatewayName = 'appgw-shop'/);
    expect(ps).toMatch(/\[string\] \$ResourceGroupName = 'rg-shop'/);
  });
});

describe('names', () => {
  test('names that could break out of a script are refused', () => {
    for (const bad of ['a;rm -rf ~', '$(whoami)', 'a`b', 'x"y', "a'b", 'a b', '', 'a'.repeat(81), '-x']) {
      expect(scriptInputProblems({ gatewayName: bad, resourceGroup: 'rg' }).length, bad).toBeGreaterThan(0);
      expect(() => bashScript({ gatewayName: bad, resourceGroup: 'rg' })).toThrow();
      expect(() => powershellScript({ gatewayName: bad, resourceGroup: 'rg' })).toThrow();
    }
    for (const bad of ['rg;x', 'rg$x', 'rg.', 'r"g']) expect(scriptInputProblems({ gatewayName: 'gw', resourceGroup: bad }).length, bad).toBeGreaterThan(0);
    expect(scriptInputProblems({ gatewayName: 'gw', resourceGroup: 'rg', subscription: 'a;b' }).length).toBe(1);
    expect(scriptInputProblems({ gatewayName: 'appgw_1.x-y', resourceGroup: 'RG(prod)-1.a', subscription: 'My Sub (prod)' })).toEqual([]);
  });

  test('quoting', () => {
    expect(bashQuote("a'b")).toBe(`'a'\\''b'`);
    expect(psQuote("a'b\u2019c")).toBe(`'a''b\u2019\u2019c'`);
    expect(scriptFileNames({ gatewayName: 'gw.1' })).toEqual({ powershell: 'collect-gw.1.ps1', bash: 'collect-gw.1.sh' });
  });
});
