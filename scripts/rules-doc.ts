/** The rules catalogue (docs/rules.md), generated from the rules' metadata in both languages. */
import { allRules } from '../src/core/rules';
import { INPUT_RULES } from '../src/core/rules/input';
import { CATEGORY_ORDER } from '../src/core/rules/types';

const CATEGORY_NAMES: Record<string, [string, string]> = {
  nsg: ['NSG', 'NSG'],
  udr: ['UDR (route tables)', 'UDR(경로 테이블)'],
  dns: ['Custom DNS', '사용자 지정 DNS'],
  'default-probe': ['Default health probe', '기본 상태 프로브'],
  'custom-probe': ['Custom health probe', '사용자 지정 상태 프로브'],
  'request-timeout': ['Request time-out', '요청 시간 제한'],
  'empty-pool': ['Empty backend pool', '빈 백엔드 풀'],
  'unhealthy-backend': ['Unhealthy backend instances', '비정상 백엔드 인스턴스'],
  'backend-tls': ['Upstream (backend) TLS certificate', '업스트림(백엔드) TLS 인증서'],
  gateway: ['Gateway configuration', '게이트웨이 구성'],
  capacity: ['Capacity', '용량'],
  'backend-app': ['Backend application', '백엔드 애플리케이션'],
  input: ['Input', '입력'],
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function rulesMarkdown(): string {
  const lines: string[] = [
    '# Rules catalogue / 규칙 목록',
    '',
    'Generated from the rules\' metadata by `npm run docs:rules` — do not edit by hand (a test fails when it is stale).',
    '규칙 메타데이터에서 `npm run docs:rules`로 생성됩니다. 직접 수정하지 마세요.',
    '',
    `${allRules.length + Object.keys(INPUT_RULES).length} rules. Severity: **error** — requests fail now; **warning** — likely or intermittent failure, or one under a condition the input does not show; **info** — worth knowing.`,
    '',
  ];
  for (const cat of CATEGORY_ORDER) {
    const rules = allRules.filter((r) => r.category === cat).sort((a, b) => a.id.localeCompare(b.id));
    const inputs = cat === 'input' ? Object.entries(INPUT_RULES) : [];
    if (!rules.length && !inputs.length) continue;
    const [en, ko] = CATEGORY_NAMES[cat];
    lines.push(`## ${en} / ${ko} (\`${cat}\`)`, '');
    lines.push('| id | severity | applies to | English | 한국어 | docs |', '|---|---|---|---|---|---|');
    for (const r of rules) {
      lines.push(`| \`${r.id}\` | ${r.severity} | ${r.appliesTo.join(', ')} | **${cell(r.text.en.title)}** — ${cell(r.text.en.fix)} | **${cell(r.text.ko.title)}** — ${cell(r.text.ko.fix)} | [link](${r.docs}) |`);
    }
    for (const [id, r] of inputs) {
      lines.push(`| \`${id}\` | warning | v1, v2 | **${cell(r.en.title)}** | **${cell(r.ko.title)}** | [link](${r.docs}) |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
