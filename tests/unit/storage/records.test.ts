import { describe, expect, test } from 'vitest';
import { defaultTitle, migrateRecord, summaryOf, type HistoryRecord } from '../../../src/storage/records';
import type { Report } from '../../../src/core/report/contract';

const report = {
  tool: { name: 'appgw-502-doctor', version: '0.0.9' },
  locale: 'en',
  generatedAt: '2025-11-02T09:00:00.000Z',
  documents: [{ name: 'gw.json', kind: 'arm-rest', shape: 'arm-rest', confidence: 0.9, gateways: ['agw-a'], problems: [], contents: {} }],
  gateways: [{ name: 'agw-a' }],
  findings: [],
  summary: { error: 2, warning: 1, info: 0 },
  notes: [],
} as unknown as Report;

describe('migrateRecord', () => {
  test('a schema-1 record (database version 1) becomes a current record', () => {
    const m = migrateRecord({ id: 'legacy-1', time: '2025-11-02T09:00:00Z', inputs: [{ name: 'gw.json', text: '{}' }], report });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.migrated).toBe(true);
    expect(m.record).toEqual({
      schema: 2,
      id: 'legacy-1',
      hash: '',
      title: 'agw-a',
      createdAt: Date.parse('2025-11-02T09:00:00Z'),
      engineVersion: '0.0.9',
      inputs: [{ name: 'gw.json', text: '{}' }],
      kinds: [{ name: 'gw.json', kind: 'arm-rest' }],
      report,
    });
  });

  test('a current record passes through; bytes stay bytes; a blank title gets the default', () => {
    const rec: HistoryRecord = {
      schema: 2, id: 'x', hash: 'abc', title: ' ', createdAt: 1, engineVersion: '0.1.0',
      inputs: [{ name: 'f.json', bytes: new Uint8Array([1, 2]) }], kinds: [{ name: 'f.json', kind: 'arm-rest' }], report,
      workspace: { documents: [] } as never,
    };
    const m = migrateRecord(rec);
    expect(m.ok && !m.migrated && m.record.title === 'agw-a' && m.record.inputs[0].bytes instanceof Uint8Array && m.record.workspace).toBeTruthy();
  });

  test.each([
    ['not an object', 'garbage'],
    ['no id', { time: '2025-01-01', inputs: [], report }],
    ['no readable report', { id: 'a', time: '2025-01-01', inputs: [], report: { findings: 'x' } }],
    ['inputs unreadable', { id: 'a', time: '2025-01-01', inputs: [{ name: 'x' }], report }],
    ['no time', { id: 'a', time: 'yesterday', inputs: [], report }],
    ['unknown schema 9', { schema: 9, id: 'a', inputs: [], report }],
  ])('a corrupt record says why: %s', (reason, raw) => {
    expect(migrateRecord(raw)).toEqual({ ok: false, reason });
  });
});

test('summaryOf and defaultTitle', () => {
  const m = migrateRecord({ id: 'a', time: 5, inputs: [], report });
  if (!m.ok) throw new Error('expected ok');
  expect(summaryOf(m.record, true)).toMatchObject({ id: 'a', title: 'agw-a', counts: { error: 2, warning: 1, info: 0 }, gateways: ['agw-a'], migrated: true });
  expect(defaultTitle({ ...report, gateways: [] } as Report)).toBe('gw.json');
  expect(defaultTitle({ ...report, gateways: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name })) } as unknown as Report)).toBe('a, b, c +2');
});
