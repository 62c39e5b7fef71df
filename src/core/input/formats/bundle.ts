/**
 * The collect bundle: one JSON file holding several outputs, written by the collect scripts
 * (src/azure/collect-script.ts) and by "save what was read" after reading from Azure:
 *
 *   {"appgw502doctorBundle": 1, "collectedAt": "2025-01-31T10:00:00Z",
 *    "documents": [{"name": "gateway.json", "content": {...the JSON output as an object...}},
 *                  {"name": "health.txt",   "content": "...text output..."}]}
 *
 * A bundle is expanded into its documents before loading (analyze.ts loadWorkspace), so the engine sees
 * exactly what it would see had each output been pasted on its own. Pure: no DOM, no I/O.
 */
import { decodeBytes } from '../decode';
import { isObj, type Obj } from '../../model/access';
import type { DocumentModel } from '../../model/types';

export const BUNDLE_KEY = 'appgw502doctorBundle';
export const BUNDLE_VERSION = 1;

export interface BundleDocument {
  name: string;
  /** The output as it was: a JSON value (object/array) or text. */
  content: unknown;
}

export interface Bundle {
  appgw502doctorBundle: 1;
  collectedAt?: string;
  /** Who made it: "collect-script/powershell", "collect-script/bash", "azure-sign-in", ... (free text). */
  source?: string;
  documents: BundleDocument[];
}

export interface ExpandedDocument {
  name: string;
  text: string;
  /** The bundle's collectedAt, when it has one (used as the documents' timestamp). */
  collectedAt?: string;
}

/** Cheap test on the first characters: could this text be a bundle at all? (No parse.) */
export function mightBeBundle(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('{') && head.includes(`"${BUNDLE_KEY}"`);
}

/** The parsed value carries the bundle marker (whatever its version or shape). */
export function isBundle(value: unknown): value is Obj {
  return isObj(value) && Object.prototype.hasOwnProperty.call(value, BUNDLE_KEY);
}

/** Why a value marked as a bundle cannot be read, or undefined when it can. */
export function bundleError(value: Obj): string | undefined {
  const version = value[BUNDLE_KEY];
  if (version !== BUNDLE_VERSION) {
    return `This collect bundle has version ${JSON.stringify(version)}; this analyzer reads version ${BUNDLE_VERSION}. Run the collect script from this version of the app again.`;
  }
  if (!Array.isArray(value.documents)) return 'This collect bundle has no "documents" list.';
  return undefined;
}

function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (content === undefined || content === null) return undefined;
  return JSON.stringify(content, null, 2);
}

/**
 * The documents of a parsed bundle, named uniquely (a second "gateway.json" becomes "gateway-2.json").
 * Entries with no content are dropped and listed in `skipped`.
 */
export function bundleDocuments(value: Obj, bundleName = 'bundle'): { documents: ExpandedDocument[]; skipped: string[] } {
  const collectedAt = typeof value.collectedAt === 'string' && value.collectedAt.trim() ? value.collectedAt : undefined;
  const documents: ExpandedDocument[] = [];
  const skipped: string[] = [];
  const taken = new Set<string>();
  const list = Array.isArray(value.documents) ? value.documents : [];
  list.forEach((d, i) => {
    const rawName = isObj(d) && typeof d.name === 'string' && d.name.trim() ? d.name.trim() : `${bundleName.replace(/\.[^.]*$/, '')}-${i + 1}.json`;
    const text = isObj(d) ? contentText(d.content) : undefined;
    if (text === undefined) {
      skipped.push(rawName);
      return;
    }
    documents.push({ name: uniqueName(rawName, taken), text, collectedAt });
  });
  return { documents, skipped };
}

export function uniqueName(name: string, taken: Set<string>): string {
  let out = name;
  if (taken.has(out)) {
    const m = /^(.*?)(\.[^.]*)?$/.exec(name)!;
    for (let n = 2; taken.has(out); n++) out = `${m[1]}-${n}${m[2] ?? ''}`;
  }
  taken.add(out);
  return out;
}

/**
 * A bundle's documents, or undefined when the text is not a readable bundle (then it is loaded as
 * one document, and the loader says what is wrong with it).
 */
export function expandBundleText(text: string, bundleName?: string): ExpandedDocument[] | undefined {
  if (!mightBeBundle(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!isBundle(value) || bundleError(value)) return undefined;
  const { documents } = bundleDocuments(value, bundleName);
  return documents.length ? documents : undefined;
}

/** The same, for an input that may still be bytes (a dropped file, possibly UTF-16 from Windows PowerShell). */
export function expandBundleInput(input: { name: string; text?: string; bytes?: Uint8Array }): ExpandedDocument[] | undefined {
  if (input.text !== undefined) return expandBundleText(input.text, input.name);
  const bytes = input.bytes ?? new Uint8Array();
  if (!mightBeBundle(decodeBytes(bytes.subarray(0, 8192)).text)) return undefined;
  return expandBundleText(decodeBytes(bytes).text, input.name);
}

/** Builds a bundle (used by the Azure collector's "save what was read", and in tests). */
export function makeBundle(documents: { name: string; text: string }[], collectedAt: string, source?: string): Bundle {
  return {
    appgw502doctorBundle: 1,
    collectedAt,
    ...(source ? { source } : {}),
    documents: documents.map((d) => {
      let content: unknown = d.text;
      try {
        const parsed = JSON.parse(d.text);
        if (parsed !== null && typeof parsed === 'object') content = parsed;
      } catch {
        /* text output stays text */
      }
      return { name: d.name, content };
    }),
  };
}

type Loaded = { model: DocumentModel };

/**
 * A bundle loaded as one document (only when something loads it on its own; analyze.ts expands bundles
 * first): its documents are loaded one by one and their contents put into `doc`, problems prefixed with the
 * inner document's name. A bundle this version cannot read becomes one error problem.
 */
export function loadBundleAsOne(doc: DocumentModel, value: Obj, load: (name: string, text: string) => Loaded): void {
  const err = bundleError(value);
  if (err) {
    doc.problems.push({ message: err, line: 1, column: 1, severity: 'error' });
    return;
  }
  const { documents, skipped } = bundleDocuments(value);
  if (skipped.length) doc.problems.push({ message: `Bundle entries without content were skipped: ${skipped.join(', ')}.`, line: 0, column: 0, severity: 'warning' });
  if (!documents.length) doc.problems.push({ message: 'This collect bundle holds no documents.', line: 1, column: 1, severity: 'error' });
  for (const d of documents) {
    const inner = load(d.name, d.text).model;
    doc.problems.push(...inner.problems.map((p) => ({ ...p, message: `${d.name}: ${p.message}`, line: 0, column: 0 })));
    doc.unknowns.push(...inner.unknowns);
    doc.gateways.push(...inner.gateways);
    doc.backendHealth.push(...inner.backendHealth);
    doc.effectiveNsgs.push(...inner.effectiveNsgs);
    doc.effectiveRoutes.push(...inner.effectiveRoutes);
    doc.virtualNetworks.push(...inner.virtualNetworks);
    doc.subnets.push(...inner.subnets);
    doc.networkSecurityGroups.push(...inner.networkSecurityGroups);
    doc.routeTables.push(...inner.routeTables);
    doc.publicIpAddresses.push(...inner.publicIpAddresses);
    doc.networkInterfaces.push(...inner.networkInterfaces);
    if (doc.kind === 'unknown' && inner.kind !== 'unknown') {
      doc.kind = inner.kind;
      doc.shape = inner.shape;
    }
    if (inner.kind !== 'unknown' && inner.gateways.length) {
      doc.kind = inner.kind;
      doc.shape = inner.shape;
    }
  }
  doc.confidence = doc.kind === 'unknown' ? 0 : 1;
  if (typeof value.collectedAt === 'string') doc.timestamp = value.collectedAt;
}
