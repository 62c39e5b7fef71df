/**
 * One input document (text) → a DocumentModel: detect the form, parse with positions, normalize.
 * Never throws: whatever goes wrong becomes a Problem with a line and column.
 */
import { parseJson } from './json';
import { binaryEvidence } from './decode';
import { buildLineIndex, excerptAt, lineColumnAt } from './positions';
import { arr, find, get, isObj, str, type Obj } from '../model/access';
import { normalizeGateway, looksLikeGateway } from '../model/normalize-gateway';
import {
  looksLikeBackendHealth, looksLikeEffectiveRoute, normalizeBackendHealth, normalizeEffectiveNsg, normalizeEffectiveRoutes,
  normalizeNic, normalizeNsg, normalizePublicIp, normalizeRouteTable, normalizeSubnet, normalizeVnet,
} from '../model/normalize-network';
import { emptyNetworkContext, type DocumentKind, type DocumentModel, type LostPart, type Problem, type Shape, type SourceRef } from '../model/types';
import type { ParsedUnit } from './parsed';
import { parsePsText, looksLikePsText } from './formats/ps-text';
import { loadTemplate, isTemplate } from './formats/arm-template';
import { problemExpression } from '../template/evaluator';
import { expandBundleInput, isBundle, loadBundleAsOne } from './formats/bundle';
import { loadTrafficText, trafficDocument } from '../traffic/load';
import type { StreamedTraffic } from '../traffic/stream';

export interface LoadedDocument {
  model: DocumentModel;
  /** Line lookup for pointers into this document (not part of the model: it holds functions). */
  locate(pointer: string): { line: number; column: number } | undefined;
}

export const MAX_INPUT_CHARS = 200 * 1024 * 1024;

function emptyDoc(name: string): DocumentModel {
  return {
    name,
    kind: 'unknown',
    shape: 'unknown',
    confidence: 0,
    problems: [],
    unknowns: [],
    gateways: [],
    backendHealth: [],
    effectiveNsgs: [],
    effectiveRoutes: [],
    ...emptyNetworkContext(),
  };
}

const GOOD_INPUT =
  'Paste the output of Get-AzApplicationGateway -Name <gw> -ResourceGroupName <rg> | ConvertTo-Json -Depth 100, or az network application-gateway show -g <rg> -n <gw>.';

export function loadText(name: string, text: string): LoadedDocument {
  const doc = emptyDoc(name);
  const noLocate = () => undefined;
  const problem = (message: string, line = 0, column = 0, hint = GOOD_INPUT, severity: Problem['severity'] = 'error') =>
    doc.problems.push({ message, line, column, severity, hint });
  try {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') {
      problem('The input is empty.', 1, 1);
      return { model: doc, locate: noLocate };
    }
    if (text.length > MAX_INPUT_CHARS) {
      problem(`The input is ${Math.round(text.length / 1048576)} MB: larger than the ${MAX_INPUT_CHARS / 1048576} MB this analyzer reads.`, 1, 1,
        'Export only the gateway (Get-AzApplicationGateway … | ConvertTo-Json -Depth 100), not a whole subscription.');
      return { model: doc, locate: noLocate };
    }
    const bin = binaryEvidence(text);
    if (bin !== undefined) {
      const idx = buildLineIndex(text);
      const { line, column } = lineColumnAt(idx, bin);
      problem('This looks like a binary file (an image, archive or program), not text output.', line, column,
        'Drop the .json or .txt file that the PowerShell or az command wrote.');
      return { model: doc, locate: noLocate };
    }
    // Access logs, metrics, App Service outputs, control-plane errors (traffic/load.ts sniffs a few KB first).
    const traffic = loadTrafficText(doc, text);
    if (traffic) return traffic;
    const first = text.trimStart()[0];
    if (first === '{' || first === '[') return loadJson(doc, text);
    return loadNonJson(doc, text);
  } catch (e) {
    // A bug of ours must not lose the user's other documents: report it as a problem of this one.
    problem(`The analyzer failed on this input (${(e as Error)?.message ?? e}). Please report it with the input.`, 0, 0);
    return { model: doc, locate: noLocate };
  }
}

/** A log file read as a stream (traffic/stream.ts) → the document loadText would have made of its whole text. */
export function loadStreamedTraffic(name: string, streamed: StreamedTraffic): LoadedDocument {
  // A copy: the engine may refine what it is given, and the same result is analysed again (new inputs, history).
  return trafficDocument(emptyDoc(name), { traffic: structuredClone(streamed.traffic), problems: structuredClone(streamed.problems) });
}

function loadNonJson(doc: DocumentModel, text: string): LoadedDocument {
  const psError = /^(?:[\w-]+ : .*|.*\n\s*\+ CategoryInfo\s*:.*|.*FullyQualifiedErrorId.*)$/m.exec(text);
  const ps = looksLikePsText(text);
  if (ps >= 0.3) {
    const parsed = parsePsText(text);
    doc.shape = 'ps-text';
    doc.problems.push(...parsed.problems);
    const units = parsed.blocks;
    const locators: ((p: string) => { line: number; column: number } | undefined)[] = [];
    units.forEach((b, i) => {
      locators.push((p) => b.locate(p) ?? { line: b.startLine, column: 1 });
      classifyUnit(doc, b.value, `/${i}`, 'ps-text', b.lost, b.kind);
    });
    doc.confidence = ps;
    finishKind(doc, 'ps-text');
    if (!units.length && !doc.problems.length) {
      doc.problems.push({ message: 'No PowerShell object was found in this console text.', line: 1, column: 1, severity: 'error', hint: GOOD_INPUT });
    }
    return {
      model: doc,
      locate(pointer) {
        const m = /^\/(\d+)(.*)$/.exec(pointer);
        if (!m) return undefined;
        return locators[Number(m[1])]?.(m[2]);
      },
    };
  }
  const idx = buildLineIndex(text);
  if (psError || /\bErrorCode\s*:|\bStatusCode\s*:\s*4\d\d|^ERROR: /m.test(text)) {
    const at = psError ? psError.index : 0;
    const { line, column } = lineColumnAt(idx, at);
    doc.problems.push({
      message: 'This is an error message from PowerShell or az, not the command\'s output.',
      line,
      column,
      severity: 'error',
      excerpt: excerptAt(text, idx, line, column),
      hint: 'Fix the command first (check the gateway name, resource group and subscription: Set-AzContext / az account set), then paste its output.',
    });
    return { model: doc, locate: () => undefined };
  }
  const { line, column } = { line: 1, column: 1 };
  doc.problems.push({
    message: 'This text is not JSON and not PowerShell console output of an Az cmdlet, so its form could not be recognised.',
    line,
    column,
    severity: 'error',
    excerpt: excerptAt(text, idx, 1, 1),
    hint: GOOD_INPUT,
  });
  return { model: doc, locate: () => undefined };
}

function loadJson(doc: DocumentModel, text: string): LoadedDocument {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    doc.problems.push(...parsed.problems);
    // Say which form it probably was even when it does not parse.
    if (/"\$schema"\s*:\s*"[^"]*deploymentTemplate/i.test(text.slice(0, 2000))) doc.kind = 'arm-template';
    return { model: doc, locate: () => undefined };
  }
  const jd = parsed.doc;
  const value = jd.value;
  if (isBundle(value)) {
    loadBundleAsOne(doc, value, loadText);
    return { model: doc, locate: (p) => jd.locate(p) };
  }
  if (jd.duplicates.length) {
    const at = jd.locate(jd.duplicates[0]);
    doc.problems.push({
      message: `${jd.duplicates.length} object(s) have the same key twice; every value is kept (as Azure would reject such a body, check the paste).`,
      line: at?.line ?? 0,
      column: at?.column ?? 0,
      severity: 'warning',
    });
  }
  if (isTemplate(value)) {
    const t = loadTemplate(value as Obj);
    for (const p of t.problems) {
      const at = jd.locate(p.pointer);
      doc.unknowns.push({ expression: problemExpression(p) ?? p.message, reason: p.message, line: at?.line ?? 0, column: at?.column ?? 0 });
    }
    doc.shape = 'arm-template';
    doc.confidence = 1;
    for (const r of t.resources) classifyUnit(doc, r.value, r.pointer, 'arm-template', [], undefined, r.type);
    finishKind(doc, 'arm-template');
    if (!doc.gateways.length && doc.kind === 'unknown') doc.kind = 'arm-template';
    return { model: doc, locate: (p) => jd.locate(p) };
  }
  // Lists: ARM `{value, nextLink}`, Resource Graph `{data}` (rows or columns+rows), az/PowerShell arrays.
  let items: { value: unknown; pointer: string }[] | undefined;
  let shape: Shape | undefined;
  if (Array.isArray(value)) items = value.map((v, i) => ({ value: v, pointer: `/${i}` }));
  else if (isObj(value)) {
    const v = find(value, 'value');
    const d = find(value, 'data');
    if (v && Array.isArray(v.value) && Object.keys(value).every((k) => /^(value|nextLink|@odata\..*)$/i.test(k))) {
      items = (v.value as unknown[]).map((x, i) => ({ value: x, pointer: `${v.path}/${i}` }));
      const next = str(get(value, 'nextLink'));
      if (next) {
        doc.problems.push({ message: 'This is one page of a longer list (it has a nextLink); resources on other pages are not included.', line: 1, column: 1, severity: 'info', hint: 'Use az rest with --url of the nextLink, or list the one gateway you need.' });
      }
    } else if (d && Object.keys(value).some((k) => /^(data|totalRecords|count|skipToken|resultTruncated|facets)$/i.test(k)) && !looksLikeGateway(value)) {
      shape = 'resource-graph';
      if (Array.isArray(d.value)) items = (d.value as unknown[]).map((x, i) => ({ value: x, pointer: `${d.path}/${i}` }));
      else if (isObj(d.value)) {
        const cols = arr(get(d.value, 'columns')).map((c) => str(get(c, 'name')) ?? str(c) ?? '');
        items = arr(get(d.value, 'rows')).map((row, i) => {
          const o: Obj = {};
          arr(row).forEach((cell, j) => (o[cols[j] ?? `col${j}`] = cell));
          return { value: o, pointer: `${d.path}/rows/${i}` };
        });
      }
    }
  }
  if (items) {
    // Effective NSG / routes come as lists of associations / routes, not resources.
    if (items.length && items.every((it) => isObj(it.value) && get(it.value, 'effectiveSecurityRules') !== undefined)) {
      doc.effectiveNsgs.push(normalizeEffectiveNsg(items.map((i) => i.value), items[0].pointer.replace(/\/\d+$/, ''), srcFn(doc.name)));
      doc.shape = shapeOf(items[0].value);
    } else if (items.length && items.every((it) => looksLikeEffectiveRoute(it.value))) {
      doc.effectiveRoutes.push(normalizeEffectiveRoutes(items.map((i) => i.value), items[0].pointer.replace(/\/\d+$/, ''), srcFn(doc.name)));
      doc.shape = shapeOf(items[0].value);
    } else {
      for (const it of items) classifyUnit(doc, it.value, it.pointer, undefined);
    }
    if (!items.length) {
      doc.problems.push({ message: 'The list is empty: no resource is in this output.', line: 1, column: 1, severity: 'warning', hint: GOOD_INPUT });
    }
  } else {
    classifyUnit(doc, value, '', undefined);
  }
  if (shape) doc.shape = shape;
  finishKind(doc, undefined);
  if (doc.kind === 'unknown' && !doc.problems.some((p) => p.severity === 'error')) {
    doc.problems.push({
      message: 'This JSON is not an Application Gateway, nor a network resource or companion output this analyzer knows.',
      line: 1,
      column: 1,
      severity: 'error',
      hint: GOOD_INPUT,
    });
  }
  return { model: doc, locate: (p) => jd.locate(p) };
}

/** A collect bundle's documents (several inputs from one), or undefined when the input is not a readable bundle. */
export function expandBundle(name: string, text: string): { name: string; text: string; collectedAt?: string }[] | undefined {
  return expandBundleInput({ name, text });
}

const srcFn = (document: string) => (pointer: string): SourceRef => ({ document, pointer });

/** PascalCase keys → PowerShell; `properties` wrapper → REST; flattened camelCase → az. */
export function shapeOf(v: unknown): Shape {
  if (!isObj(v)) return 'unknown';
  const keys = Object.keys(v);
  if (keys.some((k) => k.toLowerCase() === 'properties' && isObj(v[k]))) return 'arm-rest';
  const lettered = keys.filter((k) => /^[A-Za-z]/.test(k));
  const pascal = lettered.filter((k) => /^[A-Z]/.test(k)).length;
  if (lettered.length && pascal / lettered.length > 0.6) return 'ps-json';
  return 'cli-json';
}

const FRAGMENT_SIGNS: [string, string[]][] = [
  ['backendAddressPools', ['backendAddresses', 'backendIPConfigurations']],
  ['probes', ['unhealthyThreshold', 'pickHostNameFromBackendHttpSettings']],
  ['backendHttpSettingsCollection', ['requestTimeout', 'cookieBasedAffinity', 'pickHostNameFromBackendAddress']],
  ['httpListeners', ['frontendPort', 'frontendIPConfiguration', 'requireServerNameIndication']],
  ['requestRoutingRules', ['ruleType', 'httpListener']],
  ['urlPathMaps', ['pathRules', 'defaultBackendAddressPool']],
];

function fragmentOf(o: Obj): string | undefined {
  for (const [collection, signs] of FRAGMENT_SIGNS) if (signs.some((s) => get(o, s) !== undefined)) return collection;
  // A whole collection pasted alone: {"BackendAddressPools": [...]} (the guide's own sample).
  const keys = Object.keys(o);
  if (keys.length <= 2) {
    for (const [collection] of FRAGMENT_SIGNS) if (keys.some((k) => k.toLowerCase() === collection.toLowerCase() || k.toLowerCase() === collection.toLowerCase() + 'text')) return collection;
  }
  return undefined;
}

const TYPE_KIND: Record<string, string> = {
  'microsoft.network/applicationgateways': 'gateway',
  'microsoft.network/virtualnetworks': 'vnet',
  'microsoft.network/virtualnetworks/subnets': 'subnet',
  'microsoft.network/networksecuritygroups': 'nsg',
  'microsoft.network/routetables': 'route-table',
  'microsoft.network/publicipaddresses': 'public-ip',
  'microsoft.network/networkinterfaces': 'nic',
};

/** Put one resource-like value into the document, by its type or its shape. */
function classifyUnit(doc: DocumentModel, value: unknown, pointer: string, form: string | undefined, lost: LostPart[] = [], hint?: string, typeHint?: string): void {
  if (!isObj(value)) return;
  const src = srcFn(doc.name);
  const type = (typeHint ?? str(get(value, 'type')) ?? '').toLowerCase();
  let what = TYPE_KIND[type];
  if (!what && hint && hint !== 'unknown') what = hint;
  if (!what) {
    if (looksLikeGateway(value)) what = 'gateway';
    else if (looksLikeBackendHealth(value)) what = 'backend-health';
    else if (get(value, 'effectiveSecurityRules') !== undefined) what = 'effective-nsg';
    else if (get(value, 'addressSpace') !== undefined || get(value, 'dhcpOptions') !== undefined) what = 'vnet';
    else if (get(value, 'securityRules') !== undefined || get(value, 'defaultSecurityRules') !== undefined) what = 'nsg';
    else if (get(value, 'routes') !== undefined && get(value, 'backendAddressPools') === undefined) what = 'route-table';
    else if (get(value, 'publicIPAllocationMethod') !== undefined) what = 'public-ip';
    else if (get(value, 'ipConfigurations') !== undefined && (get(value, 'macAddress') !== undefined || get(value, 'enableIPForwarding') !== undefined || /networkInterfaces/i.test(str(get(value, 'id')) ?? ''))) what = 'nic';
    else if (get(value, 'addressPrefix') !== undefined && /\/subnets\//i.test(str(get(value, 'id')) ?? '')) what = 'subnet';
    else if (looksLikeEffectiveRoute(value)) what = 'effective-routes';
  }
  const shapeForm = form ?? shapeOf(value);
  switch (what) {
    case 'gateway':
      doc.gateways.push(normalizeGateway(value, pointer, { document: doc.name, form: shapeForm, lost }));
      break;
    case 'vnet':
      doc.virtualNetworks.push(normalizeVnet(value, pointer, src));
      break;
    case 'subnet':
      doc.subnets.push(normalizeSubnet(value, pointer, src));
      break;
    case 'nsg':
      doc.networkSecurityGroups.push(normalizeNsg(value, pointer, src));
      break;
    case 'route-table':
      doc.routeTables.push(normalizeRouteTable(value, pointer, src));
      break;
    case 'public-ip':
      doc.publicIpAddresses.push(normalizePublicIp(value, pointer, src));
      break;
    case 'nic':
      doc.networkInterfaces.push(normalizeNic(value, pointer, src));
      break;
    case 'backend-health':
      doc.backendHealth.push(normalizeBackendHealth(value, pointer, src));
      break;
    case 'effective-nsg': {
      const list = get(value, 'value');
      doc.effectiveNsgs.push(normalizeEffectiveNsg(Array.isArray(list) ? list : [value], pointer, src));
      break;
    }
    case 'effective-routes': {
      const list = get(value, 'value');
      doc.effectiveRoutes.push(normalizeEffectiveRoutes(Array.isArray(list) ? list : [value], pointer, src));
      break;
    }
    default: {
      const frag = fragmentOf(value);
      if (frag && !doc.fragmentOf) {
        doc.fragmentOf = frag;
        doc.problems.push({
          message: `This is a fragment (${frag}), not a whole gateway: it is shown as it is, but the checks need the whole gateway.`,
          line: 0,
          column: 0,
          severity: 'warning',
          hint: GOOD_INPUT,
        });
      }
    }
  }
  if (!doc.shape || doc.shape === 'unknown') doc.shape = (form as Shape) ?? shapeOf(value);
}

/** The document's kind: the gateway form when it holds a gateway, else what it holds. */
function finishKind(doc: DocumentModel, form: string | undefined): void {
  if (doc.gateways.length) {
    const f = form ?? doc.gateways[0].form;
    doc.kind = (f === 'resource-graph' ? 'arm-rest' : f) as DocumentKind;
    if (doc.shape === 'resource-graph') doc.kind = 'arm-rest';
  } else if (doc.backendHealth.length) doc.kind = 'backend-health';
  else if (doc.effectiveNsgs.length) doc.kind = 'effective-nsg';
  else if (doc.effectiveRoutes.length) doc.kind = 'effective-routes';
  else if (doc.virtualNetworks.length) doc.kind = 'vnet';
  else if (doc.networkSecurityGroups.length) doc.kind = 'nsg';
  else if (doc.routeTables.length) doc.kind = 'route-table';
  else if (doc.subnets.length) doc.kind = 'subnet';
  else if (doc.publicIpAddresses.length) doc.kind = 'public-ip';
  else if (doc.networkInterfaces.length) doc.kind = 'nic';
  else if (doc.fragmentOf) doc.kind = 'fragment';
  else doc.kind = form === 'arm-template' ? 'arm-template' : 'unknown';
  if (doc.kind !== 'unknown' && !doc.confidence) doc.confidence = doc.fragmentOf ? 0.5 : 0.9;
}
