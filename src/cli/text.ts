/** Plain text for a terminal. */
import type { Report } from '../core/report/contract';
import type { RouteResult } from '../core/route';

export function toText(report: Report): string {
  const lines: string[] = [];
  for (const d of report.documents) {
    lines.push(`${d.name}: ${d.kind}${d.gateways.length ? ` [${d.gateways.join(', ')}]` : ''}`);
    for (const p of d.problems) lines.push(`  ${p.severity}: ${p.message} (line ${p.line}, column ${p.column})${p.hint ? `\n    → ${p.hint}` : ''}`);
  }
  lines.push('');
  for (const g of report.gateways) lines.push(`gateway ${g.name} — ${g.sku ?? '?'} (${g.generation}) rg=${g.resourceGroup ?? '?'}`);
  lines.push('');
  for (const f of report.findings) {
    lines.push(`[${f.severity.toUpperCase()}] ${f.ruleId} · ${f.gateway} · ${f.resource.type}/${f.resource.name}`);
    lines.push(`  ${f.message}`);
    if (f.effect) lines.push(`  effect: ${f.effect}`);
    lines.push(`  fix: ${f.fix}`);
    for (const c of f.commands.powershell ?? []) lines.push(`    PS> ${c}`);
    for (const c of f.commands.az ?? []) lines.push(`    $ ${c}`);
    if (f.source?.line) lines.push(`  at ${f.source.document}:${f.source.line}`);
  }
  lines.push('', `${report.summary.error} error(s), ${report.summary.warning} warning(s), ${report.summary.info} info`);
  return lines.join('\n');
}

/** The route and its trace for a terminal; the trace's reasons in `locale` (the engine's `why` or `whyKo`). */
export function routeText(r: RouteResult, locale: 'en' | 'ko' = 'en'): string {
  const lines = [`route ${r.url}`];
  for (const t of r.trace) {
    // The engine words the frontend hint for any caller; here the way to choose is this CLI's option.
    const flag = t.step === 'frontend' && t.candidate === 'all' ? ' (--frontend public|private)' : '';
    lines.push(`  ${t.matched ? '✓' : '·'} ${t.step}: ${t.candidate} — ${locale === 'ko' ? t.whyKo : t.why}${flag}`);
  }
  const hop = (k: string, v: string | null) => (v ? `  ${k}: ${v}` : undefined);
  lines.push(...[hop('listener', r.listener), hop('rule', r.rule), hop('path rule', r.pathRule), hop('redirect', r.redirect), hop('settings', r.settings), hop('probe', r.probe), hop('pool', r.pool)].filter((x): x is string => !!x));
  for (const b of r.backends) lines.push(`    backend ${b.address}${b.health ? ` (${b.health})` : ''}`);
  if (!r.listener) lines.push('  no listener takes this request');
  return lines.join('\n');
}
