/**
 * Evaluates an ARM template offline: parameters, variables (lazy, memoized, cycle-checked), user
 * functions, copy loops (resource, property and variable level), conditions, child resources and
 * inline nested deployments. Anything that needs the live deployment becomes a named unknown.
 *
 * Problems are reported where an unknown lands in a resource (the template location of the string
 * that produced it), not where it was born: an unknown that never reaches a resource cannot affect
 * the analysis (e.g. a variable used only in outputs), while an unknown subnet id on a gateway must
 * be visible at the gateway.
 */
import {
  BUILTINS,
  FnError,
  findUnknown,
  getProperty,
  exceedsDepth,
  isLambda,
  liveFunctionReason,
  typeName,
  JSON_DEPTH_LIMIT,
  type DeploymentContext,
  type FnContext,
  type LambdaLike,
  type Value,
} from './functions';
import { isExpressionString, literalString, parseExpression, type Node, type ParseResult } from './parser';
import { DUPLICATES } from '../input/json';
import {
  isPlainObject,
  isUnknown,
  joinPointer,
  makeUnknown,
  pointerToken,
  setKey,
  type EvaluateOptions,
  type EvaluateResult,
  type EvaluatedResource,
  type Json,
  type TemplateProblem,
  type Unknown,
} from './types';

/** ARM's own limit on copy loop iterations. */
export const MAX_COPY_COUNT = 800;
/** Bounds evaluation recursion (nested calls, variable chains, user functions) well below the JS stack. */
export const MAX_EVALUATION_DEPTH = 1000;
/** Bounds the depth of JSON values walked in the template. */
export const MAX_VALUE_DEPTH = JSON_DEPTH_LIMIT;
const MAX_RESOURCE_NESTING = 32;
const MAX_NESTED_DEPLOYMENTS = 8;

export const PLACEHOLDER_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_RESOURCE_GROUP = 'resourceGroup';
/**
 * resourceGroup().location when the caller gives none. A named unknown would be more honest, but every
 * resource's `location` is built from it and the analyzer never needs the region, so thousands of
 * problems would drown the real ones; an obviously fake literal keeps values usable and is easy to spot.
 */
export const PLACEHOLDER_LOCATION = 'resourcegroup-location';

interface LoopFrame {
  name: string;
  lower: string;
  index: number;
  resource: boolean;
}

interface Scope {
  loops: LoopFrame[];
  /** Inside a user-defined function: its parameters replace the template's. */
  fnParams?: Map<string, Value>;
  lambdaVars?: Map<string, Value>;
}

const EMPTY_SCOPE: Scope = { loops: [] };

class Lambda implements LambdaLike {
  readonly isLambda = true as const;
  constructor(
    readonly params: readonly string[],
    readonly body: Node,
    readonly source: string,
    readonly scope: Scope,
  ) {}
}

interface Sink {
  problems: TemplateProblem[];
  seen: Set<string>;
  resources: EvaluatedResource[];
}

interface WalkOptions {
  /** Report unknowns found in evaluated strings as problems (resource values only). */
  report: boolean;
  /** Expand property-level `copy` arrays inside objects. */
  expandCopy: boolean;
}

interface ParamDef {
  name: string;
  raw: Record<string, unknown>;
  pointer: string;
}

type VarDef =
  | { kind: 'plain'; name: string; raw: unknown; pointer: string }
  | { kind: 'copy'; name: string; raw: Record<string, Json>; pointer: string };

interface UserFunction {
  name: string;
  params: string[];
  output: unknown;
  pointer: string;
}

type DeploymentScope = EvaluatedResource['deploymentScope'];

const LAMBDA_TAKERS = new Set(['map', 'filter', 'reduce', 'sort', 'toobject', 'mapvalues', 'groupby']);

interface ParsedString {
  parsed: ParseResult;
  /**
   * The value depends only on the template and the deployment context, not on the scope it is
   * evaluated in: no copyIndex(), lambda(), lambdaVariables() or user-defined function anywhere in it.
   */
  scopeFree: boolean;
  /** Levels of evalNode() recursion the expression itself needs (its tree height). */
  height: number;
}

/** Functions whose value depends on the scope of the call (loops, lambdas, user-function parameters). */
const SCOPED_FUNCTIONS = new Set(['copyindex', 'lambda', 'lambdavariables']);

/** Whether `node` is scope-free (see ParsedString) and its height. The parser bounds the recursion. */
function analyzeNode(node: Node): { scopeFree: boolean; height: number } {
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'literal':
      return { scopeFree: true, height: 1 };
    case 'property': {
      const t = analyzeNode(node.target);
      return { scopeFree: t.scopeFree, height: t.height + 1 };
    }
    case 'index': {
      const t = analyzeNode(node.target);
      const i = analyzeNode(node.index);
      return { scopeFree: t.scopeFree && i.scopeFree, height: Math.max(t.height, i.height) + 1 };
    }
    case 'call': {
      let scopeFree = node.namespace === undefined && !SCOPED_FUNCTIONS.has(node.name.toLowerCase());
      let height = 0;
      for (const a of node.args) {
        const r = analyzeNode(a);
        scopeFree &&= r.scopeFree;
        if (r.height > height) height = r.height;
      }
      return { scopeFree, height: height + 1 };
    }
  }
}

const parseCache = new Map<string, ParsedString>();

function parseCached(text: string): ParsedString {
  let r = parseCache.get(text);
  if (!r) {
    const parsed = parseExpression(text);
    r = parsed.ok ? { parsed, ...analyzeNode(parsed.node) } : { parsed, scopeFree: false, height: 0 };
    // Bounded so a long-lived page evaluating many templates does not grow without limit.
    if (parseCache.size > 20000) parseCache.clear();
    parseCache.set(text, r);
  }
  return r;
}

/** Results worth memoizing: primitives (no identity to share, no unknown inside to report). */
function isPrimitive(v: Value): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function rawProp(o: Record<string, unknown>, key: string): unknown {
  if (hasOwn(o, key)) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

/** rawProp(o, 'copy'), without lowercasing every key of every object walked. */
function copyProp(o: Record<string, unknown>): unknown {
  if (hasOwn(o, 'copy')) return o.copy;
  for (const k in o) if (k.length === 4 && hasOwn(o, k) && k.toLowerCase() === 'copy') return o[k];
  return undefined;
}

/**
 * Whether the walk must copy `o` even when nothing in it changes: a copy drops what the raw object has besides
 * its enumerable keys (src/core/input/json.ts keeps the values of duplicated keys in a non-enumerable property)
 * and gives it the ordinary prototype; evaluated values have always been such copies.
 */
function mustCopy(o: object): boolean {
  return Object.getPrototypeOf(o) !== Object.prototype || hasOwn(o, DUPLICATES);
}

/**
 * An ordinary object whose values are all numbers, booleans, null or strings that cannot be expressions (no
 * leading `[`): the walk would give it back unchanged.
 */
function isFlatLiteral(o: object): boolean {
  if (mustCopy(o)) return false;
  for (const k in o) {
    const x = (o as Record<string, unknown>)[k];
    if (typeof x === 'string') {
      if (x.charCodeAt(0) === 91) return false;
    } else if (typeof x === 'object' && x !== null) return false;
  }
  return true;
}

/** A copy of `o` holding its first `n` own enumerable keys, as the walk builds evaluated objects. */
function copyFirstKeys(o: Record<string, Json>, n: number): Record<string, Json> {
  const out: Record<string, Json> = {};
  if (n === 0) return out;
  let i = 0;
  for (const k in o) {
    if (!hasOwn(o, k)) continue;
    setKey(out, k, o[k]);
    if (++i === n) break;
  }
  return out;
}

/** A named unknown for a call, quoting its text (module level: no closure per call on the hot path). */
function failAt(node: Extract<Node, { kind: 'call' }>, src: string, reason: string): Unknown {
  return makeUnknown(src.slice(node.start, node.end), reason);
}

function arityError(node: Extract<Node, { kind: 'call' }>, src: string, min: number, max: number): Unknown | undefined {
  const n = node.args.length;
  if (n >= min && n <= max) return undefined;
  const expected = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
  return failAt(node, src, `${node.name}() expects ${expected} argument(s), got ${n}`);
}

function hasRawProp(o: Record<string, unknown>, key: string): boolean {
  const lower = key.toLowerCase();
  return Object.keys(o).some((k) => k.toLowerCase() === lower);
}

function lastMatching<T>(items: T[], pred: (x: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (pred(items[i])) return items[i];
  return undefined;
}

function isPropertyCopy(v: unknown): v is Record<string, Json>[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((s) => isPlainObject(s) && typeof rawProp(s, 'name') === 'string' && hasRawProp(s, 'input') && hasRawProp(s, 'count'))
  );
}

/** Every distinct named unknown inside a value, without recursion. */
function collectUnknowns(v: unknown): Unknown[] {
  const out: Unknown[] = [];
  const seen = new Set<string>();
  const stack: unknown[] = [v];
  while (stack.length) {
    const cur = stack.pop();
    if (typeof cur !== 'object' || cur === null || isLambda(cur)) continue;
    if (isUnknown(cur)) {
      const key = `${cur.$unknown}\u0000${cur.reason}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(cur);
      }
      continue;
    }
    if (Array.isArray(cur)) for (let i = cur.length - 1; i >= 0; i--) stack.push(cur[i]);
    else for (const c of Object.values(cur).reverse()) stack.push(c);
  }
  return out;
}

/** A long expression (10 000 nested calls) is quoted by its two ends: the message must stay readable. */
export function shortExpression(e: string, max = 240): string {
  if (e.length <= max) return e;
  const head = Math.ceil(max * 0.6);
  return `${e.slice(0, head)} … (${e.length - head - (max - head)} characters) … ${e.slice(e.length - (max - head))}`;
}

/** The expression behind an "unknown value" problem (cut to 2,000 characters), kept beside the problem. */
const problemExpressions = new WeakMap<TemplateProblem, string>();
export function problemExpression(p: TemplateProblem): string | undefined {
  return problemExpressions.get(p);
}

function describeUnknown(u: Unknown): string {
  return `cannot evaluate ${shortExpression(u.$unknown)}: ${shortExpression(u.reason, 400)}`;
}

function cloneJson<T>(v: T): T {
  try {
    return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
  } catch {
    return v;
  }
}

class TemplateEvaluator {
  private readonly params = new Map<string, ParamDef>();
  private readonly paramValues = new Map<string, Value>();
  private readonly vars = new Map<string, VarDef>();
  private readonly varValues = new Map<string, Value>();
  private readonly functions = new Map<string, UserFunction>();
  /** Parameters/variables being evaluated right now, for cycle detection. */
  private readonly resolving: { key: string; name: string }[] = [];
  private depth = 0;
  /** Pointer of the value where the current evalValue() began, and the keys walked below it (from pathStart). */
  private pathBase = '';
  private pathStart = 0;
  private readonly path: (string | number)[] = [];
  /** Results of expression strings that cannot depend on the scope (see evalString). */
  private readonly memo = new Map<string, { value: string | number | boolean | null; height: number }>();
  private readonly fx: FnContext;

  constructor(
    private readonly template: Record<string, unknown>,
    private readonly ctx: DeploymentContext,
    private readonly overrides: Map<string, Value>,
    private readonly sink: Sink,
    /** Pointer of this template inside the top-level document ('' at top level). */
    private readonly root: string,
    private readonly nestedDeployments: number,
    private readonly deploymentScope: DeploymentScope,
  ) {
    this.fx = { deployment: ctx, invoke: (fn, args) => this.invokeLambda(fn, args) };
    this.indexParameters();
    this.indexVariables();
    this.indexFunctions();
  }

  // -------------------------------------------------------------------------------------------------
  // Problems

  private problem(pointer: string, message: string, expression?: string): void {
    const key = `${pointer}\u0000${message}`;
    if (this.sink.seen.has(key)) return;
    this.sink.seen.add(key);
    const p = { message, pointer };
    if (expression !== undefined) problemExpressions.set(p, expression);
    this.sink.problems.push(p);
  }

  private reportUnknowns(pointer: string, v: unknown): void {
    for (const u of collectUnknowns(v)) this.problem(pointer, describeUnknown(u), shortExpression(u.$unknown, 2000));
  }

  // -------------------------------------------------------------------------------------------------
  // Declarations

  private indexParameters(): void {
    const params = this.template.parameters;
    if (params === undefined || params === null) return;
    if (!isPlainObject(params)) {
      this.problem(`${this.root}/parameters`, 'parameters must be an object; ignored');
      return;
    }
    for (const [name, raw] of Object.entries(params)) {
      const pointer = joinPointer(`${this.root}/parameters`, name);
      if (!isPlainObject(raw)) {
        this.problem(pointer, `parameter '${name}' must be an object; ignored`);
        continue;
      }
      this.params.set(name.toLowerCase(), { name, raw, pointer });
    }
  }

  private indexVariables(): void {
    const vars = this.template.variables;
    if (vars === undefined || vars === null) return;
    if (!isPlainObject(vars)) {
      this.problem(`${this.root}/variables`, 'variables must be an object; ignored');
      return;
    }
    for (const [name, raw] of Object.entries(vars)) {
      const pointer = joinPointer(`${this.root}/variables`, name);
      if (name.toLowerCase() === 'copy' && isPropertyCopy(raw)) {
        // Variable-level copy: each entry declares one array variable.
        raw.forEach((spec, i) => {
          const loopName = rawProp(spec, 'name') as string;
          this.vars.set(loopName.toLowerCase(), { kind: 'copy', name: loopName, raw: spec, pointer: joinPointer(pointer, i) });
        });
        continue;
      }
      this.vars.set(name.toLowerCase(), { kind: 'plain', name, raw, pointer });
    }
  }

  private indexFunctions(): void {
    const fns = this.template.functions;
    if (!Array.isArray(fns)) return;
    fns.forEach((ns, i) => {
      if (!isPlainObject(ns)) return;
      const namespace = rawProp(ns, 'namespace');
      const members = rawProp(ns, 'members');
      if (typeof namespace !== 'string' || !isPlainObject(members)) return;
      for (const [name, def] of Object.entries(members)) {
        if (!isPlainObject(def)) continue;
        const pointer = joinPointer(joinPointer(`${this.root}/functions/${i}`, 'members'), name);
        const params = rawProp(def, 'parameters');
        const output = rawProp(def, 'output');
        this.functions.set(`${namespace}.${name}`.toLowerCase(), {
          name: `${namespace}.${name}`,
          params: Array.isArray(params) ? params.map((p) => (isPlainObject(p) && typeof p.name === 'string' ? p.name : '')) : [],
          output: isPlainObject(output) ? rawProp(output, 'value') : undefined,
          pointer,
        });
      }
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Parameters and variables

  private withCycleCheck(key: string, name: string, expression: string, kind: string, body: () => Value): Value {
    const at = this.resolving.findIndex((r) => r.key === key);
    if (at >= 0) {
      const cycle = [...this.resolving.slice(at).map((r) => r.name), name].join(' -> ');
      return makeUnknown(expression, `recursive ${kind} reference: ${cycle}`);
    }
    this.resolving.push({ key, name });
    try {
      return body();
    } finally {
      this.resolving.pop();
    }
  }

  private resolveParameter(name: string): Value {
    const lower = name.toLowerCase();
    const cached = this.paramValues.get(lower);
    if (cached !== undefined) return cached;
    const def = this.params.get(lower);
    if (!def) return makeUnknown(`parameters('${name}')`, `parameter '${name}' is not declared in the template`);
    const value = this.withCycleCheck(`p:${lower}`, def.name, `parameters('${def.name}')`, 'parameter', () => {
      if (this.overrides.has(lower)) return this.overrides.get(lower) as Value;
      if (hasOwn(def.raw, 'defaultValue')) {
        return this.evalValue(def.raw.defaultValue, `${def.pointer}/defaultValue`, EMPTY_SCOPE, { report: false, expandCopy: false }, 0);
      }
      return makeUnknown(`parameters('${def.name}')`, `parameter '${def.name}' has no default value and no value was supplied`);
    });
    this.paramValues.set(lower, value);
    return value;
  }

  private resolveVariable(name: string): Value {
    const lower = name.toLowerCase();
    const cached = this.varValues.get(lower);
    if (cached !== undefined) return cached;
    const def = this.vars.get(lower);
    if (!def) return makeUnknown(`variables('${name}')`, `variable '${name}' is not declared in the template`);
    const value = this.withCycleCheck(`v:${lower}`, def.name, `variables('${def.name}')`, 'variable', () => {
      if (def.kind === 'plain') return this.evalValue(def.raw, def.pointer, EMPTY_SCOPE, { report: false, expandCopy: true }, 0);
      return this.expandCopySpec(def.raw, def.name, def.pointer, EMPTY_SCOPE, { report: false, expandCopy: true }, 0);
    });
    this.varValues.set(lower, value);
    return value;
  }

  // -------------------------------------------------------------------------------------------------
  // Walking JSON values

  /**
   * Evaluates a JSON value found at `pointer`. Copy-on-write: a container whose members all evaluate to
   * themselves (no expression, no `[[` escape, no copy loop below it) is returned as is, so a large
   * literal subtree costs one read-only pass. Pointers of the values below are not built unless needed
   * (an unknown to report, a depth limit, a copy loop): the walk keeps the keys on a stack instead.
   */
  evalValue(v: unknown, pointer: string, scope: Scope, opts: WalkOptions, depth: number): Value {
    const savedBase = this.pathBase;
    const savedStart = this.pathStart;
    const savedLength = this.path.length;
    const savedDepth = this.depth;
    this.pathBase = pointer;
    this.pathStart = savedLength;
    try {
      return this.walk(v, scope, opts, depth);
    } finally {
      this.pathBase = savedBase;
      this.pathStart = savedStart;
      if (this.path.length !== savedLength) this.path.length = savedLength;
      this.depth = savedDepth;
    }
  }

  /** JSON pointer of the value being walked right now. */
  private currentPointer(): string {
    let p = this.pathBase;
    const path = this.path;
    for (let i = this.pathStart; i < path.length; i++) p += `/${pointerToken(path[i])}`;
    return p;
  }

  private walk(v: unknown, scope: Scope, opts: WalkOptions, depth: number): Value {
    if (depth > MAX_VALUE_DEPTH || this.depth >= MAX_EVALUATION_DEPTH) {
      const pointer = this.currentPointer();
      const u = makeUnknown(
        `value at ${pointer}`,
        depth > MAX_VALUE_DEPTH ? `value nests deeper than ${MAX_VALUE_DEPTH} levels` : `evaluation nests deeper than ${MAX_EVALUATION_DEPTH} levels`,
      );
      if (opts.report) this.reportUnknowns(pointer, u);
      return u;
    }
    if (typeof v === 'string') {
      if (!isExpressionString(v)) return literalString(v);
      // JSON nesting shares the evaluation budget: both consume the same call stack.
      this.depth++;
      const r = this.evalString(v, scope, opts.report);
      this.depth--;
      return r;
    }
    if (typeof v !== 'object' || v === null) return v === undefined ? null : (v as Json);
    if (Array.isArray(v)) {
      this.depth++;
      const r = this.walkArray(v, scope, opts, depth);
      this.depth--;
      return r;
    }
    // The bulk of a big template (120,000 backend members): objects of literals only, which evaluate to themselves.
    if (depth < MAX_VALUE_DEPTH && this.depth + 1 < MAX_EVALUATION_DEPTH && isFlatLiteral(v)) return v as Json;
    if (!isPlainObject(v)) return v as Json;
    this.depth++;
    const r =
      opts.expandCopy && isPropertyCopy(copyProp(v)) ? this.expandObjectCopy(v, Object.keys(v), scope, opts, depth) : this.walkObject(v, scope, opts, depth);
    this.depth--;
    return r;
  }

  private walkArray(v: unknown[], scope: Scope, opts: WalkOptions, depth: number): Value {
    const path = this.path;
    const at = path.length;
    path.push(0);
    let out: Json[] | undefined;
    for (let i = 0; i < v.length; i++) {
      path[at] = i;
      const x = v[i];
      const r = this.walk(x, scope, opts, depth + 1) as Json;
      if (out !== undefined) out.push(r);
      else if (r !== x) {
        out = v.slice(0, i) as Json[];
        out.push(r);
      }
    }
    path.pop();
    return out ?? (v as Json[]);
  }

  private walkObject(v: Record<string, Json>, scope: Scope, opts: WalkOptions, depth: number): Value {
    const path = this.path;
    const at = path.length;
    path.push('');
    let out: Record<string, Json> | undefined = mustCopy(v) ? {} : undefined;
    // for...in rather than Object.keys: no array per object (the walk meets every object of the template).
    let i = 0;
    for (const k in v) {
      if (!hasOwn(v, k)) continue;
      path[at] = k;
      const x = v[k];
      const r = this.walk(x, scope, opts, depth + 1) as Json;
      if (out !== undefined) setKey(out, k, r);
      else if (r !== x) {
        out = copyFirstKeys(v, i);
        setKey(out, k, r);
      }
      i++;
    }
    path.pop();
    return out ?? v;
  }

  private expandObjectCopy(o: Record<string, unknown>, keys: string[], scope: Scope, opts: WalkOptions, depth: number): Value {
    const out: Record<string, Json> = {};
    let copyKey = 'copy';
    const path = this.path;
    const at = path.length;
    path.push('');
    for (const k of keys) {
      if (k.toLowerCase() === 'copy') {
        copyKey = k;
        continue;
      }
      path[at] = k;
      setKey(out, k, this.walk(o[k], scope, opts, depth + 1));
    }
    path.pop();
    const pointer = this.currentPointer();
    const specs = o[copyKey] as Record<string, Json>[];
    for (let j = 0; j < specs.length; j++) {
      const spec = specs[j];
      const specPointer = joinPointer(joinPointer(pointer, copyKey), j);
      const name = rawProp(spec, 'name') as string;
      setKey(out, name, this.expandCopySpec(spec, name, specPointer, scope, opts, depth + 1));
    }
    return out;
  }

  /** `{ name, count, input }` → the array of evaluated inputs (property- and variable-level loops). */
  private expandCopySpec(spec: Record<string, Json>, name: string, pointer: string, scope: Scope, opts: WalkOptions, depth: number): Value {
    const count = this.evalCount(rawProp(spec, 'count'), `${pointer}/count`, scope);
    if ('unknown' in count) {
      if (opts.report) this.reportUnknowns(`${pointer}/count`, count.unknown);
      return count.unknown;
    }
    const input = rawProp(spec, 'input');
    const out: Json[] = [];
    for (let i = 0; i < count.n; i++) {
      const loopScope: Scope = { ...scope, loops: [...scope.loops, { name, lower: name.toLowerCase(), index: i, resource: false }] };
      out.push(this.evalValue(input, `${pointer}/input`, loopScope, opts, depth + 1) as Json);
    }
    return out;
  }

  private evalCount(raw: unknown, pointer: string, scope: Scope): { n: number } | { unknown: Unknown } {
    let v = this.evalValue(raw, pointer, scope, { report: false, expandCopy: false }, 0);
    const u = findUnknown(v);
    if (u) return { unknown: u };
    if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) v = Number(v);
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      const bad = makeUnknown(typeof raw === 'string' ? raw : JSON.stringify(raw ?? null), `copy count must be an integer, got ${typeName(v)}`);
      this.problem(pointer, describeUnknown(bad));
      return { unknown: bad };
    }
    if (v < 0) {
      this.problem(pointer, `copy count ${v} is negative; treated as 0`);
      return { n: 0 };
    }
    if (v > MAX_COPY_COUNT) {
      this.problem(pointer, `copy count ${v} exceeds ARM's limit of ${MAX_COPY_COUNT}; only the first ${MAX_COPY_COUNT} iterations are evaluated`);
      return { n: MAX_COPY_COUNT };
    }
    return { n: v };
  }

  /**
   * Evaluates an expression string (isExpressionString) found at the walk's current pointer.
   *
   * Memoized within this evaluator when the result cannot depend on where it is evaluated: a
   * scope-free expression (ParsedString) outside user functions and lambdas, with a primitive result.
   * Evaluating it again would read the same cached parameters and variables (every one it touched was
   * resolved and cached the first time) and call the same pure functions, so it would give the same
   * value — unless a limit interferes, hence the conditions: the first evaluation happened outside any
   * parameter/variable resolution (a reference cycle there yields a value that depends on the stack),
   * and neither evaluation is close enough to MAX_EVALUATION_DEPTH for the expression's own nesting
   * to reach it.
   */
  private evalString(s: string, scope: Scope, report: boolean): Value {
    const unscoped = scope.fnParams === undefined && scope.lambdaVars === undefined;
    if (unscoped) {
      const hit = this.memo.get(s);
      if (hit !== undefined && this.depth + hit.height + 2 < MAX_EVALUATION_DEPTH) return hit.value;
    }
    const entry = parseCached(s);
    const parsed = entry.parsed;
    let v: Value;
    if (!parsed.ok) {
      v = makeUnknown(s, `parse error at position ${parsed.error.position}: ${parsed.error.message}`);
    } else {
      const memo = unscoped && entry.scopeFree && this.depth + entry.height + 2 < MAX_EVALUATION_DEPTH;
      try {
        v = this.evalNode(parsed.node, s, scope);
      } catch (e) {
        // Backstop only: depth limits should make this unreachable.
        v = makeUnknown(s, e instanceof RangeError ? 'evaluation exhausted the call stack' : `internal error: ${(e as Error)?.message ?? String(e)}`);
      }
      if (memo && this.resolving.length === 0 && isPrimitive(v)) this.memo.set(s, { value: v, height: entry.height });
    }
    if (isLambda(v)) v = makeUnknown(s, 'a lambda cannot be used as a value');
    if (report && typeof v === 'object' && v !== null) this.reportUnknowns(this.currentPointer(), v);
    return v;
  }

  // -------------------------------------------------------------------------------------------------
  // Expressions

  private evalNode(node: Node, src: string, scope: Scope): Value {
    if (this.depth >= MAX_EVALUATION_DEPTH) {
      return makeUnknown(src.slice(node.start, node.end), `evaluation nests deeper than ${MAX_EVALUATION_DEPTH} levels`);
    }
    this.depth++;
    try {
      switch (node.kind) {
        case 'string':
        case 'number':
        case 'literal':
          return node.value;
        case 'property':
          return this.evalProperty(node, src, scope);
        case 'index':
          return this.evalIndex(node, src, scope);
        case 'call':
          return this.evalCall(node, src, scope);
      }
    } finally {
      this.depth--;
    }
  }

  private evalProperty(node: Extract<Node, { kind: 'property' }>, src: string, scope: Scope): Value {
    const target = this.evalNode(node.target, src, scope);
    if (isUnknown(target)) return target;
    if (isPlainObject(target)) {
      const p = getProperty(target, node.name);
      if (p.found) return p.value;
    }
    const text = src.slice(node.start, node.end);
    if (isPlainObject(target)) {
      const keys = Object.keys(target);
      const hint = keys.length ? ` (it has ${keys.slice(0, 10).join(', ')}${keys.length > 10 ? ', ...' : ''})` : ' (the object is empty)';
      return makeUnknown(text, `property '${node.name}' does not exist${hint}`);
    }
    return makeUnknown(text, `cannot read property '${node.name}' of ${typeName(target)}`);
  }

  private evalIndex(node: Extract<Node, { kind: 'index' }>, src: string, scope: Scope): Value {
    const target = this.evalNode(node.target, src, scope);
    if (isUnknown(target)) return target;
    const index = this.evalNode(node.index, src, scope);
    if (isUnknown(index)) return index;
    const text = src.slice(node.start, node.end);
    if (Array.isArray(target)) {
      if (typeof index !== 'number' || !Number.isInteger(index)) return makeUnknown(text, `array index must be an integer, got ${typeName(index)}`);
      if (index < 0 || index >= target.length) return makeUnknown(text, `index ${index} is out of range (the array has ${target.length} elements)`);
      return target[index];
    }
    if (isPlainObject(target)) {
      if (typeof index !== 'string') return makeUnknown(text, `object key must be a string, got ${typeName(index)}`);
      const p = getProperty(target, index);
      return p.found ? p.value : makeUnknown(text, `property '${index}' does not exist`);
    }
    return makeUnknown(text, `cannot index into ${typeName(target)}`);
  }

  private evalCall(node: Extract<Node, { kind: 'call' }>, src: string, scope: Scope): Value {
    if (node.namespace !== undefined) return this.callUserFunction(node, src.slice(node.start, node.end), src, scope);
    const lower = node.name.toLowerCase();
    switch (lower) {
      case 'parameters':
      case 'variables': {
        const bad = arityError(node, src, 1, 1);
        if (bad) return bad;
        const name = this.evalNode(node.args[0], src, scope);
        if (isUnknown(name)) return name;
        if (typeof name !== 'string') return failAt(node, src, `${node.name}() needs a name string, got ${typeName(name)}`);
        if (lower === 'variables') return this.resolveVariable(name);
        if (scope.fnParams) {
          const v = scope.fnParams.get(name.toLowerCase());
          return v !== undefined ? v : failAt(node, src, `'${name}' is not a parameter of this user-defined function`);
        }
        return this.resolveParameter(name);
      }
      case 'copyindex':
        return this.copyIndex(node, src.slice(node.start, node.end), src, scope);
      case 'if': {
        const bad = arityError(node, src, 3, 3);
        if (bad) return bad;
        const cond = this.evalNode(node.args[0], src, scope);
        if (isUnknown(cond)) return cond;
        if (typeof cond !== 'boolean') return failAt(node, src, `if() condition must be a boolean, got ${typeName(cond)}`);
        // Only the chosen branch is evaluated, as ARM does: the other may legitimately fail.
        return this.evalNode(node.args[cond ? 1 : 2], src, scope);
      }
      case 'and':
      case 'or': {
        const bad = arityError(node, src, 2, Number.POSITIVE_INFINITY);
        if (bad) return bad;
        // One known deciding argument fixes the result even if others are unknown (and(x, false) is
        // false whatever x is); otherwise an unknown argument leaves the result unknown.
        const decisive = lower === 'or';
        let pending: Unknown | undefined;
        for (const a of node.args) {
          const v = this.evalNode(a, src, scope);
          if (isUnknown(v)) {
            pending ??= v;
            continue;
          }
          if (typeof v !== 'boolean') return failAt(node, src, `${node.name}() arguments must be booleans, got ${typeName(v)}`);
          if (v === decisive) return decisive;
        }
        return pending ?? !decisive;
      }
      case 'lambda': {
        const bad = arityError(node, src, 1, Number.POSITIVE_INFINITY);
        if (bad) return bad;
        const names: string[] = [];
        for (const a of node.args.slice(0, -1)) {
          const n = this.evalNode(a, src, scope);
          if (typeof n !== 'string') return failAt(node, src, `lambda() parameter names must be strings, got ${typeName(n)}`);
          names.push(n);
        }
        return new Lambda(names, node.args[node.args.length - 1], src, scope);
      }
      case 'lambdavariables': {
        const bad = arityError(node, src, 1, 1);
        if (bad) return bad;
        const n = this.evalNode(node.args[0], src, scope);
        if (isUnknown(n)) return n;
        if (typeof n !== 'string') return failAt(node, src, `lambdaVariables() needs a name string, got ${typeName(n)}`);
        const v = scope.lambdaVars?.get(n.toLowerCase());
        return v !== undefined ? v : failAt(node, src, `'${n}' is not a lambda variable here`);
      }
    }
    const live = liveFunctionReason(node.name);
    if (live) return failAt(node, src, live);
    if (!hasOwn(BUILTINS, lower)) return failAt(node, src, `unsupported function ${node.name}`);
    const spec = BUILTINS[lower];
    const bad = arityError(node, src, spec.min, spec.max);
    if (bad) return bad;
    const args: Value[] = new Array(node.args.length);
    for (let i = 0; i < args.length; i++) args[i] = this.evalNode(node.args[i], src, scope);
    const mode = spec.unknowns ?? 'deep';
    if (mode === 'deep') {
      for (const a of args) {
        const u = findUnknown(a);
        if (u) return u;
      }
    } else if (mode === 'top') {
      const u = args.find(isUnknown);
      if (u) return u;
    }
    if (!LAMBDA_TAKERS.has(lower) && args.some(isLambda)) return failAt(node, src, `${node.name}() cannot take a lambda argument`);
    try {
      return spec.fn(args, this.fx);
    } catch (e) {
      if (e instanceof FnError) return failAt(node, src, e.message);
      if (e instanceof RangeError) return failAt(node, src, 'evaluation exhausted the call stack');
      return failAt(node, src, `internal error in ${node.name}(): ${(e as Error)?.message ?? String(e)}`);
    }
  }

  private copyIndex(node: Extract<Node, { kind: 'call' }>, text: string, src: string, scope: Scope): Value {
    if (node.args.length > 2) return makeUnknown(text, `copyIndex() expects 0 to 2 arguments, got ${node.args.length}`);
    const args = node.args.map((a) => this.evalNode(a, src, scope));
    const u = args.find(isUnknown);
    if (u) return u;
    let loopName: string | undefined;
    let offset = 0;
    if (args.length === 2) {
      if (typeof args[0] !== 'string' || typeof args[1] !== 'number' || !Number.isInteger(args[1])) {
        return makeUnknown(text, 'copyIndex() expects a loop name and an integer offset');
      }
      loopName = args[0];
      offset = args[1];
    } else if (args.length === 1) {
      if (typeof args[0] === 'string') loopName = args[0];
      else if (typeof args[0] === 'number' && Number.isInteger(args[0])) offset = args[0];
      else return makeUnknown(text, `copyIndex() argument must be a loop name or an integer offset, got ${typeName(args[0])}`);
    }
    const lower = loopName?.toLowerCase();
    // Without a name ARM means the resource loop; variable/property loops must be named, but a lone
    // unnamed use inside one is unambiguous, so we accept it.
    const frame =
      lower !== undefined
        ? lastMatching(scope.loops, (f) => f.lower === lower)
        : lastMatching(scope.loops, (f) => f.resource) ?? scope.loops[scope.loops.length - 1];
    if (!frame) {
      return makeUnknown(text, loopName !== undefined ? `copyIndex() refers to loop '${loopName}', which does not enclose this value` : 'copyIndex() is used outside of a copy loop');
    }
    return frame.index + offset;
  }

  private callUserFunction(node: Extract<Node, { kind: 'call' }>, text: string, src: string, scope: Scope): Value {
    const fullName = `${node.namespace}.${node.name}`;
    const def = this.functions.get(fullName.toLowerCase());
    if (!def) return makeUnknown(text, `unsupported function ${fullName} (no such user-defined function)`);
    if (node.args.length !== def.params.length) {
      return makeUnknown(text, `${fullName}() expects ${def.params.length} argument(s), got ${node.args.length}`);
    }
    const bound = new Map<string, Value>();
    node.args.forEach((a, i) => bound.set(def.params[i].toLowerCase(), this.evalNode(a, src, scope)));
    if (def.output === undefined) return makeUnknown(text, `user-defined function ${fullName} has no output value`);
    return this.evalValue(def.output, `${def.pointer}/output/value`, { loops: [], fnParams: bound }, { report: false, expandCopy: false }, 0);
  }

  private invokeLambda(fn: Value, args: Value[]): Value {
    if (!(fn instanceof Lambda)) throw new FnError(`expected a lambda, got ${typeName(fn)}`);
    const vars = new Map(fn.scope.lambdaVars ?? []);
    fn.params.forEach((p, i) => vars.set(p.toLowerCase(), i < args.length ? args[i] : null));
    return this.evalNode(fn.body, fn.source, { ...fn.scope, lambdaVars: vars });
  }

  // -------------------------------------------------------------------------------------------------
  // Resources

  run(): void {
    const resources = this.template.resources;
    if (resources === undefined) return;
    this.processResources(resources, `${this.root}/resources`, undefined, EMPTY_SCOPE, 0, this.deploymentScope);
  }

  private processResources(
    list: unknown,
    base: string,
    parent: { type: string; name: Value } | undefined,
    scope: Scope,
    level: number,
    deploymentScope: DeploymentScope,
  ): void {
    if (list === null || list === undefined) return;
    if (level > MAX_RESOURCE_NESTING) {
      this.problem(base, `resources nest deeper than ${MAX_RESOURCE_NESTING} levels; deeper resources are ignored`);
      return;
    }
    let entries: [unknown, string][];
    if (Array.isArray(list)) entries = list.map((r, i) => [r, joinPointer(base, i)]);
    else if (isPlainObject(list)) entries = Object.entries(list).map(([k, r]) => [r, joinPointer(base, k)]);
    else {
      this.problem(base, `resources must be an array or an object, got ${typeName(list as Json)}`);
      return;
    }
    for (const [raw, pointer] of entries) {
      if (!isPlainObject(raw)) {
        this.problem(pointer, 'resource must be an object; ignored');
        continue;
      }
      // languageVersion 2.0 `existing` resources are references to resources deployed elsewhere.
      if (rawProp(raw, 'existing') === true) continue;
      const copy = rawProp(raw, 'copy');
      if (!isPlainObject(copy)) {
        this.emitResource(raw, pointer, parent, scope, undefined, level, deploymentScope);
        continue;
      }
      const loopNameValue = this.evalValue(rawProp(copy, 'name') ?? '', `${pointer}/copy/name`, scope, { report: false, expandCopy: false }, 0);
      const loopName = typeof loopNameValue === 'string' ? loopNameValue : '';
      const count = this.evalCount(rawProp(copy, 'count'), `${pointer}/copy/count`, scope);
      let n: number;
      if ('unknown' in count) {
        this.problem(`${pointer}/copy/count`, `copy count is unknown (${describeUnknown(count.unknown)}); only the first instance is evaluated`);
        n = 1;
      } else {
        n = count.n;
      }
      for (let i = 0; i < n; i++) {
        const loopScope: Scope = { ...scope, loops: [...scope.loops, { name: loopName, lower: loopName.toLowerCase(), index: i, resource: true }] };
        this.emitResource(raw, pointer, parent, loopScope, i, level, deploymentScope);
      }
    }
  }

  private emitResource(
    raw: Record<string, Json>,
    pointer: string,
    parent: { type: string; name: Value } | undefined,
    scope: Scope,
    copyIndex: number | undefined,
    level: number,
    deploymentScope: DeploymentScope,
  ): void {
    const report: WalkOptions = { report: true, expandCopy: true };
    if (hasRawProp(raw, 'condition')) {
      const c = this.evalValue(rawProp(raw, 'condition'), `${pointer}/condition`, scope, { report: false, expandCopy: false }, 0);
      const u = findUnknown(c);
      if (c === false || (typeof c === 'string' && c.trim().toLowerCase() === 'false')) return;
      if (u) this.problem(`${pointer}/condition`, `condition is unknown (${describeUnknown(u)}); the resource is kept`);
      else if (c !== true && !(typeof c === 'string' && c.trim().toLowerCase() === 'true')) {
        this.problem(`${pointer}/condition`, `condition must be a boolean, got ${typeName(c)}; the resource is kept`);
      }
    }

    const typeValue = this.evalValue(rawProp(raw, 'type'), `${pointer}/type`, scope, report, 1);
    let type: string;
    if (typeof typeValue === 'string') type = typeValue;
    else {
      const rawType = rawProp(raw, 'type');
      type = typeof rawType === 'string' ? rawType : '';
      if (!isUnknown(typeValue)) this.problem(`${pointer}/type`, `resource type must be a string, got ${typeName(typeValue)}`);
    }
    if (parent && type !== '' && !type.includes('/')) type = `${parent.type}/${type}`;

    let name = this.evalValue(rawProp(raw, 'name'), `${pointer}/name`, scope, report, 1);
    if (typeof name !== 'string' && !isUnknown(name)) {
      name = makeUnknown(JSON.stringify(rawProp(raw, 'name') ?? null), `resource name must be a string, got ${typeName(name)}`);
      this.reportUnknowns(`${pointer}/name`, name);
    }
    if (parent && typeof name === 'string' && !name.includes('/')) {
      name = isUnknown(parent.name) ? parent.name : typeof parent.name === 'string' ? `${parent.name}/${name}` : name;
    }

    const isDeployment = type.toLowerCase() === 'microsoft.resources/deployments';
    const value: Record<string, Json> = {};
    for (const [k, x] of Object.entries(raw)) {
      const lower = k.toLowerCase();
      if (lower === 'copy' || lower === 'resources' || lower === 'condition') continue;
      if (lower === 'type') setKey(value, k, type);
      else if (lower === 'name') setKey(value, k, name);
      else if (isDeployment && lower === 'properties' && isPlainObject(x)) setKey(value, k, this.evalDeploymentProperties(x, joinPointer(pointer, k), scope));
      else setKey(value, k, this.evalValue(x, joinPointer(pointer, k), scope, report, 1));
    }

    // Not copied: `value` is new, but below it the walk shares what did not change (literal subtrees of the
    // template itself, a variable's object used twice); consumers only read evaluated values.
    const resource: EvaluatedResource = { type, name: name as string | Unknown, value, pointer };
    if (copyIndex !== undefined) resource.copyIndex = copyIndex;
    if (deploymentScope) resource.deploymentScope = cloneJson(deploymentScope);
    this.sink.resources.push(resource);

    const children = rawProp(raw, 'resources');
    if (children !== undefined) {
      this.processResources(children, `${pointer}/resources`, { type, name }, scope, level + 1, deploymentScope);
    }
    if (isDeployment) this.processNestedDeployment(raw, value, pointer, scope, level, deploymentScope);
  }

  /** A deployment's inline template is kept as written: its resources are emitted separately. */
  private evalDeploymentProperties(props: Record<string, Json>, pointer: string, scope: Scope): Value {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(props)) {
      if (k.toLowerCase() === 'template') setKey(out, k, cloneJson(x));
      else setKey(out, k, this.evalValue(x, joinPointer(pointer, k), scope, { report: true, expandCopy: true }, 2));
    }
    return out;
  }

  private processNestedDeployment(
    raw: Record<string, Json>,
    value: Record<string, Json>,
    pointer: string,
    scope: Scope,
    level: number,
    outerScope: DeploymentScope,
  ): void {
    const rawProps = rawProp(raw, 'properties');
    const props = rawProp(value, 'properties');
    if (!isPlainObject(rawProps) || !isPlainObject(props)) return;
    const template = rawProp(rawProps, 'template');
    const templateKey = Object.keys(rawProps).find((k) => k.toLowerCase() === 'template') ?? 'template';
    if (!isPlainObject(template)) {
      if (template !== undefined) {
        this.problem(`${pointer}/properties/${templateKey}`, 'the nested template is not an inline object; resources deployed by this nested deployment are not included');
      } else if (hasRawProp(rawProps, 'templateLink')) {
        this.problem(`${pointer}/properties`, 'linked templates are not fetched offline; resources deployed by this nested deployment are not included');
      }
      return;
    }
    const templatePointer = joinPointer(`${pointer}/properties`, templateKey);
    const options = rawProp(props, 'expressionEvaluationOptions');
    const mode = isPlainObject(options) ? rawProp(options, 'scope') : undefined;

    const targetSub = rawProp(value, 'subscriptionId');
    const targetRg = rawProp(value, 'resourceGroup');
    const subscriptionId = (typeof targetSub === 'string' || isUnknown(targetSub) ? targetSub : this.ctx.subscriptionId) as string | Unknown;
    const resourceGroupName = (typeof targetRg === 'string' || isUnknown(targetRg) ? targetRg : this.ctx.resourceGroupName) as string | Unknown;
    const sameScope =
      typeof subscriptionId === 'string' &&
      typeof resourceGroupName === 'string' &&
      typeof this.ctx.subscriptionId === 'string' &&
      typeof this.ctx.resourceGroupName === 'string' &&
      subscriptionId.toLowerCase() === this.ctx.subscriptionId.toLowerCase() &&
      resourceGroupName.toLowerCase() === this.ctx.resourceGroupName.toLowerCase();
    const targetScope: DeploymentScope = sameScope ? outerScope : { subscriptionId, resourceGroupName };

    if (typeof mode !== 'string' || mode.toLowerCase() !== 'inner') {
      // Outer scope (ARM's default): the nested template's expressions use this template's
      // parameters, variables and deployment context.
      this.processResources(rawProp(template, 'resources'), `${templatePointer}/resources`, undefined, scope, level + 1, targetScope);
      return;
    }
    if (this.nestedDeployments >= MAX_NESTED_DEPLOYMENTS) {
      this.problem(templatePointer, `nested deployments go deeper than ${MAX_NESTED_DEPLOYMENTS} levels; this one is not evaluated`);
      return;
    }
    const overrides = new Map<string, Value>();
    const passed = rawProp(props, 'parameters');
    if (isPlainObject(passed)) {
      for (const [name, p] of Object.entries(passed)) overrides.set(name.toLowerCase(), unwrapParameterValue(name, p));
    }
    const inner = new TemplateEvaluator(
      template,
      { subscriptionId, resourceGroupName, location: this.ctx.location },
      overrides,
      this.sink,
      templatePointer,
      this.nestedDeployments + 1,
      targetScope,
    );
    inner.run();
  }
}

/** Parameter values as given in a parameters file (`{ value }` / `{ reference }`) or raw. */
function unwrapParameterValue(name: string, v: unknown): Value {
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === 'value') v = v.value;
    else if (keys.includes('reference') && keys.every((k) => k === 'reference' || k === 'metadata')) {
      return makeUnknown(`parameters('${name}')`, 'the value is a Key Vault reference, read at deployment time');
    }
  }
  if (v === undefined) return null;
  if (exceedsDepth(v, MAX_VALUE_DEPTH)) return makeUnknown(`parameters('${name}')`, `the supplied value nests deeper than ${MAX_VALUE_DEPTH} levels`);
  // Copied: the caller owns the object, and unknown detection caches results per object identity.
  return cloneJson(v) as Json;
}

const ID_SCOPE = /\/subscriptions\/([^/\s'"[\]{}()]+)\/resourceGroups\/([^/\s'"[\]{}()]+)\//i;

/** First `/subscriptions/<sub>/resourceGroups/<rg>/` in literal strings, in document order. */
function findScopeIn(values: unknown[]): { subscriptionId: string; resourceGroupName: string } | undefined {
  const stack: unknown[] = [...values].reverse();
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (isExpressionString(v)) continue;
      const m = ID_SCOPE.exec(v);
      if (m) return { subscriptionId: m[1], resourceGroupName: m[2] };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (isPlainObject(v)) {
      stack.push(...Object.values(v).reverse());
    }
  }
  return undefined;
}

function inferScope(template: Record<string, unknown>, options: EvaluateOptions): { subscriptionId: string; resourceGroupName: string } {
  let found: { subscriptionId: string; resourceGroupName: string } | undefined;
  if (!options.subscriptionId || !options.resourceGroupName) {
    // Portal exports keep external resource ids (e.g. `virtualNetworks_x_externalid`) as parameter
    // defaults. Supplied values are not scanned: they often point at other resource groups (Key Vault,
    // hub networks), and a caller who has them can pass subscriptionId/resourceGroupName directly.
    const params = isPlainObject(template.parameters) ? Object.values(template.parameters) : [];
    found = findScopeIn(params.map((p) => (isPlainObject(p) ? rawProp(p, 'defaultValue') : undefined)));
  }
  return {
    subscriptionId: options.subscriptionId ?? found?.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION_ID,
    resourceGroupName: options.resourceGroupName ?? found?.resourceGroupName ?? PLACEHOLDER_RESOURCE_GROUP,
  };
}

export function evaluateTemplate(template: unknown, options: EvaluateOptions = {}): EvaluateResult {
  const sink: Sink = { problems: [], seen: new Set(), resources: [] };
  if (!isPlainObject(template)) {
    sink.problems.push({ message: 'the template is not a JSON object', pointer: '' });
    return {
      resources: [],
      problems: sink.problems,
      context: {
        subscriptionId: options.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION_ID,
        resourceGroupName: options.resourceGroupName ?? PLACEHOLDER_RESOURCE_GROUP,
      },
    };
  }
  const scope = inferScope(template, options);
  const overrides = new Map<string, Value>();
  for (const [name, v] of Object.entries(options.parameters ?? {})) overrides.set(name.toLowerCase(), unwrapParameterValue(name, v));
  try {
    const evaluator = new TemplateEvaluator(
      template,
      { ...scope, location: options.location ?? PLACEHOLDER_LOCATION },
      overrides,
      sink,
      '',
      0,
      undefined,
    );
    evaluator.run();
  } catch (e) {
    // The evaluator is meant to be total; this keeps a bug from taking the whole analysis down.
    sink.problems.push({ message: `internal error while evaluating the template: ${(e as Error)?.message ?? String(e)}`, pointer: '' });
  }
  return { resources: sink.resources, problems: sink.problems, context: scope };
}
