/**
 * Runs every rule over every gateway of a workspace and renders findings in both languages.
 * A rule that throws becomes an `input` finding about itself: one broken rule never hides the others.
 */
import { indexGateway, indexNetwork } from '../model/resolve';
import type { Gateway, Severity, SourceRef, Workspace } from '../model/types';
import type { CertificateLookup } from './certificates';
import type { Category, Commands, Evidence, FindingInput, Rule, RuleText } from './types';

export interface RenderedText {
  title: string;
  message: string;
  effect?: string;
  fix: string;
}

export interface EngineFinding {
  ruleId: string;
  category: Category;
  severity: Severity;
  gateway: string;
  gatewayId: string;
  resource: { type: string; name: string; id: string };
  evidence: Evidence[];
  source?: SourceRef;
  commands: Commands;
  affected: string[];
  docs: string;
  text: { en: RenderedText; ko: RenderedText };
}

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] !== undefined ? String(params[k]) : m));
}

export function render(text: RuleText, params: Record<string, string | number> = {}): RenderedText {
  return {
    title: fill(text.title, params),
    message: fill(text.message, params),
    effect: text.effect ? fill(text.effect, params) : undefined,
    fix: fill(text.fix, params),
  };
}

export function runRules(rules: Rule[], ws: Workspace, certificates: CertificateLookup): EngineFinding[] {
  const findings: EngineFinding[] = [];
  const net = indexNetwork(ws);
  for (const gateway of ws.gateways) {
    for (const rule of rules) {
      if (!appliesTo(rule, gateway)) continue;
      const report = (f: FindingInput) => findings.push(toFinding(rule, gateway, f));
      try {
        rule.check({ workspace: ws, gateway, gw: indexGateway(gateway), net, certificates, report });
      } catch (e) {
        findings.push({
          ruleId: rule.id,
          category: 'input',
          severity: 'info',
          gateway: gateway.name,
          gatewayId: gateway.id,
          resource: { type: 'applicationGateways', name: gateway.name, id: gateway.id },
          evidence: [{ path: 'error', value: String((e as Error)?.message ?? e) }],
          commands: {},
          affected: [],
          docs: rule.docs,
          text: {
            en: { title: `Check ${rule.id} could not run`, message: `The check stopped on this input: ${String((e as Error)?.message ?? e)}`, fix: 'Please report this with the input.' },
            ko: { title: `${rule.id} 검사를 실행할 수 없습니다`, message: `이 입력에서 검사가 중단되었습니다: ${String((e as Error)?.message ?? e)}`, fix: '입력과 함께 이 문제를 알려 주세요.' },
          },
        });
      }
    }
  }
  return findings;
}

function appliesTo(rule: Rule, gateway: Gateway): boolean {
  // A gateway whose SKU is unknown gets every rule: each rule words what depends on the SKU.
  if (gateway.generation === 'unknown') return true;
  return rule.appliesTo.includes(gateway.generation);
}

function toFinding(rule: Rule, gateway: Gateway, f: FindingInput): EngineFinding {
  const params = { gateway: gateway.name, resourceGroup: gateway.resourceGroup ?? '<resource-group>', ...f.params };
  return {
    ruleId: rule.id,
    category: rule.category,
    severity: f.severity ?? rule.severity,
    gateway: gateway.name,
    gatewayId: gateway.id,
    resource: f.resource,
    evidence: f.evidence ?? [],
    source: f.source,
    commands: f.commands ?? {},
    affected: f.affected ?? [],
    docs: rule.docs,
    text: { en: render(rule.text.en, params), ko: render(rule.text.ko, params) },
  };
}
