/**
 * The generated KQL and the in-browser classifier agree: the query (run by a tiny evaluator of exactly the KQL the
 * generator emits, tests/unit/traffic/kql-eval.ts) classes every fixture row — and a few hundred generated odd
 * ones — like the JS classifier does, on both tables; and the query's exported result, dropped back in, gives the
 * same classes and the same findings as the raw log.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../../../src/core/input/load';
import { buildWorkspace } from '../../../src/core/model/workspace';
import { classQuery, classifiedRows, queriesFor, renderExpr, summaryQuery, type KqlTable } from '../../../src/core/traffic/kql';
import { CLASS_RULES } from '../../../src/core/traffic/classify';
import { analyze } from '../../../src/core/analyze';
import { allRules } from '../../../src/core/rules';
import { trafficRules } from '../../../src/core/rules/groups/traffic';
import { V1_ROWS, V2_ROWS, V2_EXPECT, adColumns, adRow, agwColumns, agwRow, type Row } from '../../fixtures/traffic/rows';
import { runKql, type Row as KRow } from './kql-eval';
import { classCounts, fixture, gatewayText } from './helpers';

const NOW = new Date('2026-11-25T00:00:00Z');
const gatewayDoc = () => loadText('gateway.json', gatewayText()).model;
const WINDOW = { start: '2025-02-25T09:00:00Z', end: '2025-02-25T10:00:00Z' };

function typedRow(cols: string[], vals: unknown[], types: Record<string, 'num'>): KRow {
  const o: KRow = {};
  cols.forEach((c, i) => {
    const name = c.replace(' [UTC]', '');
    const v = vals[i];
    if (types[name] === 'num') o[name] = v === '' || v === undefined || v === null ? null : Number(v);
    else o[name] = v === undefined || v === null ? '' : String(v);
  });
  return o;
}

const AGW_NUM: Record<string, 'num'> = { HttpStatus: 'num', ServerStatus: 'num', ServerResponseLatency: 'num', TimeTaken: 'num' };
const AD_NUM: Record<string, 'num'> = { httpStatus_d: 'num', timeTaken_d: 'num', clientPort_d: 'num', receivedBytes_d: 'num', sentBytes_d: 'num' };

function agwTable(rows: Row[]): KRow[] {
  return rows.map((r, i) => ({ ...typedRow(agwColumns(), agwRow(r), AGW_NUM), TimeGenerated: r.t, _id: String(i) }));
}

function adTable(rows: Row[], v1 = false): KRow[] {
  return rows.map((r, i) => {
    const o = typedRow(adColumns(), adRow(r, i, (ms) => new Date(ms).toISOString()), AD_NUM);
    o.TimeGenerated = r.t;
    o.ResourceProvider = 'MICROSOFT.NETWORK';
    o.ResourceId = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-shop/providers/Microsoft.Network/applicationGateways/agw-shop'.toUpperCase();
    if (v1) {
      o.instanceId_s = 'ApplicationGatewayRole_IN_0';
      o.requestQuery_s = `SERVER-ROUTED=${r.server}${r.serverStatus ? `&SERVER-STATUS=${r.serverStatus}` : ''}`;
      o.serverStatus_s = '';
      o.serverResponseLatency_s = '';
      o.serverRouted_s = '';
      o.error_info_s = '';
      o.listenerName_s = o.ruleName_s = o.backendPoolName_s = o.backendSettingName_s = '';
      o.timeTaken_d = Math.round(r.timeTaken * 1000);
    }
    o._id = String(i);
    return o;
  });
}

/** The class the whole JS path (reader → workspace merge with the gateway) gives one row. */
function jsClass(row: KRow): string {
  const { _id, ...rest } = row;
  void _id;
  const doc = loadText('row.json', JSON.stringify(rest)).model;
  const ws = buildWorkspace([gatewayDoc(), doc]);
  const a = ws.traffic?.gateways[0]?.access;
  if (!a) return 'unread';
  if (a.ignoredInternal) return 'ignore';
  const c = Object.entries(a.classes).find(([, s]) => s && s.count > 0);
  return c ? c[0] : 'none';
}

function kqlClasses(table: KqlTable, rows: KRow[]): Map<string, string> {
  const gw = gatewayDoc().gateways[0];
  const q = classifiedRows({ table, gateway: gw, window: WINDOW }).replace('| where Class != "ignore"', '');
  const out = runKql(q, { [table]: rows });
  return new Map(out.map((r) => [String(r._id), String(r.Class)]));
}

// A small deterministic generator of odd rows (statuses, backend statuses, latencies, codes, settings, generations).
function* oddRows(n: number): Generator<Row> {
  let seed = 42;
  const rnd = <T>(xs: T[]): T => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return xs[(seed >>> 16) % xs.length];
  };
  for (let i = 0; i < n; i++) {
    const settings = rnd(['settings-web', 'settings-api', '', 'unknown-settings']);
    yield {
      t: new Date(Date.UTC(2025, 1, 25, 9, 10 + (i % 40), i % 60)).toISOString(),
      status: rnd([200, 403, 408, 499, 500, 502, 502, 502, 503, 504, 504]),
      serverStatus: rnd([undefined, '', '-', '200', '404', '502', '503']),
      latency: rnd([undefined, '', '-', '0', '0.4', '5', '19.5', '28.4', '28.6', '30', '57', '61', '120']),
      timeTaken: rnd([0.001, 0.9, 5, 28.6, 31, 59, 120.5]),
      errorInfo: rnd([undefined, '', 'ERRORINFO_NO_ERROR', 'ERRORINFO_UPSTREAM_NO_LIVE', 'ERRORINFO_UPSTREAM_TIMED_OUT', 'ERRORINFO_UPSTREAM_CLOSED_CONNECTION', 'errorinfo_upstream_no_live', 'ERRORINFO_NEW_THING']),
      listener: 'listener-www', rule: 'rule-www', pool: 'pool-web', settings, server: '10.10.2.4:80',
      host: rnd(['www.contoso.com', 'api.contoso.com', 'other.example']), uri: '/x', tx: `g${i}`,
      clientIp: rnd(['203.0.113.7', '203.0.113.7', '127.0.0.1']),
      expect: 'ok',
    };
  }
}

describe('the query and the classifier share one predicate table', () => {
  it('every rule of the table is rendered into the Class case(), in order', () => {
    const q = classifiedRows({ table: 'AGWAccessLogs' });
    let at = 0;
    for (const r of CLASS_RULES) {
      if (r.when.op === 'true') continue;
      const i = q.indexOf(`${renderExpr(r.when)}, "${r.class}"`, at);
      expect(i, r.why).toBeGreaterThan(at);
      at = i;
    }
  });

  it('the gateway\'s names and time window are filled in, per table', () => {
    const gw = gatewayDoc().gateways[0];
    const ad = summaryQuery({ table: 'AzureDiagnostics', gateway: gw, window: WINDOW });
    expect(ad).toMatch(/^AzureDiagnostics$/m);
    expect(ad).toContain('Category == "ApplicationGatewayAccessLog"');
    expect(ad).toContain(`ResourceId =~ "${gw.id}"`);
    expect(ad).toContain('datetime(2025-02-25T08:45:00.000Z) .. datetime(2025-02-25T10:15:00.000Z)');
    expect(ad).toContain('column_ifexists("httpStatus_d"');
    expect(ad).toContain('column_ifexists("serverResponseLatency_s"');
    expect(ad).toContain('_backendSettingName =~ "settings-web", 30.0');
    expect(ad).toContain('_backendSettingName =~ "settings-api", 60.0');
    const agw = summaryQuery({ table: 'AGWAccessLogs', gateway: gw, window: WINDOW });
    expect(agw).toMatch(/^AGWAccessLogs$/m);
    expect(agw).toContain(`_ResourceId =~ "${gw.id}"`);
    expect(agw).toContain('column_ifexists("ServerStatus"');
    expect(agw).not.toContain('AdditionalFields');
    expect(classQuery({ table: 'AGWAccessLogs', gateway: gw }, 'backend-timeout')).toContain('| where Class == "backend-timeout"');
    expect(queriesFor(gw, WINDOW, ['backend-timeout']).map((x) => x.title)).toEqual(['Summary (AGWAccessLogs)', 'backend-timeout (AGWAccessLogs)', 'Summary (AzureDiagnostics)', 'backend-timeout (AzureDiagnostics)']);
  });
});

describe('query and classifier agree row by row', () => {
  const expectOf = (r: Row) => (r.expect === 'ok' ? 'none' : r.expect);
  it('AGWAccessLogs: the v2 fixture rows', () => {
    const rows = agwTable(V2_ROWS);
    const kql = kqlClasses('AGWAccessLogs', rows);
    rows.forEach((r, i) => {
      expect(kql.get(String(i)), `row ${i}`).toBe(expectOf(V2_ROWS[i]));
      expect(jsClass(r), `row ${i}`).toBe(expectOf(V2_ROWS[i]));
    });
  });

  it('AzureDiagnostics: the v2 fixture rows (one with error_info in AdditionalFields)', () => {
    const rows = adTable(V2_ROWS);
    const kql = kqlClasses('AzureDiagnostics', rows);
    rows.forEach((r, i) => {
      expect(kql.get(String(i)), `row ${i}`).toBe(expectOf(V2_ROWS[i]));
      expect(jsClass(r), `row ${i}`).toBe(expectOf(V2_ROWS[i]));
    });
  });

  it('AzureDiagnostics: the v1 fixture rows (SERVER-STATUS in requestQuery, timeTaken in ms)', () => {
    const rows = adTable(V1_ROWS, true);
    const kql = kqlClasses('AzureDiagnostics', rows);
    rows.forEach((r, i) => {
      expect(kql.get(String(i)), `row ${i}`).toBe(expectOf(V1_ROWS[i]));
      expect(jsClass(r), `row ${i}`).toBe(expectOf(V1_ROWS[i]));
    });
  });

  for (const table of ['AGWAccessLogs', 'AzureDiagnostics'] as KqlTable[]) {
    it(`${table}: 300 generated odd rows`, () => {
      const gen = [...oddRows(300)];
      const rows = table === 'AGWAccessLogs' ? agwTable(gen) : adTable(gen);
      const kql = kqlClasses(table, rows);
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        const js = jsClass(r);
        seen.add(js);
        expect(kql.get(String(i)), `row ${i}: ${JSON.stringify(r)}`).toBe(js);
      });
      // the generator reaches every class
      for (const c of ['ignore', 'none', 'client', 'no-healthy-backend', 'backend-timeout', 'backend-5xx', 'backend-closed', 'other']) expect(seen).toContain(c);
    });
  }
});

describe('the summary query\'s result is an input too', () => {
  const gw = () => gatewayDoc().gateways[0];
  const summaryCsv = (table: KqlTable) => {
    const rows = table === 'AGWAccessLogs' ? agwTable(V2_ROWS) : adTable(V2_ROWS);
    const out = runKql(summaryQuery({ table, gateway: gw(), window: WINDOW }), { [table]: rows });
    const cols = Object.keys(out[0]);
    const cell = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    return { csv: [cols.join(','), ...out.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n'), rows: out.length, json: JSON.stringify(out) };
  };

  for (const table of ['AGWAccessLogs', 'AzureDiagnostics'] as KqlTable[]) {
    it(`${table}: exported as CSV and as JSON, it gives the same classes`, () => {
      const { csv, rows, json } = summaryCsv(table);
      expect(rows).toBeLessThan(V2_ROWS.length);
      for (const [name, text] of [['result.csv', csv], ['result.json', json]]) {
        const doc = loadText(name, text).model;
        expect(doc.kind).toBe('access-log');
        expect(doc.traffic?.format).toBe('kql-result');
        const ws = buildWorkspace([gatewayDoc(), doc]);
        expect(classCounts(ws)).toEqual(V2_EXPECT.classes);
        expect(ws.traffic!.gateways[0].access!.rows).toBe(V2_EXPECT.rows - V2_EXPECT.ignored);
      }
    });
  }

  it('and the same findings as the raw log', async () => {
    const rules = [...new Set([...allRules, ...trafficRules])];
    const raw = await analyze([{ name: 'gateway.json', text: gatewayText() }, { name: 'log.csv', text: loadFixture() }], { now: NOW, rules });
    const kql = await analyze([{ name: 'gateway.json', text: gatewayText() }, { name: 'result.csv', text: summaryCsv('AGWAccessLogs').csv }], { now: NOW, rules });
    const pick = (r: typeof raw.report) => r.findings.filter((f) => f.ruleId.startsWith('traffic-')).map((f) => `${f.ruleId} ${f.severity} ${f.resource.name}: ${f.message}`).sort();
    expect(pick(kql.report)).toEqual(pick(raw.report));
    expect(pick(raw.report).length).toBeGreaterThan(3);
  });
});

function loadFixture(): string {
  return fixture('v2-agwaccesslogs.csv');
}
