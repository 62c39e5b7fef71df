/** The CLI as a user runs it: stdout carries only the report; exit codes 0 / 1 / 2. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restGateway } from '../../fixtures/forms';

const root = new URL('../../../', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');
function cli(...args: string[]) {
  const r = spawnSync(tsx, [join(root, 'src/cli/main.ts'), ...args], { encoding: 'utf8', cwd: root, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const dir = mkdtempSync(join(tmpdir(), 'cli-'));
const clean = join(dir, 'clean.json');
writeFileSync(clean, JSON.stringify(restGateway()));
const broken = join(dir, 'empty-pool.json');
const gw = restGateway();
gw.properties.backendAddressPools[1].properties.backendAddresses = [];
writeFileSync(broken, JSON.stringify(gw));
const junk = join(dir, 'junk.txt');
writeFileSync(junk, 'not an input at all');

describe('npm run analyze', () => {
  it('no arguments: usage on stderr, exit 2', () => {
    const r = cli();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Usage/);
    expect(r.out).toBe('');
  });
  it('a clean gateway: exit 0, JSON report on stdout only', () => {
    const r = cli('--json', clean);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.tool.name).toBe('appgw-502-doctor');
    expect(report.documents[0]).toMatchObject({ kind: 'arm-rest', gateways: ['agw-shop'] });
    expect(report.gateways[0]).toMatchObject({ name: 'agw-shop', generation: 'v2' });
  });
  it('an error finding: exit 1', () => {
    const r = cli('--json', broken);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings.some((f: any) => f.ruleId === 'empty-pool-routed' && f.resource.name === 'pool-api')).toBe(true);
  });
  it('no readable input: exit 2', () => expect(cli('--json', junk).code).toBe(2));
  it('SARIF and Markdown', () => {
    expect(JSON.parse(cli('--sarif', broken).out).version).toBe('2.1.0');
    expect(cli('--markdown', '--lang', 'ko', broken).out).toMatch(/# Application Gateway 502 분석/);
  });
  it('--route adds the route object and keeps the findings on that path', () => {
    const r = cli('--json', '--route', 'http://api.contoso.com/api/orders', broken);
    const report = JSON.parse(r.out);
    expect(report.route).toMatchObject({ listener: 'listener-api', rule: 'rule-api', pathRule: 'api', pool: 'pool-api', settings: 'settings-api', probe: 'probe-api' });
    expect(report.route.trace.length).toBeGreaterThan(2);
    expect(report.findings.map((f: any) => f.resource.name)).toContain('pool-api');
    expect(report.findings.every((f: any) => f.resource.name !== 'pool-web')).toBe(true);
    const miss = JSON.parse(cli('--json', '--route', 'http://nobody.example.com/', clean).out);
    expect(miss.route.listener).toBeNull();
    // Each step also carries its reason in Korean.
    for (const s of report.route.trace) expect(s.whyKo, s.step).toMatch(/[\uac00-\ud7a3]/);
  });
  it('--route as text: the trace in the report language, the frontend hint naming --frontend', () => {
    const en = cli('--text', '--route', 'http://api.contoso.com/api/orders', broken).out;
    expect(en).toMatch(/frontend: all — frontend not given: .*choose the public or private frontend to be exact \(--frontend public\|private\)/);
    expect(en).toMatch(/backends: pool-api — the pool is empty/);
    const ko = cli('--text', '--lang', 'ko', '--route', 'http://api.contoso.com/api/orders', broken).out;
    expect(ko).toMatch(/frontend: all — 프런트엔드가 지정되지 않아 .*\(--frontend public\|private\)/);
    expect(ko).toMatch(/backends: pool-api — 풀이 비어 있습니다/);
    expect(ko).not.toMatch(/frontend not given|the pool is empty/);
  });
});

describe('npm run analyze: a big access-log export', () => {
  it('is read as a stream and gives the same traffic section as the whole file read in one piece', async () => {
    const { writeAccessLog } = await import('../../bench/access-log');
    const { analyze } = await import('../../../src/core/analyze');
    const { readFileSync } = await import('node:fs');
    const log = join(dir, 'PT1H.json');
    const written = await writeAccessLog(log, 9 * 1024 * 1024);
    expect(written.bytes).toBeGreaterThan(8 * 1024 * 1024);
    const r = cli('--json', clean, log);
    expect(r.err).toContain('read as a log stream');
    const streamed = JSON.parse(r.out);
    const whole = (await analyze([{ name: clean, bytes: new Uint8Array(readFileSync(clean)) }, { name: log, bytes: new Uint8Array(readFileSync(log)) }], { now: new Date(streamed.generatedAt ?? Date.now()) })).report;
    const classes = (rep: { traffic?: { gateways: { classes: { class: string; count: number }[] }[] } }) =>
      Object.fromEntries((rep.traffic?.gateways[0]?.classes ?? []).map((c) => [c.class, c.count]));
    expect(classes(streamed)).toEqual(written.expected);
    expect(classes(streamed)).toEqual(classes(whole as never));
    expect(streamed.findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`).sort())
      .toEqual(whole.findings.map((f) => `${f.ruleId}:${f.severity}`).sort());
  }, 120_000);
});
