/**
 * What every report must satisfy, whatever the input (src/core/report/contract.ts): each finding has
 * ruleId, an allowed category, severity error|warning|info, a gateway string, resource {type,name,id},
 * message and fix strings, an evidence array, source null or {document, pointer, line?}. Returns the
 * violations as readable lines (empty when the report is sound).
 */
import { CATEGORY_ORDER } from '../../src/core/rules/types';
import { allRules } from '../../src/core/rules';
import { INPUT_RULES } from '../../src/core/rules/input';

type J = any;
const SEVERITIES = ['error', 'warning', 'info'];
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Each rule's own placeholder names ({probe}, {path}, …), from its texts in both languages. */
const PLACEHOLDERS = new Map<string, Set<string>>();
const addPlaceholders = (id: string, texts: unknown[]) => {
  const set = PLACEHOLDERS.get(id) ?? new Set<string>();
  for (const t of texts) for (const m of (isStr(t) ? t.match(/\{[a-zA-Z]+\}/g) : null) ?? []) set.add(m);
  PLACEHOLDERS.set(id, set);
};
for (const r of allRules) for (const l of [r.text.en, r.text.ko]) addPlaceholders(r.id, [l.title, l.message, l.effect, l.fix]);
for (const [id, r] of Object.entries(INPUT_RULES)) for (const l of [r.en, r.ko]) addPlaceholders(id, [l.title, l.message, l.effect, l.fix]);

/** `inputText`: the input as text, so a `{name}` the user's own text carries is not taken for an unfilled placeholder. */
export function contractViolations(report: J, inputText = ''): string[] {
  const out: string[] = [];
  const bad = (where: string, what: string) => out.push(`${where}: ${what}`);
  if (!report || typeof report !== 'object') return ['report: not an object'];
  if (!Array.isArray(report.findings)) bad('report', 'findings is not an array');
  if (!Array.isArray(report.documents)) bad('report', 'documents is not an array');
  if (!Array.isArray(report.gateways)) bad('report', 'gateways is not an array');
  for (const k of ['error', 'warning', 'info']) if (!isNum(report.summary?.[k])) bad('summary', `${k} is not a number`);
  (report.findings ?? []).forEach((f: J, i: number) => {
    const at = `findings[${i}] (${f?.ruleId})`;
    if (!isStr(f.ruleId) || !f.ruleId) bad(at, 'ruleId');
    if (!(CATEGORY_ORDER as string[]).includes(f.category)) bad(at, `category ${JSON.stringify(f.category)}`);
    if (!SEVERITIES.includes(f.severity)) bad(at, `severity ${JSON.stringify(f.severity)}`);
    if (!isStr(f.gateway)) bad(at, 'gateway is not a string');
    if (!f.resource || !isStr(f.resource.type) || !isStr(f.resource.name) || !isStr(f.resource.id)) bad(at, `resource ${JSON.stringify(f.resource)}`);
    if (!isStr(f.message) || !f.message) bad(at, 'message');
    if (!isStr(f.fix)) bad(at, 'fix');
    if (!isStr(f.title)) bad(at, 'title');
    if (!Array.isArray(f.evidence)) bad(at, 'evidence is not an array');
    else f.evidence.forEach((e: J, j: number) => (!isStr(e?.path) || !isStr(e?.value)) && bad(at, `evidence[${j}] ${JSON.stringify(e)}`));
    if (f.source !== null) {
      const s = f.source;
      if (!s || !isStr(s.document) || !isStr(s.pointer) || (s.line !== undefined && !isNum(s.line))) bad(at, `source ${JSON.stringify(s)}`);
    }
    for (const loc of ['en', 'ko']) if (!isStr(f.text?.[loc]?.message) || !isStr(f.text?.[loc]?.fix)) bad(at, `text.${loc}`);
    // Placeholders left unfilled mean a rule reported without the params its text needs.
    // A rule's own placeholder left in its text means it reported without the params its text needs.
    const own = PLACEHOLDERS.get(f.ruleId);
    for (const s of [f.title, f.message, f.fix, f.effect]) {
      for (const m of (isStr(s) ? s.match(/\{[a-zA-Z]+\}/g) : null) ?? []) {
        if (own?.has(m) && !inputText.includes(m)) bad(at, `unfilled placeholder ${m} in ${JSON.stringify(s)}`);
      }
    }
  });
  (report.documents ?? []).forEach((d: J, i: number) => {
    const at = `documents[${i}]`;
    if (!isStr(d.name) || !isStr(d.kind)) bad(at, 'name/kind');
    if (!Array.isArray(d.problems)) bad(at, 'problems is not an array');
    else d.problems.forEach((p: J, j: number) => {
      if (!isStr(p.message) || !p.message) bad(`${at}.problems[${j}]`, 'message');
      if (!isNum(p.line) || !isNum(p.column)) bad(`${at}.problems[${j}]`, `line/column ${p.line}/${p.column}`);
      if (!SEVERITIES.includes(p.severity)) bad(`${at}.problems[${j}]`, `severity ${p.severity}`);
    });
    if (!Array.isArray(d.unknowns)) bad(at, 'unknowns is not an array');
  });
  try {
    JSON.stringify(report);
  } catch (e) {
    bad('report', `not serialisable: ${(e as Error).message}`);
  }
  return out;
}

/**
 * The engine turns its own crashes into values so one bad document does not lose the others: a problem
 * "The analyzer failed on this input (…)" or a finding "Check <rule> could not run". For the fuzzer these
 * are crashes all the same.
 */
export function internalErrors(report: J): string[] {
  const out: string[] = [];
  for (const d of report?.documents ?? []) {
    for (const p of d.problems ?? []) if (/analyzer failed on this input/i.test(p.message)) out.push(`document ${d.name}: ${p.message}`);
  }
  for (const f of report?.findings ?? []) {
    if (/could not run/i.test(f.title ?? '') || (f.evidence ?? []).some((e: J) => e.path === 'error')) out.push(`rule ${f.ruleId}: ${f.message}`);
  }
  return out;
}
