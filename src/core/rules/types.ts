/**
 * The rule contract. One rule per file in this folder (file name = rule id), with its metadata and
 * both languages beside its logic; `index.ts` lists them all. Placeholders `{name}` in the texts are
 * filled from the finding's `params`.
 */
import type { Gateway, Severity, SourceRef, Workspace } from '../model/types';
import type { GatewayIndex, NetworkIndex } from '../model/resolve';
import type { CertificateLookup } from './certificates';

export type Category =
  | 'nsg'
  | 'udr'
  | 'dns'
  | 'default-probe'
  | 'custom-probe'
  | 'request-timeout'
  | 'empty-pool'
  | 'unhealthy-backend'
  | 'backend-tls'
  | 'gateway'
  | 'input'
  | 'capacity'
  | 'backend-app';

/** The guide's order (azure-facts.md section 1), then the expert checks. */
export const CATEGORY_ORDER: Category[] = [
  'nsg', 'udr', 'dns', 'default-probe', 'custom-probe', 'request-timeout', 'empty-pool', 'unhealthy-backend',
  'backend-tls', 'gateway', 'capacity', 'backend-app', 'input',
];

export interface RuleText {
  /** Short title, no placeholders needed. */
  title: string;
  /** What was found, with the user's values: `Probe {probe} has path "{path}".` */
  message: string;
  /** What it does to traffic: which listeners / host names get 502 or 504. */
  effect?: string;
  /** How to fix it, in words (commands go in `commands`). */
  fix: string;
}

export interface RuleMeta {
  id: string;
  category: Category;
  severity: Severity;
  appliesTo: ('v1' | 'v2')[];
  /** Microsoft doc the rule follows (see ../shared/reference/azure-facts.md). */
  docs: string;
  text: { en: RuleText; ko: RuleText };
}

export interface Evidence {
  /** Where the value is, in ARM terms: `backendHttpSettingsCollection[settings1].requestTimeout`. */
  path: string;
  value: string;
  source?: SourceRef;
}

export interface Commands {
  /** Az PowerShell lines, filled with the user's names. */
  powershell?: string[];
  /** az CLI lines, filled with the user's names. */
  az?: string[];
}

export interface FindingInput {
  resource: { type: string; name: string; id: string };
  source?: SourceRef;
  params?: Record<string, string | number>;
  evidence?: Evidence[];
  /** Overrides the rule's default severity for this finding (say why in the message). */
  severity?: Severity;
  commands?: Commands;
  /** Listener names (and host names) whose requests this affects. */
  affected?: string[];
}

export interface RuleContext {
  workspace: Workspace;
  gateway: Gateway;
  gw: GatewayIndex;
  net: NetworkIndex;
  certificates: CertificateLookup;
  report(finding: FindingInput): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
