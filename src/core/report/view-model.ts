/**
 * Pure helpers the view needs over a report: the findings in the guide's order, filtered and grouped,
 * the one-line summary ("N listeners will return 502 because …"), and a report re-worded in another
 * language (every finding carries both texts, so no analysis runs again).
 */
import type { Severity } from '../model/types';
import { CATEGORY_ORDER, type Category } from '../rules/types';
import type { Locale, Report, ReportFinding } from './contract';

export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export interface FindingFilter {
  /** Gateway name; empty = all. */
  gateway?: string;
  severities?: Severity[];
  categories?: Category[];
}

/** A finding with its position in `report.findings` (the stable anchor the view links to). */
export interface IndexedFinding {
  index: number;
  finding: ReportFinding;
}

export interface FindingGroup {
  category: Category;
  findings: IndexedFinding[];
  counts: Record<Severity, number>;
}

export function matchesFilter(f: ReportFinding, filter: FindingFilter): boolean {
  if (filter.gateway && f.gateway !== filter.gateway) return false;
  if (filter.severities && filter.severities.length && !filter.severities.includes(f.severity)) return false;
  if (filter.categories && filter.categories.length && !filter.categories.includes(f.category)) return false;
  return true;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function categoryRank(c: Category): number {
  const i = CATEGORY_ORDER.indexOf(c);
  return i < 0 ? CATEGORY_ORDER.length : i;
}

/** Findings grouped by the guide's sections, in CATEGORY_ORDER; inside a group, errors first. Empty groups are left out. */
export function groupFindings(findings: ReportFinding[], filter: FindingFilter = {}): FindingGroup[] {
  const groups = new Map<Category, FindingGroup>();
  findings.forEach((finding, index) => {
    if (!matchesFilter(finding, filter)) return;
    let g = groups.get(finding.category);
    if (!g) {
      g = { category: finding.category, findings: [], counts: { error: 0, warning: 0, info: 0 } };
      groups.set(finding.category, g);
    }
    g.findings.push({ index, finding });
    g.counts[finding.severity]++;
  });
  const out = [...groups.values()].sort((a, b) => categoryRank(a.category) - categoryRank(b.category));
  for (const g of out) g.findings.sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index);
  return out;
}

export function countBySeverity(findings: ReportFinding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** Categories present in the findings, in the guide's order (for the filter). */
export function categoriesOf(findings: ReportFinding[]): Category[] {
  return [...new Set(findings.map((f) => f.category))].sort((a, b) => categoryRank(a) - categoryRank(b));
}

export interface Summary {
  /** Listener names (first word of each `affected` entry) hit by at least one error finding. */
  listeners: string[];
  /** The `affected` entries themselves (listener, host names, paths). */
  routes: string[];
  /** Titles of the error findings, in order, each once, in the chosen language. */
  causes: string[];
  /** Error findings that name no listener (they still cause 502 but the input does not say where). */
  unattributed: number;
  counts: Record<Severity, number>;
}

/** `listener1 (a.contoso.com) /api/*` → `listener1`. */
export function listenerOfAffected(entry: string): string {
  const m = /^(.*?)(?: \(| \/|$)/.exec(entry);
  return (m?.[1] ?? entry).trim();
}

export function summarize(findings: ReportFinding[], locale: Locale): Summary {
  const listeners = new Set<string>();
  const routes = new Set<string>();
  const causes = new Set<string>();
  let unattributed = 0;
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    causes.add(f.text[locale]?.title ?? f.title);
    if (!f.affected.length) unattributed++;
    for (const a of f.affected) {
      routes.add(a);
      listeners.add(`${f.gateway}\u0000${listenerOfAffected(a)}`);
    }
  }
  return {
    listeners: [...listeners].map((k) => k.split('\u0000')[1]),
    routes: [...routes],
    causes: [...causes],
    unattributed,
    counts: countBySeverity(findings),
  };
}

/** The finding's texts in one language. */
export function localizeFinding(f: ReportFinding, locale: Locale): ReportFinding {
  const t = f.text?.[locale];
  if (!t) return f;
  return { ...f, title: t.title, message: t.message, effect: t.effect, fix: t.fix };
}

/** The same report worded in another language (for exports made after switching the view's language). */
export function localizeReport(report: Report, locale: Locale): Report {
  if (report.locale === locale) return report;
  return { ...report, locale, findings: report.findings.map((f) => localizeFinding(f, locale)) };
}

/** Gateway names that have findings or appear in the report, for the filter. */
export function gatewayNames(report: Report): string[] {
  const names = new Set<string>(report.gateways.map((g) => g.name));
  for (const f of report.findings) if (f.gateway) names.add(f.gateway);
  return [...names];
}
