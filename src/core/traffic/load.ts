/**
 * The loader's door to traffic inputs: `loadTrafficText` answers a LoadedDocument for access/performance/firewall
 * logs, metrics, App Service outputs and control-plane errors, and undefined for anything else (then the loader
 * reads the text as a gateway or network resource). It first sniffs a few KB so other inputs cost almost nothing.
 */
import type { LoadedDocument } from '../input/load';
import type { DocumentKind, DocumentModel, Problem } from '../model/types';
import type { TrafficDocument } from './types';
import { createTrafficAccumulator, csvHeaderScore } from './accumulate';
import { mentionsKnownCode } from './control-plane';
import { looksLikePsText } from '../input/formats/ps-text';

const SNIFF_BYTES = 8192;

const LOG_HINT = /"(?:category|operationName|Type|TableName)"\s*:\s*"(?:ApplicationGateway(?:Access|Performance|Firewall)(?:Log)?|AGW(?:Access|Performance|Firewall)Logs)"/i;
const TABLES_HINT = /"tables"\s*:\s*\[/i;
const METRIC_HINT = /"timeseries"\s*:/i;
const APP_HINT = /"type"\s*:\s*"Microsoft\.Web\/sites|"ip_?security_?restrictions"\s*:|"hostNameType"\s*:|"enabledHostNames"\s*:|"defaultHostName"\s*:/i;
const ERROR_HINT = /"error"\s*:\s*\{\s*"code"|"statusMessage"\s*:|"DeploymentFailed"|"provisioningState"\s*:\s*"Failed"/i;
const LA_ROW_HINT = /"(?:TimeGenerated|timeStamp_t)"\s*:/i;
const LA_STATUS_HINT = /"(?:HttpStatus|httpStatus_d|healthyHostCount_d|ruleId_s)"\s*:/i;
const KQL_HINT = /"Class"\s*:[\s\S]*"Requests"\s*:/;

/** Could this text be a traffic input? Cheap: looks at the first few KB only. */
export function sniffTraffic(text: string): boolean {
  let head = text.length > SNIFF_BYTES ? text.slice(0, SNIFF_BYTES) : text;
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const t = head.trimStart();
  if (!t) return false;
  const c = t[0];
  if (c === '{' || c === '[') {
    if (LOG_HINT.test(t) || METRIC_HINT.test(t) || APP_HINT.test(t) || KQL_HINT.test(t)) return true;
    if (TABLES_HINT.test(t) && /"columns"\s*:/.test(t)) return true;
    if (LA_ROW_HINT.test(t) && LA_STATUS_HINT.test(t)) return true;
    if (ERROR_HINT.test(t) || mentionsKnownCode(t)) return true;
    return false;
  }
  const nl = t.indexOf('\n');
  const firstLine = (nl < 0 ? t : t.slice(0, nl)).replace(/\r$/, '');
  const second = /^sep=.$/i.test(firstLine.trim()) && nl >= 0 ? t.slice(nl + 1).split('\n', 1)[0] : undefined;
  if (csvHeaderScore(second ?? firstLine) >= 3) return true;
  // Control-plane errors pasted as text: a known code anywhere in the first 64 KB.
  return mentionsKnownCode(text.length > 65536 ? text.slice(0, 65536) : text);
}

const KIND: Record<string, DocumentKind> = {
  'access-log': 'access-log',
  metrics: 'metrics',
  'app-service': 'app-service',
  'control-plane-error': 'control-plane-error',
  'performance-log': 'performance-log',
  'firewall-log': 'firewall-log',
};

/** Chunk size used to feed a whole text through the streaming reader (the same path the Web Worker uses). */
const CHUNK = 4 * 1024 * 1024;

export function loadTrafficText(doc: DocumentModel, text: string): LoadedDocument | undefined {
  if (!sniffTraffic(text)) return undefined;
  const acc = createTrafficAccumulator({ document: doc.name });
  for (let i = 0; i < text.length; i += CHUNK) acc.push(text.slice(i, i + CHUNK));
  const { traffic, problems } = acc.finish();
  if (!traffic) return undefined;
  // A PowerShell console paste that also shows an error: the objects in it matter more (the ps-text reader keeps them).
  if (traffic.format === 'control-plane-text' && looksLikePsText(text) >= 0.3) return undefined;
  return trafficDocument(doc, { traffic, problems });
}

/**
 * A traffic result (read from the whole text above, or streamed from a file by stream.ts) → the document: the same
 * kind, shape, confidence, problems and line lookup either way, so both paths give the same report.
 */
export function trafficDocument(doc: DocumentModel, result: { traffic: TrafficDocument; problems: Problem[] }): LoadedDocument {
  const { traffic, problems } = result;
  doc.kind = KIND[traffic.kind];
  doc.shape = traffic.format === 'cli-query-json' || traffic.format === 'app-service-json' || traffic.format === 'metrics-json' ? 'cli-json' : 'unknown';
  doc.confidence = problems.some((p) => p.severity === 'error') ? 0.5 : 0.95;
  doc.problems.push(...problems);
  doc.traffic = traffic;
  return {
    model: doc,
    locate(pointer) {
      const m = /^\/line\/(\d+)/.exec(pointer);
      return m ? { line: Number(m[1]), column: 1 } : undefined;
    },
  };
}
