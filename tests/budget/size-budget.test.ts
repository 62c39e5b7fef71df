/**
 * The first screen stays small: scripts/size-budget.ts builds the hosted app once (vite build --manifest,
 * into a temp folder) and measures index.html's entry script, its static imports and their CSS, gzipped.
 * Budget 90 KB; MSAL and pkijs must only load lazily.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSizeBudget, formatReport, BUDGET_BYTES, type SizeReport } from '../../scripts/size-budget';

let report: SizeReport;

beforeAll(() => {
  report = checkSizeBudget();
  console.log(formatReport(report));
}, 600_000);

describe('size budget of the first screen', () => {
  it(`JS + CSS of the first screen is at most ${BUDGET_BYTES / 1024} KB gzipped`, () => {
    expect(report.firstScreen.length).toBeGreaterThan(0);
    expect(report.firstScreen.some((f) => f.file.endsWith('.js'))).toBe(true);
    expect(report.firstScreenGzip).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('no first-screen chunk carries MSAL or pkijs', () => {
    expect(report.forbidden).toEqual([]);
  });

  it('the manifest walk finds every script and stylesheet index.html loads', () => {
    expect(report.htmlOnly).toEqual([]);
  });
});
