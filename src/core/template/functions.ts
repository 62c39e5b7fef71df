/**
 * ARM template built-in functions that are pure functions of their (already evaluated) arguments and
 * the deployment context. Functions that need evaluator state (parameters, variables, copyIndex, the
 * lazy if/and/or, lambda) live in evaluator.ts.
 *
 * Semantics follow the ARM documentation; where it is silent they follow the ResourceStack expression
 * engine (e.g. concat skips nulls, booleans print as True/False, items() sorts keys ignoring case).
 *
 * A function signals a type or range error by throwing FnError; the evaluator turns it into a named
 * unknown naming the call. Named unknowns in arguments are handled per function by `unknowns`:
 *  - 'deep' (default): any unknown anywhere in the arguments makes the result that unknown;
 *  - 'top': only a top-level unknown argument does; unknowns nested inside arrays/objects are carried
 *    through (length(), first(), union() of objects... stay exact);
 *  - 'all': the function handles unknowns itself (coalesce, createArray, createObject).
 */
import { armGuid, base64Decode, base64Encode, uniqueString, utf8Decode, utf8Encode } from './hash';
import { isPlainObject, isUnknown, makeUnknown, setKey, type Json, type Unknown } from './types';

export class FnError extends Error {}

/** A lambda created by lambda(); opaque here, invoked through FnContext.invoke. */
export interface LambdaLike {
  readonly isLambda: true;
  readonly params: readonly string[];
}

export type Value = Json | LambdaLike;

export interface DeploymentContext {
  subscriptionId: string | Unknown;
  resourceGroupName: string | Unknown;
  location: string;
}

export interface FnContext {
  deployment: DeploymentContext;
  invoke(fn: Value, args: Value[]): Value;
}

export interface FunctionSpec {
  min: number;
  max: number;
  unknowns?: 'deep' | 'top' | 'all';
  fn(args: Value[], fx: FnContext): Value;
}

export function isLambda(v: unknown): v is LambdaLike {
  return typeof v === 'object' && v !== null && (v as { isLambda?: unknown }).isLambda === true;
}

// ---------------------------------------------------------------------------------------------------
// Value helpers

export function typeName(v: Value | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isLambda(v)) return 'lambda';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return typeof v;
}

const unknownCache = new WeakMap<object, Unknown | null>();

/** First named unknown anywhere inside `v` (iterative: values can be deeper than the call stack likes). */
export function findUnknown(v: Value | undefined): Unknown | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  if (isUnknown(v)) return v;
  if (isLambda(v)) return undefined;
  const cached = unknownCache.get(v);
  if (cached !== undefined) return cached ?? undefined;
  const stack: object[] = [v];
  let found: Unknown | undefined;
  while (stack.length && !found) {
    const cur = stack.pop() as object;
    const children = Array.isArray(cur) ? cur : isLambda(cur) ? [] : Object.values(cur);
    for (const c of children) {
      if (typeof c !== 'object' || c === null) continue;
      if (isUnknown(c)) {
        found = c;
        break;
      }
      const hit = unknownCache.get(c);
      if (hit === null) continue;
      if (hit) {
        found = hit;
        break;
      }
      stack.push(c);
    }
  }
  unknownCache.set(v, found ?? null);
  return found;
}

export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isLambda(a) || isLambda(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, Json>)[k], (b as Record<string, Json>)[k]));
}

/** Exact key first, then ignoring case, as ARM resolves property names. */
export function getProperty(obj: { [key: string]: Json }, key: string): { found: boolean; value: Json } {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return { found: true, value: obj[key] };
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return { found: true, value: obj[k] };
  return { found: false, value: null };
}

/** Depth of nested arrays/objects, computed without recursion; stops counting past `limit`. */
export function exceedsDepth(v: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length) {
    const [cur, d] = stack.pop() as [unknown, number];
    if (typeof cur !== 'object' || cur === null) continue;
    if (d >= limit) return true;
    for (const c of Array.isArray(cur) ? cur : Object.values(cur)) stack.push([c, d + 1]);
  }
  return false;
}

/** Compact JSON, as ARM prints arrays and objects inside strings. */
export function toJsonText(v: Value): string {
  return JSON.stringify(v);
}

/** How ARM turns a scalar into text inside concat/format/string. */
export function toText(v: Value, fn: string): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (isLambda(v)) throw new FnError(`${fn} cannot use a lambda as a value`);
  return toJsonText(v);
}

function str(v: Value, what: string): string {
  if (typeof v !== 'string') throw new FnError(`${what} must be a string, got ${typeName(v)}`);
  return v;
}

function int(v: Value, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new FnError(`${what} must be an integer, got ${typeName(v)}`);
  return v;
}

function num(v: Value, what: string): number {
  if (typeof v !== 'number') throw new FnError(`${what} must be a number, got ${typeName(v)}`);
  return v;
}

function bool(v: Value, what: string): boolean {
  if (typeof v !== 'boolean') throw new FnError(`${what} must be a boolean, got ${typeName(v)}`);
  return v;
}

function arr(v: Value, what: string): Value[] {
  if (!Array.isArray(v)) throw new FnError(`${what} must be an array, got ${typeName(v)}`);
  return v;
}

function obj(v: Value, what: string): { [key: string]: Json } {
  if (!isPlainObject(v)) throw new FnError(`${what} must be an object, got ${typeName(v)}`);
  return v;
}

function checkedInt(n: number, fn: string): number {
  if (!Number.isSafeInteger(n)) throw new FnError(`${fn} overflowed`);
  return n;
}

function lowerIndexOf(hay: string, needle: string, last: boolean): number {
  const h = hay.toLowerCase();
  const n = needle.toLowerCase();
  return last ? h.lastIndexOf(n) : h.indexOf(n);
}

// ---------------------------------------------------------------------------------------------------
// format(): .NET composite formatting ({0}, {0,5}, {0:D3}, {{ }})

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatNumber(n: number, spec: string): string {
  const m = /^([A-Za-z])(\d*)$/.exec(spec);
  if (m) {
    const letter = m[1];
    const precision = m[2] === '' ? undefined : Number(m[2]);
    switch (letter.toUpperCase()) {
      case 'D': {
        if (!Number.isInteger(n)) throw new FnError(`format specifier '${spec}' needs an integer`);
        const digits = String(Math.abs(n)).padStart(precision ?? 0, '0');
        return n < 0 ? `-${digits}` : digits;
      }
      case 'X': {
        if (!Number.isInteger(n) || n < 0) throw new FnError(`format specifier '${spec}' needs a non-negative integer`);
        const hex = n.toString(16).padStart(precision ?? 0, '0');
        return letter === 'X' ? hex.toUpperCase() : hex;
      }
      case 'F':
        return n.toFixed(precision ?? 2);
      case 'N': {
        const fixed = Math.abs(n).toFixed(precision ?? 2);
        const [i, f] = fixed.split('.');
        return `${n < 0 ? '-' : ''}${groupThousands(i)}${f !== undefined ? `.${f}` : ''}`;
      }
      case 'P': {
        const fixed = Math.abs(n * 100).toFixed(precision ?? 2);
        const [i, f] = fixed.split('.');
        return `${n < 0 ? '-' : ''}${groupThousands(i)}${f !== undefined ? `.${f}` : ''} %`;
      }
      case 'G':
        return String(n);
      default:
        throw new FnError(`unsupported numeric format '${spec}'`);
    }
  }
  // Custom numeric formats limited to digit placeholders: '000', '#,##0', '0.00'.
  if (/^[0#,]*(\.[0#]*)?$/.test(spec) && spec !== '') {
    const [intSpec, fracSpec = ''] = spec.split('.');
    const minInt = (intSpec.match(/0/g) ?? []).length;
    const minFrac = (fracSpec.match(/0/g) ?? []).length;
    const maxFrac = fracSpec.length;
    let fixed = Math.abs(n).toFixed(maxFrac);
    if (maxFrac > minFrac) fixed = fixed.replace(new RegExp(`0{1,${maxFrac - minFrac}}$`), '').replace(/\.$/, '');
    let [i, f] = fixed.split('.');
    if (i === '0' && minInt === 0) i = '';
    i = i.padStart(minInt, '0');
    if (intSpec.includes(',')) i = groupThousands(i);
    const body = `${i}${f !== undefined && f !== '' ? `.${f}` : ''}`;
    return n < 0 && /[1-9]/.test(body) ? `-${body}` : body;
  }
  throw new FnError(`unsupported numeric format '${spec}'`);
}

function formatItem(v: Value, spec: string | undefined): string {
  if (spec !== undefined && spec !== '' && typeof v === 'number') return formatNumber(v, spec);
  return toText(v, 'format()');
}

export function dotnetFormat(fmt: string, args: Value[]): string {
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c === '{') {
      if (fmt[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      const close = fmt.indexOf('}', i);
      if (close < 0) throw new FnError(`format string has an unclosed '{' at ${i}`);
      const item = fmt.slice(i + 1, close);
      const m = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::([\s\S]*))?$/.exec(item);
      if (!m) throw new FnError(`invalid format item '{${item}}'`);
      const index = Number(m[1]);
      if (index >= args.length) throw new FnError(`format item {${index}} has no matching argument`);
      let text = formatItem(args[index], m[3]);
      if (m[2] !== undefined) {
        const width = Number(m[2]);
        text = width >= 0 ? text.padStart(width) : text.padEnd(-width);
      }
      out += text;
      i = close + 1;
    } else if (c === '}') {
      if (fmt[i + 1] !== '}') throw new FnError(`format string has an unmatched '}' at ${i}`);
      out += '}';
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Resource ids

function trimSlashes(s: string): string {
  return s.replace(/^\/+|\/+$/g, '');
}

/**
 * The first argument containing '/' is the resource type; up to `maxScope` arguments before it are
 * scope values (subscription id, resource group). Names may be given one per argument or slash-joined.
 */
function typeAndNames(fn: string, args: string[], maxScope: number): { scope: string[]; path: string } {
  const ti = args.findIndex((a) => a.includes('/'));
  if (ti < 0) throw new FnError(`${fn} needs a resource type such as 'Microsoft.Network/virtualNetworks'`);
  if (ti > maxScope) throw new FnError(`${fn} accepts at most ${maxScope} argument(s) before the resource type`);
  const typeSegments = trimSlashes(args[ti]).split('/');
  const names = args.slice(ti + 1).flatMap((n) => trimSlashes(n).split('/'));
  if (typeSegments.length < 2) throw new FnError(`'${args[ti]}' is not a resource type`);
  if (names.length !== typeSegments.length - 1) {
    throw new FnError(`resource type '${trimSlashes(args[ti])}' needs ${typeSegments.length - 1} name segment(s), got ${names.length}`);
  }
  let path = typeSegments[0];
  for (let i = 1; i < typeSegments.length; i++) path += `/${typeSegments[i]}/${names[i - 1]}`;
  return { scope: args.slice(0, ti), path };
}

function allStrings(fn: string, args: Value[]): string[] {
  return args.map((a, i) => str(a, `${fn} argument ${i + 1}`));
}

function resourceGroupId(d: DeploymentContext): string | Unknown {
  if (isUnknown(d.subscriptionId)) return d.subscriptionId;
  if (isUnknown(d.resourceGroupName)) return d.resourceGroupName;
  return `/subscriptions/${d.subscriptionId}/resourceGroups/${d.resourceGroupName}`;
}

function resourceId(args: Value[], fx: FnContext): Value {
  const parts = allStrings('resourceId()', args);
  // Some published templates pass a full resource id followed by '/child/name' segments
  // (resourceId(variables('gatewayId'), '/sslCertificates/cert1')); ARM accepts it, so we join them.
  if (parts[0].startsWith('/')) {
    if (parts.length < 2) throw new FnError('resourceId() with a resource id needs child segments');
    return [parts[0].replace(/\/+$/, ''), ...parts.slice(1).map(trimSlashes)].join('/');
  }
  const { scope, path } = typeAndNames('resourceId()', parts, 2);
  const d = fx.deployment;
  const sub = scope.length === 2 ? scope[0] : d.subscriptionId;
  const rg = scope.length >= 1 ? scope[scope.length - 1] : d.resourceGroupName;
  if (isUnknown(sub)) return sub;
  if (isUnknown(rg)) return rg;
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/${path}`;
}

function subscriptionResourceId(args: Value[], fx: FnContext): Value {
  const { scope, path } = typeAndNames('subscriptionResourceId()', allStrings('subscriptionResourceId()', args), 1);
  const sub = scope.length === 1 ? scope[0] : fx.deployment.subscriptionId;
  if (isUnknown(sub)) return sub;
  return `/subscriptions/${sub}/providers/${path}`;
}

function tenantResourceId(args: Value[]): Value {
  const { path } = typeAndNames('tenantResourceId()', allStrings('tenantResourceId()', args), 0);
  return `/providers/${path}`;
}

function extensionResourceId(args: Value[]): Value {
  const parts = allStrings('extensionResourceId()', args);
  const { path } = typeAndNames('extensionResourceId()', parts.slice(1), 0);
  return `${parts[0].replace(/\/+$/, '')}/providers/${path}`;
}

function managementGroupResourceId(args: Value[]): Value {
  const { scope, path } = typeAndNames('managementGroupResourceId()', allStrings('managementGroupResourceId()', args), 1);
  if (scope.length === 0) return makeUnknown('managementGroup().name', 'the management group of the deployment is not known offline');
  return `/providers/Microsoft.Management/managementGroups/${scope[0]}/providers/${path}`;
}

// ---------------------------------------------------------------------------------------------------
// Deployment context objects

/** Public-cloud values of environment(). */
const AZURE_CLOUD: Json = {
  name: 'AzureCloud',
  gallery: 'https://gallery.azure.com/',
  graph: 'https://graph.windows.net/',
  portal: 'https://portal.azure.com',
  graphAudience: 'https://graph.windows.net/',
  activeDirectoryDataLake: 'https://datalake.azure.net/',
  batch: 'https://batch.core.windows.net/',
  media: 'https://rest.media.azure.net',
  sqlManagement: 'https://management.core.windows.net:8443/',
  vmImageAliasDoc: 'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
  resourceManager: 'https://management.azure.com/',
  authentication: {
    loginEndpoint: 'https://login.microsoftonline.com/',
    audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
    tenant: 'common',
    identityProvider: 'AAD',
  },
  suffixes: {
    acrLoginServer: '.azurecr.io',
    azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
    azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
    azureFrontDoorEndpointSuffix: 'azurefd.net',
    keyvaultDns: '.vault.azure.net',
    sqlServerHostname: '.database.windows.net',
    storage: 'core.windows.net',
  },
};

const TENANT_UNKNOWN = 'the tenant is not known offline';

function resourceGroupObject(d: DeploymentContext): Json {
  return {
    id: resourceGroupId(d) as Json,
    name: d.resourceGroupName as Json,
    type: 'Microsoft.Resources/resourceGroups',
    location: d.location,
    properties: { provisioningState: 'Succeeded' },
  };
}

function subscriptionObject(d: DeploymentContext): Json {
  return {
    id: (isUnknown(d.subscriptionId) ? d.subscriptionId : `/subscriptions/${d.subscriptionId}`) as Json,
    subscriptionId: d.subscriptionId as Json,
    tenantId: makeUnknown('subscription().tenantId', TENANT_UNKNOWN) as Json,
    displayName: makeUnknown('subscription().displayName', 'the subscription display name is not known offline') as Json,
  };
}

function deploymentObject(): Json {
  return {
    name: 'deployment',
    properties: {
      templateLink: {
        uri: makeUnknown('deployment().properties.templateLink.uri', 'the URI the template was deployed from is not known offline') as Json,
      },
      mode: 'Incremental',
    },
  };
}

function tenantObject(): Json {
  return {
    tenantId: makeUnknown('tenant().tenantId', TENANT_UNKNOWN) as Json,
    countryCode: makeUnknown('tenant().countryCode', TENANT_UNKNOWN) as Json,
    displayName: makeUnknown('tenant().displayName', TENANT_UNKNOWN) as Json,
  };
}

// ---------------------------------------------------------------------------------------------------
// IPv4 CIDR helpers (parseCidr, cidrSubnet, cidrHost)

function parseIpv4Cidr(text: string): { base: number; prefix: number } {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) {
    if (text.includes(':')) throw new FnError('IPv6 ranges are not supported offline');
    throw new FnError(`'${text}' is not an IPv4 CIDR range`);
  }
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) throw new FnError(`'${text}' is not an IPv4 CIDR range`);
  const ip = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (ip & mask) >>> 0, prefix };
}

function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function parseCidr(args: Value[]): Value {
  const { base, prefix } = parseIpv4Cidr(str(args[0], 'parseCidr() network'));
  const size = 2 ** (32 - prefix);
  const broadcast = base + size - 1;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return {
    network: ipv4(base),
    netmask: ipv4(mask),
    broadcast: ipv4(broadcast),
    firstUsable: ipv4(prefix >= 31 ? base : base + 1),
    lastUsable: ipv4(prefix >= 31 ? broadcast : broadcast - 1),
    cidr: prefix,
  };
}

function cidrSubnet(args: Value[]): Value {
  const { base, prefix } = parseIpv4Cidr(str(args[0], 'cidrSubnet() network'));
  const newPrefix = int(args[1], 'cidrSubnet() newCIDR');
  const index = int(args[2], 'cidrSubnet() subnetIndex');
  if (newPrefix < prefix || newPrefix > 32) throw new FnError(`new prefix /${newPrefix} must be between /${prefix} and /32`);
  const count = 2 ** (newPrefix - prefix);
  if (index < 0 || index >= count) throw new FnError(`subnet index ${index} is outside 0..${count - 1}`);
  return `${ipv4(base + index * 2 ** (32 - newPrefix))}/${newPrefix}`;
}

function cidrHost(args: Value[]): Value {
  const { base, prefix } = parseIpv4Cidr(str(args[0], 'cidrHost() network'));
  const index = int(args[1], 'cidrHost() hostIndex');
  if (prefix >= 31) throw new FnError(`/${prefix} has no usable host addresses`);
  const usable = 2 ** (32 - prefix) - 2;
  if (index < 0 || index >= usable) throw new FnError(`host index ${index} is outside 0..${usable - 1}`);
  return ipv4(base + 1 + index);
}

// ---------------------------------------------------------------------------------------------------
// Collections

function unionValues(args: Value[]): Value {
  if (args.every(Array.isArray)) {
    const out: Value[] = [];
    for (const a of args as Json[][]) {
      const u = findUnknown(a);
      if (u) return u;
      for (const x of a) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    }
    return out as Json;
  }
  if (args.every(isPlainObject)) return args.reduce((acc, o) => mergeObjects(acc as Record<string, Json>, o as Record<string, Json>), {});
  throw new FnError(`union() needs all arrays or all objects, got ${args.map((a) => typeName(a)).join(', ')}`);
}

/** union() of objects merges nested objects recursively; keys match ignoring case. */
function mergeObjects(a: Record<string, Json>, b: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const existingKey = Object.keys(out).find((x) => x.toLowerCase() === k.toLowerCase());
    const key = existingKey ?? k;
    const prev = existingKey === undefined ? undefined : out[existingKey];
    if (isPlainObject(prev) && isPlainObject(v)) setKey(out, key, mergeObjects(prev, v));
    else if (isUnknown(prev) && isPlainObject(v)) setKey(out, key, prev); // cannot merge into a value we do not know
    else setKey(out, key, v);
  }
  return out;
}

function intersectionValues(args: Value[]): Value {
  if (args.every(Array.isArray)) {
    const [first, ...rest] = args as Value[][];
    const out: Value[] = [];
    for (const x of first) {
      if (out.some((y) => deepEqual(x, y))) continue;
      if (rest.every((r) => r.some((y) => deepEqual(x, y)))) out.push(x);
    }
    return out as Json;
  }
  if (args.every(isPlainObject)) {
    const [first, ...rest] = args as Record<string, Json>[];
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(first)) {
      if (rest.every((r) => Object.prototype.hasOwnProperty.call(r, k) && deepEqual(r[k], v))) setKey(out, k, v);
    }
    return out;
  }
  throw new FnError(`intersection() needs all arrays or all objects, got ${args.map((a) => typeName(a)).join(', ')}`);
}

function contains(args: Value[]): Value {
  const [container, item] = args;
  const itemUnknown = findUnknown(item);
  if (itemUnknown) return itemUnknown;
  if (isPlainObject(container)) {
    return getProperty(container, toText(item, 'contains()')).found;
  }
  if (Array.isArray(container)) {
    if (container.some((x) => deepEqual(x, item))) return true;
    return findUnknown(container) ?? false;
  }
  if (typeof container === 'string') {
    return container.includes(toText(item, 'contains()'));
  }
  throw new FnError(`contains() needs an array, object or string, got ${typeName(container)}`);
}

function tryGet(args: Value[]): Value {
  let cur: Value = args[0];
  for (let i = 1; i < args.length; i++) {
    const key = args[i];
    if (isUnknown(cur)) return cur;
    if (isPlainObject(cur) && typeof key === 'string') {
      const p = getProperty(cur, key);
      if (!p.found) return null;
      cur = p.value;
    } else if (Array.isArray(cur) && typeof key === 'number' && Number.isInteger(key)) {
      if (key < 0 || key >= cur.length) return null;
      cur = cur[key];
    } else if (typeof key !== 'string' && typeof key !== 'number') {
      throw new FnError(`tryGet() keys must be strings or integers, got ${typeName(key)}`);
    } else {
      return null;
    }
  }
  return cur;
}

function minMax(args: Value[], fn: 'min' | 'max'): Value {
  const values = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  if (values.length === 0) throw new FnError(`${fn}() needs at least one value`);
  const nums = values.map((v, i) => num(v, `${fn}() value ${i + 1}`));
  return fn === 'min' ? Math.min(...nums) : Math.max(...nums);
}

function splitString(input: string, delimiters: string[]): string[] {
  const delims = delimiters.filter((d) => d !== '');
  if (delims.length === 0) return [input];
  const out: string[] = [];
  let start = 0;
  let i = 0;
  // Like .NET String.Split(string[]): at each position the first listed delimiter that matches wins.
  while (i < input.length) {
    const d = delims.find((x) => input.startsWith(x, i));
    if (d !== undefined) {
      out.push(input.slice(start, i));
      i += d.length;
      start = i;
    } else {
      i++;
    }
  }
  out.push(input.slice(start));
  return out;
}

function compareValues(a: Value, b: Value, fn: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'en');
  throw new FnError(`${fn}() compares two numbers or two strings, got ${typeName(a)} and ${typeName(b)}`);
}

function lambdaBool(v: Value, fn: string): boolean | Unknown {
  if (isUnknown(v)) return v;
  if (typeof v !== 'boolean') throw new FnError(`${fn}() lambda must return a boolean, got ${typeName(v)}`);
  return v;
}

function sortValues(items: Value[], lambda: Value, fx: FnContext): Value {
  let failure: Unknown | undefined;
  const before = (a: Value, b: Value): boolean => {
    if (failure) return false;
    const r = lambdaBool(fx.invoke(lambda, [a, b]), 'sort');
    if (isUnknown(r)) {
      failure = r;
      return false;
    }
    return r;
  };
  // Merge sort: only ever asks "does a come before b", matching a boolean comparator lambda.
  const mergeSort = (xs: Value[]): Value[] => {
    if (xs.length <= 1) return xs;
    const mid = xs.length >> 1;
    const left = mergeSort(xs.slice(0, mid));
    const right = mergeSort(xs.slice(mid));
    const out: Value[] = [];
    let i = 0;
    let j = 0;
    while (i < left.length && j < right.length) out.push(before(right[j], left[i]) ? right[j++] : left[i++]);
    return out.concat(left.slice(i), right.slice(j));
  };
  const sorted = mergeSort(items);
  return failure ?? (sorted as Json);
}

// ---------------------------------------------------------------------------------------------------
// The table

const ANY = Number.POSITIVE_INFINITY;

function spec(min: number, max: number, fn: FunctionSpec['fn'], unknowns?: FunctionSpec['unknowns']): FunctionSpec {
  return { min, max, fn, unknowns };
}

const uriUnreserved = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const BUILTINS: Record<string, FunctionSpec> = {
  // Strings
  concat: spec(1, ANY, (args) => {
    if (args.every(Array.isArray)) return (args as Json[][]).flat(1) as Json;
    if (args.some((a) => Array.isArray(a) || isPlainObject(a))) {
      throw new FnError(`concat() needs all arrays or all strings, got ${args.map((a) => typeName(a)).join(', ')}`);
    }
    return args.map((a) => toText(a, 'concat()')).join('');
  }, 'top'),
  format: spec(1, ANY, (args) => dotnetFormat(str(args[0], 'format() format string'), args.slice(1))),
  tolower: spec(1, 1, (args) => (args[0] === null ? '' : str(args[0], 'toLower() argument').toLowerCase())),
  toupper: spec(1, 1, (args) => (args[0] === null ? '' : str(args[0], 'toUpper() argument').toUpperCase())),
  trim: spec(1, 1, (args) => str(args[0], 'trim() argument').trim()),
  padleft: spec(2, 3, (args) => {
    const v = typeof args[0] === 'number' && Number.isInteger(args[0]) ? String(args[0]) : str(args[0], 'padLeft() value');
    const width = int(args[1], 'padLeft() totalLength');
    if (width > 100000) throw new FnError('padLeft() totalLength is too large');
    const pad = args.length === 3 && args[2] !== null ? str(args[2], 'padLeft() paddingCharacter') : ' ';
    if (pad.length !== 1) throw new FnError('padLeft() paddingCharacter must be one character');
    return v.padStart(width, pad);
  }),
  replace: spec(3, 3, (args) => {
    const s = str(args[0], 'replace() original string');
    const oldS = str(args[1], 'replace() old string');
    const newS = str(args[2], 'replace() new string');
    if (oldS === '') throw new FnError('replace() old string must not be empty');
    return s.split(oldS).join(newS);
  }),
  split: spec(2, 2, (args) => {
    if (args[0] === null) return [];
    const s = str(args[0], 'split() input');
    const d = args[1];
    if (d === null) return [s];
    const delims = Array.isArray(d) ? d.map((x, i) => str(x, `split() delimiter ${i + 1}`)) : [str(d, 'split() delimiter')];
    return splitString(s, delims);
  }),
  substring: spec(2, 3, (args) => {
    const s = args[0] === null ? '' : str(args[0], 'substring() string');
    const start = int(args[1], 'substring() startIndex');
    if (start < 0 || start > s.length) throw new FnError(`substring() startIndex ${start} is outside 0..${s.length}`);
    if (args.length === 2) return s.slice(start);
    const len = int(args[2], 'substring() length');
    if (len < 0 || start + len > s.length) throw new FnError(`substring() length ${len} from ${start} exceeds the string length ${s.length}`);
    return s.slice(start, start + len);
  }),
  indexof: spec(2, 2, (args) => {
    if (args[0] === null) return -1;
    if (Array.isArray(args[0])) return args[0].findIndex((x) => deepEqual(x, args[1]));
    return lowerIndexOf(str(args[0], 'indexOf() string'), str(args[1], 'indexOf() value'), false);
  }),
  lastindexof: spec(2, 2, (args) => {
    if (args[0] === null) return -1;
    if (Array.isArray(args[0])) {
      for (let i = args[0].length - 1; i >= 0; i--) if (deepEqual(args[0][i], args[1])) return i;
      return -1;
    }
    return lowerIndexOf(str(args[0], 'lastIndexOf() string'), str(args[1], 'lastIndexOf() value'), true);
  }),
  startswith: spec(2, 2, (args) => str(args[0], 'startsWith() string').toLowerCase().startsWith(str(args[1], 'startsWith() value').toLowerCase())),
  endswith: spec(2, 2, (args) => str(args[0], 'endsWith() string').toLowerCase().endsWith(str(args[1], 'endsWith() value').toLowerCase())),
  string: spec(1, 1, (args) => toText(args[0], 'string()')),
  base64: spec(1, 1, (args) => base64Encode(utf8Encode(str(args[0], 'base64() input')))),
  base64tostring: spec(1, 1, (args) => {
    const bytes = base64Decode(str(args[0], 'base64ToString() input'));
    if (!bytes) throw new FnError('base64ToString() input is not valid base64');
    try {
      return utf8Decode(bytes);
    } catch {
      throw new FnError('base64ToString() input does not decode to UTF-8 text');
    }
  }),
  base64tojson: spec(1, 1, (args) => {
    const bytes = base64Decode(str(args[0], 'base64ToJson() input'));
    if (!bytes) throw new FnError('base64ToJson() input is not valid base64');
    return parseJson(utf8Decode(bytes), 'base64ToJson()');
  }),
  datauri: spec(1, 1, (args) => `data:text/plain;charset=utf8;base64,${base64Encode(utf8Encode(toText(args[0], 'dataUri()')))}`),
  datauritostring: spec(1, 1, (args) => {
    const m = /^data:([^,]*?)(;base64)?,([\s\S]*)$/.exec(str(args[0], 'dataUriToString() input'));
    if (!m) throw new FnError('dataUriToString() input is not a data URI');
    if (m[2]) {
      const bytes = base64Decode(m[3]);
      if (!bytes) throw new FnError('dataUriToString() payload is not valid base64');
      return utf8Decode(bytes);
    }
    try {
      return decodeURIComponent(m[3]);
    } catch {
      throw new FnError('dataUriToString() payload is not valid percent-encoding');
    }
  }),
  uri: spec(2, 2, (args) => {
    const base = str(args[0], 'uri() baseUri');
    const rel = str(args[1], 'uri() relativeUri');
    try {
      return new URL(rel, new URL(base)).href;
    } catch {
      throw new FnError(`uri() cannot combine '${base}' and '${rel}'`);
    }
  }),
  uricomponent: spec(1, 1, (args) => uriUnreserved(str(args[0], 'uriComponent() input'))),
  uricomponenttostring: spec(1, 1, (args) => {
    try {
      return decodeURIComponent(str(args[0], 'uriComponentToString() input'));
    } catch {
      throw new FnError('uriComponentToString() input is not valid percent-encoding');
    }
  }),
  uniquestring: spec(1, ANY, (args) => uniqueString(allStrings('uniqueString()', args))),
  guid: spec(1, ANY, (args) => armGuid(allStrings('guid()', args))),

  // Conversions and literals
  int: spec(1, 1, (args) => {
    const v = args[0];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return checkedInt(Number(v.trim()), 'int()');
    throw new FnError(`int() cannot convert ${typeName(v)} ${JSON.stringify(v)}`);
  }),
  float: spec(1, 1, (args) => {
    const v = args[0];
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v.trim());
    throw new FnError(`float() cannot convert ${typeName(v)} ${JSON.stringify(v)}`);
  }),
  bool: spec(1, 1, (args) => {
    const v = args[0];
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string' && /^\s*(true|false)\s*$/i.test(v)) return v.trim().toLowerCase() === 'true';
    throw new FnError(`bool() cannot convert ${typeName(v)} ${JSON.stringify(v)}`);
  }),
  json: spec(1, 1, (args) => parseJson(str(args[0], 'json() input'), 'json()')),
  null: spec(0, 0, () => null),
  true: spec(0, 0, () => true),
  false: spec(0, 0, () => false),

  // Arrays and objects
  array: spec(1, 1, (args) => (Array.isArray(args[0]) ? args[0] : [args[0] as Json]), 'top'),
  createarray: spec(0, ANY, (args) => args as Json[], 'all'),
  createobject: spec(0, ANY, (args) => {
    if (args.length % 2 !== 0) throw new FnError('createObject() needs key/value pairs');
    const out: Record<string, Json> = {};
    for (let i = 0; i < args.length; i += 2) {
      if (isUnknown(args[i])) return args[i];
      const key = str(args[i], `createObject() key ${i / 2 + 1}`);
      if (Object.prototype.hasOwnProperty.call(out, key)) throw new FnError(`createObject() has duplicate key '${key}'`);
      setKey(out, key, args[i + 1]);
    }
    return out;
  }, 'all'),
  coalesce: spec(1, ANY, (args) => {
    for (const a of args) {
      if (isUnknown(a)) return a; // it might be the null we would skip, so the answer is unknown
      if (a !== null) return a;
    }
    return null;
  }, 'all'),
  empty: spec(1, 1, (args) => {
    const v = args[0];
    if (v === null) return true;
    if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
    if (isPlainObject(v)) return Object.keys(v).length === 0;
    throw new FnError(`empty() needs a string, array or object, got ${typeName(v)}`);
  }, 'top'),
  length: spec(1, 1, (args) => {
    const v = args[0];
    if (v === null) return 0;
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    if (isPlainObject(v)) return Object.keys(v).length;
    throw new FnError(`length() needs a string, array or object, got ${typeName(v)}`);
  }, 'top'),
  first: spec(1, 1, (args) => {
    const v = args[0];
    if (v === null) return null;
    if (Array.isArray(v)) return v.length ? v[0] : null;
    return str(v, 'first() argument').slice(0, 1);
  }, 'top'),
  last: spec(1, 1, (args) => {
    const v = args[0];
    if (v === null) return null;
    if (Array.isArray(v)) return v.length ? v[v.length - 1] : null;
    const s = str(v, 'last() argument');
    return s.slice(-1);
  }, 'top'),
  take: spec(2, 2, (args) => {
    const n = Math.max(0, int(args[1], 'take() count'));
    if (args[0] === null) return null;
    if (Array.isArray(args[0])) return args[0].slice(0, n);
    return str(args[0], 'take() originalValue').slice(0, n);
  }, 'top'),
  skip: spec(2, 2, (args) => {
    const n = Math.max(0, int(args[1], 'skip() count'));
    if (args[0] === null) return null;
    if (Array.isArray(args[0])) return args[0].slice(n);
    return str(args[0], 'skip() originalValue').slice(n);
  }, 'top'),
  contains: spec(2, 2, contains, 'top'),
  union: spec(1, ANY, unionValues, 'top'),
  intersection: spec(1, ANY, intersectionValues),
  join: spec(2, 2, (args) => {
    const items = arr(args[0], 'join() inputArray');
    const delim = str(args[1], 'join() delimiter');
    return items.map((x, i) => {
      if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return toText(x, 'join()');
      throw new FnError(`join() element ${i} must be a string, got ${typeName(x)}`);
    }).join(delim);
  }),
  items: spec(1, 1, (args) => {
    const o = obj(args[0], 'items() argument');
    return Object.keys(o)
      .sort((a, b) => {
        const x = a.toUpperCase();
        const y = b.toUpperCase();
        return x < y ? -1 : x > y ? 1 : 0;
      })
      .map((key) => ({ key, value: o[key] }));
  }, 'top'),
  objectkeys: spec(1, 1, (args) => Object.keys(obj(args[0], 'objectKeys() argument')), 'top'),
  tryget: spec(2, ANY, tryGet, 'top'),
  flatten: spec(1, 1, (args) => {
    const out: Json[] = [];
    for (const [i, x] of arr(args[0], 'flatten() argument').entries()) {
      if (isUnknown(x)) return x;
      out.push(...arr(x, `flatten() element ${i}`).map((y) => y as Json));
    }
    return out;
  }, 'top'),
  shallowmerge: spec(1, 1, (args) => {
    const out: Record<string, Json> = {};
    for (const [i, x] of arr(args[0], 'shallowMerge() argument').entries()) {
      if (isUnknown(x)) return x;
      for (const [k, v] of Object.entries(obj(x, `shallowMerge() element ${i}`))) setKey(out, k, v);
    }
    return out;
  }, 'top'),
  range: spec(2, 2, (args) => {
    const start = int(args[0], 'range() startIndex');
    const count = int(args[1], 'range() count');
    if (count < 0 || count > 10000) throw new FnError(`range() count ${count} is outside 0..10000`);
    if (start + count > 2147483647) throw new FnError('range() exceeds the integer range');
    return Array.from({ length: count }, (_, i) => start + i);
  }),
  min: spec(1, ANY, (args) => minMax(args, 'min')),
  max: spec(1, ANY, (args) => minMax(args, 'max')),

  // Lambdas (the lambda value itself is built by the evaluator)
  map: spec(2, 2, (args, fx) => arr(args[0], 'map() input').map((x, i) => fx.invoke(args[1], [x, i]) as Json), 'top'),
  filter: spec(2, 2, (args, fx) => {
    const out: Json[] = [];
    for (const [i, x] of arr(args[0], 'filter() input').entries()) {
      const keep = lambdaBool(fx.invoke(args[1], [x, i]), 'filter');
      if (isUnknown(keep)) return keep;
      if (keep) out.push(x as Json);
    }
    return out;
  }, 'top'),
  reduce: spec(3, 3, (args, fx) => arr(args[0], 'reduce() input').reduce<Value>((acc, x, i) => fx.invoke(args[2], [acc, x, i]), args[1]), 'top'),
  sort: spec(2, 2, (args, fx) => sortValues(arr(args[0], 'sort() input'), args[1], fx), 'top'),
  toobject: spec(2, 3, (args, fx) => {
    const out: Record<string, Json> = {};
    for (const x of arr(args[0], 'toObject() input')) {
      const key = fx.invoke(args[1], [x]);
      if (isUnknown(key)) return key;
      setKey(out, str(key, 'toObject() key'), args.length === 3 ? fx.invoke(args[2], [x]) : x);
    }
    return out;
  }, 'top'),
  mapvalues: spec(2, 2, (args, fx) => {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(obj(args[0], 'mapValues() input'))) setKey(out, k, fx.invoke(args[1], [v]));
    return out;
  }, 'top'),
  groupby: spec(2, 2, (args, fx) => {
    const out: Record<string, Json[]> = {};
    for (const x of arr(args[0], 'groupBy() input')) {
      const key = fx.invoke(args[1], [x]);
      if (isUnknown(key)) return key;
      const k = str(key, 'groupBy() key');
      if (!Object.prototype.hasOwnProperty.call(out, k)) setKey(out, k, []);
      out[k].push(x as Json);
    }
    return out;
  }, 'top'),

  // Logic and comparison (if/and/or are lazy and live in the evaluator)
  not: spec(1, 1, (args) => !bool(args[0], 'not() argument')),
  equals: spec(2, 2, (args) => deepEqual(args[0], args[1])),
  greater: spec(2, 2, (args) => compareValues(args[0], args[1], 'greater') > 0),
  greaterorequals: spec(2, 2, (args) => compareValues(args[0], args[1], 'greaterOrEquals') >= 0),
  less: spec(2, 2, (args) => compareValues(args[0], args[1], 'less') < 0),
  lessorequals: spec(2, 2, (args) => compareValues(args[0], args[1], 'lessOrEquals') <= 0),

  // Numbers
  add: spec(2, 2, (args) => checkedInt(int(args[0], 'add() operand1') + int(args[1], 'add() operand2'), 'add()')),
  sub: spec(2, 2, (args) => checkedInt(int(args[0], 'sub() operand1') - int(args[1], 'sub() operand2'), 'sub()')),
  mul: spec(2, 2, (args) => checkedInt(int(args[0], 'mul() operand1') * int(args[1], 'mul() operand2'), 'mul()')),
  div: spec(2, 2, (args) => {
    const b = int(args[1], 'div() divisor');
    if (b === 0) throw new FnError('div() cannot divide by zero');
    return Math.trunc(int(args[0], 'div() dividend') / b);
  }),
  mod: spec(2, 2, (args) => {
    const b = int(args[1], 'mod() divisor');
    if (b === 0) throw new FnError('mod() cannot divide by zero');
    return int(args[0], 'mod() dividend') % b;
  }),

  // Resources and deployment context
  resourceid: spec(2, ANY, resourceId),
  subscriptionresourceid: spec(2, ANY, subscriptionResourceId),
  tenantresourceid: spec(2, ANY, tenantResourceId),
  extensionresourceid: spec(3, ANY, extensionResourceId),
  managementgroupresourceid: spec(2, ANY, managementGroupResourceId),
  resourcegroup: spec(0, 0, (_args, fx) => resourceGroupObject(fx.deployment)),
  subscription: spec(0, 0, (_args, fx) => subscriptionObject(fx.deployment)),
  deployment: spec(0, 0, () => deploymentObject()),
  environment: spec(0, 0, () => AZURE_CLOUD),
  tenant: spec(0, 0, () => tenantObject()),

  // Networking
  parsecidr: spec(1, 1, parseCidr),
  cidrsubnet: spec(3, 3, cidrSubnet),
  cidrhost: spec(2, 2, cidrHost),
};

export const JSON_DEPTH_LIMIT = 256;

function parseJson(text: string, fn: string): Json {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new FnError(`${fn} input is not valid JSON: ${(e as Error).message}`);
  }
  if (exceedsDepth(v, JSON_DEPTH_LIMIT)) throw new FnError(`${fn} result nests deeper than ${JSON_DEPTH_LIMIT} levels`);
  return v as Json;
}

/**
 * Functions whose value only exists at deployment time. They become named unknowns by design, with
 * these reasons; every function whose name starts with 'list' is treated like listKeys().
 */
export const LIVE_FUNCTIONS: Record<string, string> = {
  reference: 'reference() reads the runtime state of a deployed resource',
  utcnow: 'utcNow() is the time of the deployment',
  newguid: 'newGuid() is random at deployment time',
  pickzones: 'pickZones() depends on live region capabilities',
  providers: 'providers() reads the live resource provider registry',
  managementgroup: 'the management group of the deployment is not known offline',
  deployer: 'deployer() is the identity running the deployment',
  getsecret: 'getSecret() reads a Key Vault secret at deployment time',
};

export function liveFunctionReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(LIVE_FUNCTIONS, lower)) return LIVE_FUNCTIONS[lower];
  if (lower.startsWith('list')) return `${name}() calls the live resource provider`;
  return undefined;
}
