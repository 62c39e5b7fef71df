/** Messages between the page and the engine worker. Everything in them is plain, cloneable data. */
import type { InputDocument } from '../core/analyze';
import type { Report } from '../core/report/contract';
import type { Workspace } from '../core/model/types';

export interface AnalyzeRequest {
  id: number;
  inputs: InputDocument[];
  locale: 'en' | 'ko';
  /** ISO time the analysis treats as now. */
  now: string;
}

export type AnalyzeResponse =
  | { id: number; ok: true; report: Report; workspace: Workspace; ms: number }
  | { id: number; ok: false; error: string };

export interface EngineResult {
  report: Report;
  workspace: Workspace;
  ms: number;
  where: 'worker' | 'main';
}

export interface EngineHost {
  readonly where: 'worker' | 'main';
  analyze(inputs: InputDocument[], options: { locale: 'en' | 'ko'; now: Date }): Promise<EngineResult>;
}
