/**
 * The 502 fingerprint (logs-and-metrics.md §6, GUIDE-2026 step 11) as ONE table of class predicates. The
 * in-browser classifier evaluates the table here; kql.ts renders the very same table to KQL, so the query a user
 * runs in Log Analytics and this classifier cannot disagree. Predicates use KQL's null semantics
 * (https://learn.microsoft.com/kusto/query/scalar-data-types/null-values): a comparison with a missing value
 * is null (treated as false by `case`), `==` with one null side is false, `!=` true.
 *
 * Variables (each has a JS derivation below and a KQL derivation in kql.ts):
 *   Status        httpStatus sent to the client
 *   BackendStatus the backend's status (serverStatus; v1: SERVER-STATUS in requestQuery); null when none
 *   Latency       serverResponseLatency in seconds; null when empty or "-"
 *   TimeTakenS    timeTaken in seconds (v1 writes milliseconds)
 *   ErrorInfo     error_info in upper case, "" when absent
 *   ClientIp      clientIP
 *   IsV1          the row comes from a v1 gateway
 *   Value         the latency compared with the time-out: 504 → the larger of Latency and TimeTakenS, else
 *                 Latency, else TimeTakenS
 *   Timeout       the request time-out of the row's backend settings (from the configuration; default 20 s)
 */
import type { AccessRow } from './row';
import type { TrafficClass } from './types';

export type Var = 'Status' | 'BackendStatus' | 'Latency' | 'TimeTakenS' | 'ErrorInfo' | 'ClientIp' | 'IsV1' | 'Value' | 'Timeout';

export type Operand = { var: Var } | { lit: number | string | boolean } | { mul: [number, Operand] };

export type Expr =
  | { op: '==' | '!=' | '>=' | '>' | '<=' | '<'; left: Operand; right: Operand }
  | { op: 'in'; left: Operand; values: (number | string)[] }
  | { op: 'and' | 'or'; args: Expr[] }
  | { op: 'not'; arg: Expr }
  | { op: 'isnull' | 'isnotnull'; arg: Operand }
  | { op: 'is'; arg: Operand }
  | { op: 'true' };

export type RowClass = TrafficClass | 'ignore' | 'none';

export interface ClassRule {
  class: RowClass;
  when: Expr;
  /** Needs the configuration's request time-out (rows stop here until the workspace knows the gateway). */
  needsTimeout?: boolean;
  /** Why, for the docs and the query comments. */
  why: string;
}

// ---------------------------------------------------------------- builders

const v = (name: Var): Operand => ({ var: name });
const lit = (x: number | string | boolean): Operand => ({ lit: x });
const cmp = (op: '==' | '!=' | '>=' | '>' | '<=' | '<', left: Operand, right: Operand): Expr => ({ op, left, right });
const and = (...args: Expr[]): Expr => ({ op: 'and', args });
const or = (...args: Expr[]): Expr => ({ op: 'or', args });
const inList = (left: Operand, values: (number | string)[]): Expr => ({ op: 'in', left, values });

/** How close to the request time-out a latency must be to count as "the backend timed out" (T502, T504). */
export const TIMEOUT_FRACTION = 0.95;
/** v1 502 rows answered this fast had no backend to wait for (the gateway rejected them). */
export const V1_REJECT_SECONDS = 1;

export const ERRORINFO = {
  noLive: 'ERRORINFO_UPSTREAM_NO_LIVE',
  timedOut: 'ERRORINFO_UPSTREAM_TIMED_OUT',
  closed: 'ERRORINFO_UPSTREAM_CLOSED_CONNECTION',
  clientClosed: 'ERRORINFO_CLIENT_CLOSED_REQUEST',
  none: 'ERRORINFO_NO_ERROR',
} as const;

/** Every documented error_info code (DIAG, MONREF, CODES); anything else is shown verbatim as unknown. */
export const KNOWN_ERROR_INFO = new Set<string>([
  'ERRORINFO_NO_ERROR',
  'ERRORINFO_INVALID_METHOD', 'ERRORINFO_INVALID_REQUEST', 'ERRORINFO_INVALID_VERSION', 'ERRORINFO_INVALID_09_METHOD',
  'ERRORINFO_INVALID_HOST', 'ERRORINFO_INVALID_CONTENT_LENGTH', 'ERRORINFO_INVALID_METHOD_TRACE', 'ERRORINFO_CLIENT_CLOSED_REQUEST',
  'ERRORINFO_REQUEST_URI_INVALID', 'ERRORINFO_HTTP_NO_HOST_HEADER', 'ERRORINFO_HTTP_TO_HTTPS_PORT', 'ERRORINFO_HTTPS_NO_CERT',
  'ERRORINFO_INVALID_HEADER',
  'ERRORINFO_UPSTREAM_NO_LIVE', 'ERRORINFO_UPSTREAM_CLOSED_CONNECTION', 'ERRORINFO_UPSTREAM_TIMED_OUT',
]);

/** The table. First match wins. */
export const CLASS_RULES: readonly ClassRule[] = [
  { class: 'ignore', when: cmp('==', v('ClientIp'), lit('127.0.0.1')), why: 'the gateway\'s internal process (DIAG): ignored' },
  { class: 'client', when: or(inList(v('Status'), [499, 408]), and({ op: 'is', arg: v('IsV1') }, cmp('==', v('Status'), lit(0)))), why: '499 client closed, 408 client too slow, v1 status 0' },
  { class: 'none', when: or({ op: 'isnull', arg: v('Status') }, cmp('<', v('Status'), lit(500)), cmp('>', v('Status'), lit(599))), why: 'not a 5xx' },
  { class: 'no-healthy-backend', when: cmp('==', v('ErrorInfo'), lit(ERRORINFO.noLive)), why: ERRORINFO.noLive },
  { class: 'backend-timeout', when: cmp('==', v('ErrorInfo'), lit(ERRORINFO.timedOut)), why: ERRORINFO.timedOut },
  { class: 'backend-closed', when: cmp('==', v('ErrorInfo'), lit(ERRORINFO.closed)), why: ERRORINFO.closed },
  { class: 'backend-5xx', when: cmp('>=', v('BackendStatus'), lit(500)), why: 'the backend answered 5xx and the gateway relayed it' },
  { class: 'other', when: { op: 'isnotnull', arg: v('BackendStatus') }, why: 'the backend answered, yet the client got a 5xx' },
  {
    class: 'no-healthy-backend',
    when: and(cmp('==', v('Status'), lit(502)), { op: 'not', arg: { op: 'is', arg: v('IsV1') } }, or({ op: 'isnull', arg: v('Latency') }, cmp('==', v('Latency'), lit(0)))),
    why: '502 with no backend status and no backend latency: the gateway had no backend to send it to',
  },
  { class: 'other', when: { op: 'not', arg: inList(v('Status'), [502, 504]) }, why: 'a gateway-made 5xx other than 502/504 (the gateway should not return 500)' },
  {
    class: 'backend-timeout',
    needsTimeout: true,
    when: cmp('>=', v('Value'), { mul: [TIMEOUT_FRACTION, v('Timeout')] }),
    why: 'latency at or above the settings\' request time-out',
  },
  {
    class: 'no-healthy-backend',
    needsTimeout: true,
    when: and({ op: 'is', arg: v('IsV1') }, cmp('==', v('Status'), lit(502)), cmp('<', v('Value'), lit(V1_REJECT_SECONDS))),
    why: 'v1 502 answered at once: no backend to wait for',
  },
  { class: 'other', needsTimeout: true, when: { op: 'true' }, why: 'a gateway-made 502/504 below the time-out (a dropped connection or the application\'s own time-out)' },
];

// ---------------------------------------------------------------- evaluation (KQL null semantics)

export type Value = number | string | boolean | null;
export type Vars = Partial<Record<Var, Value>>;

function operand(o: Operand, vars: Vars): Value {
  if ('var' in o) return vars[o.var] ?? null;
  if ('lit' in o) return o.lit;
  const x = operand(o.mul[1], vars);
  return typeof x === 'number' ? o.mul[0] * x : null;
}

export function evaluate(e: Expr, vars: Vars): boolean | null {
  switch (e.op) {
    case 'true':
      return true;
    case 'is': {
      const x = operand(e.arg, vars);
      return x === null ? null : x === true;
    }
    case 'isnull':
      return operand(e.arg, vars) === null;
    case 'isnotnull':
      return operand(e.arg, vars) !== null;
    case 'not': {
      const x = evaluate(e.arg, vars);
      return x === null ? null : !x;
    }
    case 'and': {
      let sawNull = false;
      for (const a of e.args) {
        const x = evaluate(a, vars);
        if (x === false) return false;
        if (x === null) sawNull = true;
      }
      return sawNull ? null : true;
    }
    case 'or': {
      let sawNull = false;
      for (const a of e.args) {
        const x = evaluate(a, vars);
        if (x === true) return true;
        if (x === null) sawNull = true;
      }
      return sawNull ? null : false;
    }
    case 'in': {
      const x = operand(e.left, vars);
      if (x === null) return false;
      return e.values.includes(x as number | string);
    }
    default: {
      const a = operand(e.left, vars);
      const b = operand(e.right, vars);
      if (e.op === '==') return a === null || b === null ? (a === null && b === null ? null : false) : a === b;
      if (e.op === '!=') return a === null || b === null ? (a === null && b === null ? null : true) : a !== b;
      if (a === null || b === null) return null;
      if (e.op === '>=') return a >= b;
      if (e.op === '>') return a > b;
      if (e.op === '<=') return a <= b;
      return a < b;
    }
  }
}

// ---------------------------------------------------------------- the JS derivation of the variables

function num(s: string): number | null {
  if (!s) return null;
  const n = Number(s);
  return s.trim() === '' || !Number.isFinite(n) ? null : n;
}

function int(s: string): number | null {
  if (!/^\s*-?\d+(\.0+)?\s*$/.test(s)) return null;
  return Math.trunc(Number(s));
}

/** The variables of a row (Timeout excluded: it comes from the configuration). */
export function varsOf(row: AccessRow): Vars {
  const isV1 = row.generation === 'v1';
  const latency = num(row.serverLatency);
  const tt = num(row.timeTaken);
  const timeTakenS = tt === null ? null : isV1 ? tt / 1000 : tt;
  const status = row.httpStatus ?? null;
  let value: number | null;
  if (status === 504) value = latency === null && timeTakenS === null ? null : Math.max(latency ?? 0, timeTakenS ?? 0);
  else value = latency ?? timeTakenS;
  return {
    Status: status,
    BackendStatus: int(row.serverStatus),
    Latency: latency,
    TimeTakenS: timeTakenS,
    ErrorInfo: row.errorInfo.toUpperCase(),
    ClientIp: row.clientIp,
    IsV1: isV1,
    Value: value,
  };
}

export type Classification = { kind: 'class'; class: RowClass; rule: number } | { kind: 'pending'; rule: number };

/** Classify with the rules that need no configuration; rows that need the time-out come back `pending`. */
export function classifyVars(vars: Vars, timeout?: number): Classification {
  const withTimeout = timeout === undefined ? vars : { ...vars, Timeout: timeout };
  for (let i = 0; i < CLASS_RULES.length; i++) {
    const r = CLASS_RULES[i];
    if (r.needsTimeout && timeout === undefined) return { kind: 'pending', rule: i };
    if (evaluate(r.when, withTimeout) === true) return { kind: 'class', class: r.class, rule: i };
  }
  return { kind: 'class', class: 'other', rule: CLASS_RULES.length - 1 };
}

/**
 * Resolve a pending row (or group) once the time-out is known: only the rules that need the time-out are left to
 * try (the others already failed for the row when it was read).
 */
export function resolveWithTimeout(vars: Pick<Vars, 'Status' | 'IsV1' | 'Value'>, timeout: number): RowClass {
  const v: Vars = { ...vars, Timeout: timeout };
  for (const r of CLASS_RULES) if (r.needsTimeout && evaluate(r.when, v) === true) return r.class;
  return 'other';
}

// ---------------------------------------------------------------- latency bins (pending groups, histograms)

/** Bin of a latency in seconds: 0.1 s below 10 s, 1 s to 300 s, 10 s above. Returns [lower edge, width]. */
export function latencyBin(seconds: number): [number, number] {
  if (seconds < 10) return [Math.floor(seconds * 10) / 10, 0.1];
  if (seconds < 300) return [Math.floor(seconds), 1];
  return [Math.floor(seconds / 10) * 10, 10];
}

/** Status 0 from v1 and 499/408 are classed even though they are not 5xx; everything below 500 else is not. */
export function mayBeClassified(status: number | undefined): boolean {
  return status === undefined || status >= 500 || status === 499 || status === 408 || status === 0;
}
