/**
 * The one entry: documents in, report out. Runs unchanged in the browser, the CLI and the tests.
 */
import { decodeBytes } from './input/decode';
import { loadStreamedTraffic, loadText, type LoadedDocument } from './input/load';
import type { StreamedTraffic } from './traffic/stream';
import { expandBundleInput, uniqueName } from './input/formats/bundle';
import { buildWorkspace } from './model/workspace';
import type { DocumentModel, Workspace } from './model/types';
import { runRules } from './rules/engine';
import { inputFindings } from './rules/input';
import { prepareCertificates } from './rules/certificates';
import { allRules } from './rules';
import type { Rule } from './rules/types';
import { buildReport } from './report/build';
import type { Locale, Report } from './report/contract';

export interface InputDocument {
  name: string;
  text?: string;
  bytes?: Uint8Array;
  /** A big log file already read as a stream (traffic/stream.ts): its aggregate stands for its text. */
  traffic?: StreamedTraffic;
}

export interface AnalyzeOptions {
  locale?: Locale;
  /** "Now" for certificate validity and the report time (tests fix it). */
  now?: Date;
  rules?: Rule[];
}

export interface Analysis {
  report: Report;
  workspace: Workspace;
}

export function loadDocument(input: InputDocument): LoadedDocument {
  if (input.text === undefined && input.bytes === undefined && input.traffic) {
    const loaded = loadStreamedTraffic(input.name, input.traffic);
    loaded.model.problems.unshift(...input.traffic.decodeProblems);
    return loaded;
  }
  let text = input.text;
  const decodeProblems = [];
  if (text === undefined) {
    const decoded = decodeBytes(input.bytes ?? new Uint8Array());
    text = decoded.text;
    decodeProblems.push(...decoded.problems);
  }
  const loaded = loadText(input.name, text);
  loaded.model.problems.unshift(...decodeProblems);
  return loaded;
}

export function loadWorkspace(inputs: InputDocument[]): { workspace: Workspace; locate: (doc: string, pointer: string) => { line: number; column: number } | undefined } {
  // A collect bundle is several documents in one file: expanded here, so the rest sees separate documents.
  const taken = new Set<string>();
  const loaded = inputs.flatMap((input) => {
    const docs = input.text === undefined && input.bytes === undefined ? undefined : expandBundleInput(input);
    if (!docs) {
      taken.add(input.name);
      return [loadDocument(input)];
    }
    return docs.map((d) => {
      const l = loadDocument({ name: uniqueName(d.name, taken), text: d.text });
      l.model.timestamp ??= d.collectedAt;
      return l;
    });
  });
  const byName = new Map<string, LoadedDocument>();
  for (const l of loaded) byName.set(l.model.name, l);
  const docs: DocumentModel[] = loaded.map((l) => l.model);
  return {
    workspace: buildWorkspace(docs),
    locate: (doc, pointer) => {
      try {
        return byName.get(doc)?.locate(pointer);
      } catch {
        return undefined;
      }
    },
  };
}

export async function analyze(inputs: InputDocument[], options: AnalyzeOptions = {}): Promise<Analysis> {
  const now = options.now ?? new Date();
  const { workspace, locate } = loadWorkspace(inputs);
  const certificates = await prepareCertificates(workspace, now);
  const findings = [...inputFindings(workspace), ...runRules(options.rules ?? allRules, workspace, certificates)];
  const report = buildReport(workspace, findings, locate, options.locale ?? 'en', now);
  return { report, workspace };
}
