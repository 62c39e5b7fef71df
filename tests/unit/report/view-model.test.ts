import { describe, expect, test } from 'vitest';
import type { ReportFinding } from '../../../src/core/report/contract';
import { categoriesOf, groupFindings, listenerOfAffected, localizeReport, summarize } from '../../../src/core/report/view-model';
import type { Report } from '../../../src/core/report/contract';

function finding(over: Partial<ReportFinding>): ReportFinding {
  const t = { title: over.title ?? 't', message: 'm', fix: 'f' };
  return {
    ruleId: 'r', category: 'gateway', severity: 'warning', gateway: 'gw1', resource: { type: 'x', name: 'n', id: '/x/n' },
    title: t.title, message: 'm', fix: 'f', evidence: [], source: null, commands: {}, affected: [], docs: '',
    text: { en: t, ko: { title: `${t.title}-ko`, message: 'm-ko', fix: 'f-ko' } },
    ...over,
  };
}

describe('groupFindings', () => {
  test('groups by the guide\'s sections in CATEGORY_ORDER, errors first inside a group, keeping report indices', () => {
    const fs = [
      finding({ category: 'input', severity: 'info' }),
      finding({ category: 'empty-pool', severity: 'warning' }),
      finding({ category: 'nsg', severity: 'info' }),
      finding({ category: 'empty-pool', severity: 'error' }),
      finding({ category: 'custom-probe', severity: 'error' }),
    ];
    const g = groupFindings(fs);
    expect(g.map((x) => x.category)).toEqual(['nsg', 'custom-probe', 'empty-pool', 'input']);
    expect(g[2].findings.map((f) => f.index)).toEqual([3, 1]);
    expect(g[2].counts).toEqual({ error: 1, warning: 1, info: 0 });
    expect(categoriesOf(fs)).toEqual(['nsg', 'custom-probe', 'empty-pool', 'input']);
  });

  test('filters by gateway, severity and category', () => {
    const fs = [finding({ gateway: 'a', severity: 'error' }), finding({ gateway: 'b', severity: 'error' }), finding({ gateway: 'a', severity: 'info', category: 'input' })];
    expect(groupFindings(fs, { gateway: 'a' }).flatMap((g) => g.findings.map((f) => f.index))).toEqual([0, 2]);
    expect(groupFindings(fs, { severities: ['info'] }).flatMap((g) => g.findings.map((f) => f.index))).toEqual([2]);
    expect(groupFindings(fs, { categories: ['gateway'], gateway: 'b' }).flatMap((g) => g.findings.map((f) => f.index))).toEqual([1]);
  });
});

describe('summarize', () => {
  test('counts listeners hit by error findings, once each, with the causes in the chosen language', () => {
    const fs = [
      finding({ severity: 'error', title: 'Empty pool', affected: ['listener-a (a.contoso.com) /static/*', 'listener-b'] }),
      finding({ severity: 'error', title: 'All unhealthy', affected: ['listener-a (a.contoso.com)'] }),
      finding({ severity: 'warning', title: 'Short time-out', affected: ['listener-c'] }),
      finding({ severity: 'error', title: 'Stopped', affected: [] }),
    ];
    const s = summarize(fs, 'en');
    expect(s.listeners).toEqual(['listener-a', 'listener-b']);
    expect(s.causes).toEqual(['Empty pool', 'All unhealthy', 'Stopped']);
    expect(s.unattributed).toBe(1);
    expect(s.counts).toEqual({ error: 3, warning: 1, info: 0 });
    expect(summarize(fs, 'ko').causes[0]).toBe('Empty pool-ko');
  });

  test('listenerOfAffected takes the name before host names and paths', () => {
    expect(listenerOfAffected('l1 (a.com, b.com) /api/*')).toBe('l1');
    expect(listenerOfAffected('l1 /api/*')).toBe('l1');
    expect(listenerOfAffected('l1')).toBe('l1');
  });
});

test('localizeReport rewords every finding without analysing again', () => {
  const report = { locale: 'en', findings: [finding({ title: 'Hello' })] } as unknown as Report;
  const ko = localizeReport(report, 'ko');
  expect(ko.locale).toBe('ko');
  expect(ko.findings[0].title).toBe('Hello-ko');
  expect(ko.findings[0].message).toBe('m-ko');
  expect(localizeReport(report, 'en')).toBe(report);
});
