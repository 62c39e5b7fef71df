/**
 * The JSON report contract (stable: later work adds fields, never removes or renames them).
 * See README "JSON report".
 */
import type { Severity } from '../model/types';
import type { Category, Commands, Evidence } from '../rules/types';
import type { RenderedText } from '../rules/engine';
import type { ReportTraffic } from '../traffic/types';

export type Locale = 'en' | 'ko';

export interface ReportProblem {
  message: string;
  line: number;
  column: number;
  severity: Severity;
  excerpt?: string;
  hint?: string;
  /** The message and hint in Korean, when known (see src/core/input/messages-ko.ts). */
  ko?: { message: string; hint?: string };
}

export interface ReportDocument {
  name: string;
  kind: string;
  shape: string;
  confidence: number;
  gateways: string[];
  problems: ReportProblem[];
  /** Template expressions that could not be evaluated (values not in the input; not problems). */
  unknowns: { expression: string; reason: string; line: number; column: number }[];
  /** What else the document holds (counts of VNets, NSGs, ... and backend-health servers). */
  contents: Record<string, number>;
}

export interface ReportGateway {
  name: string;
  id: string;
  resourceGroup?: string;
  sku?: string;
  tier?: string;
  generation: 'v1' | 'v2' | 'unknown';
  location?: string;
  operationalState?: string;
  provisioningState?: string;
  counts: Record<string, number>;
  lost: { part: string; reason: string; reasonKo?: string }[];
  document: string;
}

export interface ReportFinding {
  ruleId: string;
  category: Category;
  severity: Severity;
  gateway: string;
  resource: { type: string; name: string; id: string };
  title: string;
  message: string;
  effect?: string;
  fix: string;
  evidence: Evidence[];
  source: { document: string; pointer: string; line?: number } | null;
  commands: Commands;
  affected: string[];
  docs: string;
  /** Both languages, so a view can switch without analysing again. */
  text: { en: RenderedText; ko: RenderedText };
}

export interface Report {
  tool: { name: string; version: string };
  locale: Locale;
  generatedAt: string;
  documents: ReportDocument[];
  gateways: ReportGateway[];
  findings: ReportFinding[];
  summary: { error: number; warning: number; info: number };
  notes: { document: string; message: string }[];
  /** Access logs / metrics: 502 classes, buckets, top offenders, windows, samples (present only with such inputs). */
  traffic?: ReportTraffic;
}
