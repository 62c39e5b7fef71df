/** The report as Markdown, ready to paste into a support ticket. */
import type { Report } from './contract';
import { CATEGORY_ORDER } from '../rules/types';

const LABELS = {
  en: { title: 'Application Gateway 502 analysis', inputs: 'Inputs', gateways: 'Gateways', findings: 'Findings', none: 'No findings.', evidence: 'Evidence', fix: 'Fix', effect: 'Effect', problems: 'problems', doc: 'Docs', generated: 'Generated' },
  ko: { title: 'Application Gateway 502 분석', inputs: '입력', gateways: '게이트웨이', findings: '발견 사항', none: '발견 사항이 없습니다.', evidence: '근거', fix: '해결 방법', effect: '영향', problems: '문제', doc: '문서', generated: '생성 시각' },
};

const esc = (s: string) => s.replace(/([\\`*_[\]<>|])/g, '\\$1');

export function toMarkdown(report: Report): string {
  const L = LABELS[report.locale];
  const lines: string[] = [`# ${L.title}`, '', `${L.generated}: ${report.generatedAt} · ${report.tool.name} ${report.tool.version}`, ''];
  lines.push(`**error ${report.summary.error} · warning ${report.summary.warning} · info ${report.summary.info}**`, '');
  lines.push(`## ${L.inputs}`, '');
  for (const d of report.documents) {
    lines.push(`- \`${esc(d.name)}\`: ${d.kind}${d.gateways.length ? ` (${d.gateways.map(esc).join(', ')})` : ''}${d.problems.length ? ` — ${d.problems.length} ${L.problems}` : ''}`);
  }
  lines.push('', `## ${L.gateways}`, '');
  for (const g of report.gateways) lines.push(`- **${esc(g.name)}** — ${g.sku ?? '?'} / ${g.tier ?? '?'} (${g.generation}), ${g.resourceGroup ?? '?'}`);
  lines.push('', `## ${L.findings}`, '');
  if (!report.findings.length) lines.push(L.none);
  const sorted = [...report.findings].sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
  for (const f of sorted) {
    lines.push(`### [${f.severity}] ${esc(f.title)} — ${esc(f.resource.name)}`, '');
    lines.push(`\`${f.ruleId}\` · ${f.category} · ${esc(f.gateway)}`, '', esc(f.message), '');
    if (f.effect) lines.push(`**${L.effect}:** ${esc(f.effect)}`, '');
    if (f.evidence.length) {
      lines.push(`**${L.evidence}:**`, '');
      for (const e of f.evidence) lines.push(`- \`${e.path}\` = \`${e.value.replace(/`/g, "'")}\`${e.source?.line ? ` (${esc(e.source.document)}:${e.source.line})` : ''}`);
      lines.push('');
    }
    lines.push(`**${L.fix}:** ${esc(f.fix)}`, '');
    const cmds = [...(f.commands.powershell ?? []).map((c) => ['powershell', c]), ...(f.commands.az ?? []).map((c) => ['bash', c])];
    for (const [lang, c] of cmds) lines.push('```' + lang, c, '```', '');
    lines.push(`${L.doc}: ${f.docs}`, '');
  }
  return lines.join('\n');
}
