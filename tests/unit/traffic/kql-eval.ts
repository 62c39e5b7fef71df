/**
 * A tiny evaluator for exactly the KQL that src/core/traffic/kql.ts emits (source | where | extend | summarize |
 * order | top), with Kusto's null semantics (https://learn.microsoft.com/kusto/query/scalar-data-types/null-values):
 * enough to run the generated query over fixture rows and compare its classes with the in-browser classifier.
 * Not a KQL implementation: anything else throws.
 */

export type V = number | string | boolean | null | V[] | { [k: string]: V };
export type Row = Record<string, V>;

type Tok = { t: 'id' | 'num' | 'str' | 'op' | 'span' | 'raw'; v: string };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (src[i] !== '"') {
        if (src[i] === '\\') {
          s += src[i + 1];
          i += 2;
        } else s += src[i++];
      }
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?([a-z]+)?/.exec(src.slice(i))!;
      i += m[0].length;
      out.push(m[2] ? { t: 'span', v: m[0] } : { t: 'num', v: m[0] });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      i += m[0].length;
      if (m[0] === 'datetime' && src[i] === '(' && !src.slice(i).startsWith('(null)')) {
        const close = src.indexOf(')', i);
        out.push({ t: 'raw', v: src.slice(i + 1, close).trim() });
        i = close + 1;
        continue;
      }
      out.push({ t: 'id', v: m[0] });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '=~', '!~', '<=', '>=', '..'].includes(two)) {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('()<>=,*/+-[]|'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    throw new Error(`kql-eval: unexpected ${c} at ${i}`);
  }
  return out;
}

type Node =
  | { k: 'lit'; v: V }
  | { k: 'col'; name: string }
  | { k: 'call'; fn: string; args: Node[] }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'in'; a: Node; list: Node[] }
  | { k: 'between'; a: Node; lo: Node; hi: Node }
  | { k: 'index'; a: Node; i: number | string };

class Parser {
  p = 0;
  constructor(readonly toks: Tok[]) {}
  peek(v?: string): boolean {
    const t = this.toks[this.p];
    return !!t && (v === undefined || t.v === v);
  }
  eat(v?: string): Tok {
    const t = this.toks[this.p++];
    if (!t || (v !== undefined && t.v !== v)) throw new Error(`kql-eval: expected ${v}, got ${t?.v}`);
    return t;
  }
  expr(): Node {
    return this.or();
  }
  or(): Node {
    let a = this.and();
    while (this.peek('or')) {
      this.eat();
      a = { k: 'bin', op: 'or', a, b: this.and() };
    }
    return a;
  }
  and(): Node {
    let a = this.cmp();
    while (this.peek('and')) {
      this.eat();
      a = { k: 'bin', op: 'and', a, b: this.cmp() };
    }
    return a;
  }
  cmp(): Node {
    const a = this.add();
    const t = this.toks[this.p];
    if (!t) return a;
    if (['==', '!=', '=~', '!~', '<', '<=', '>', '>=', 'startswith', 'contains_cs', 'has'].includes(t.v)) {
      this.eat();
      return { k: 'bin', op: t.v, a, b: this.add() };
    }
    if (t.v === 'in') {
      this.eat();
      this.eat('(');
      const list: Node[] = [];
      while (!this.peek(')')) {
        list.push(this.expr());
        if (this.peek(',')) this.eat(',');
      }
      this.eat(')');
      return { k: 'in', a, list };
    }
    if (t.v === 'between') {
      this.eat();
      this.eat('(');
      const lo = this.add();
      this.eat('..');
      const hi = this.add();
      this.eat(')');
      return { k: 'between', a, lo, hi };
    }
    return a;
  }
  add(): Node {
    let a = this.mul();
    while (this.peek('+') || this.peek('-')) {
      const op = this.eat().v;
      a = { k: 'bin', op, a, b: this.mul() };
    }
    return a;
  }
  mul(): Node {
    let a = this.postfix();
    while (this.peek('*') || this.peek('/')) {
      const op = this.eat().v;
      a = { k: 'bin', op, a, b: this.postfix() };
    }
    return a;
  }
  postfix(): Node {
    let a = this.primary();
    while (this.peek('[')) {
      this.eat('[');
      const tk = this.eat();
      const i = tk.t === 'str' ? tk.v : Number(tk.v);
      this.eat(']');
      a = { k: 'index', a, i };
    }
    return a;
  }
  primary(): Node {
    const t = this.eat();
    if (t.t === 'num') return { k: 'lit', v: Number(t.v) };
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'raw') return { k: 'lit', v: new Date(t.v).toISOString() };
    if (t.t === 'span') return { k: 'lit', v: t.v };
    if (t.v === '(') {
      const e = this.expr();
      this.eat(')');
      return e;
    }
    if (t.v === '-') {
      const n = this.primary();
      return { k: 'bin', op: '*', a: { k: 'lit', v: -1 }, b: n };
    }
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
      if (this.peek('(')) {
        this.eat('(');
        const args: Node[] = [];
        while (!this.peek(')')) {
          args.push(this.expr());
          if (this.peek(',')) this.eat(',');
        }
        this.eat(')');
        return { k: 'call', fn: t.v, args };
      }
      return { k: 'col', name: t.v };
    }
    throw new Error(`kql-eval: unexpected ${t.v}`);
  }
}

const isNum = (v: V): v is number => typeof v === 'number';
const isNull = (v: V) => v === null;

function spanMs(s: string): number {
  const m = /^(\d+)(m|h|d|s)$/.exec(s)!;
  return Number(m[1]) * { s: 1000, m: 60000, h: 3600000, d: 86400000 }[m[2] as 's']!;
}

function toInt(v: V): V {
  if (v === null) return null;
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return null;
}

function toReal(v: V): V {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

const str = (v: V): string => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function evalNode(n: Node, row: Row): V {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'col':
      if (!(n.name in row)) throw new Error(`kql-eval: no column ${n.name}`);
      return row[n.name];
    case 'index': {
      const a = evalNode(n.a, row);
      if (Array.isArray(a) && typeof n.i === 'number') return a[n.i] ?? null;
      if (a && typeof a === 'object' && !Array.isArray(a) && typeof n.i === 'string') return (a as Record<string, V>)[n.i] ?? null;
      return null;
    }
    case 'in': {
      const a = evalNode(n.a, row);
      if (a === null) return false;
      return n.list.some((x) => evalNode(x, row) === a);
    }
    case 'between': {
      const a = evalNode(n.a, row);
      const lo = evalNode(n.lo, row);
      const hi = evalNode(n.hi, row);
      if (a === null || lo === null || hi === null) return null;
      return (a as string) >= (lo as string) && (a as string) <= (hi as string);
    }
    case 'bin': {
      if (n.op === 'and' || n.op === 'or') {
        const a = evalNode(n.a, row);
        const b = evalNode(n.b, row);
        if (n.op === 'and') return a === false || b === false ? false : a === null || b === null ? null : true;
        return a === true || b === true ? true : a === null || b === null ? null : false;
      }
      const a = evalNode(n.a, row);
      const b = evalNode(n.b, row);
      switch (n.op) {
        case '==':
          return isNull(a) || isNull(b) ? (isNull(a) && isNull(b) ? null : false) : a === b;
        case '!=':
          return isNull(a) || isNull(b) ? (isNull(a) && isNull(b) ? null : true) : a !== b;
        case '=~':
          return str(a).toLowerCase() === str(b).toLowerCase();
        case '!~':
          return str(a).toLowerCase() !== str(b).toLowerCase();
        case 'startswith':
          return str(a).toLowerCase().startsWith(str(b).toLowerCase());
        case 'contains_cs':
          return str(a).includes(str(b));
        case '*':
        case '/':
        case '+':
        case '-':
          if (!isNum(a) || !isNum(b)) return null;
          return n.op === '*' ? a * b : n.op === '/' ? a / b : n.op === '+' ? a + b : a - b;
        default:
          if (isNull(a) || isNull(b)) return null;
          if (n.op === '<') return (a as number) < (b as number);
          if (n.op === '<=') return (a as number) <= (b as number);
          if (n.op === '>') return (a as number) > (b as number);
          if (n.op === '>=') return (a as number) >= (b as number);
          throw new Error(`kql-eval: operator ${n.op}`);
      }
    }
    case 'call': {
      const args = () => n.args.map((x) => evalNode(x, row));
      switch (n.fn) {
        case 'column_ifexists': {
          const name = evalNode(n.args[0], row) as string;
          return name in row ? row[name] : evalNode(n.args[1], row);
        }
        case 'real':
        case 'int':
        case 'datetime':
          return null;
        case 'tostring':
          return str(args()[0]);
        case 'toint':
          return toInt(args()[0]);
        case 'todouble':
          return toReal(args()[0]);
        case 'toupper':
          return str(args()[0]).toUpperCase();
        case 'trim': {
          const [chars, s] = args();
          const c = str(chars).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          return str(s).replace(new RegExp(`^(${c})+|(${c})+$`, 'g'), '');
        }
        case 'extract': {
          const [re, g, s] = args();
          const m = new RegExp(str(re)).exec(str(s));
          return m ? m[Number(g)] ?? '' : '';
        }
        case 'isempty': {
          const v = args()[0];
          return v === null || v === '';
        }
        case 'isnull':
          return args()[0] === null;
        case 'isnotnull':
          return args()[0] !== null;
        case 'not': {
          const v = args()[0];
          return v === null ? null : !v;
        }
        case 'iff':
          return evalNode(n.args[0], row) === true ? evalNode(n.args[1], row) : evalNode(n.args[2], row);
        case 'case': {
          for (let i = 0; i + 1 < n.args.length; i += 2) if (evalNode(n.args[i], row) === true) return evalNode(n.args[i + 1], row);
          return evalNode(n.args[n.args.length - 1], row);
        }
        case 'coalesce':
          // For strings, an empty string counts as null (Kusto coalesce()).
          return args().find((v) => v !== null && v !== '') ?? (args().some((v) => v === '') ? '' : null);
        case 'todynamic': {
          const v = args()[0];
          if (typeof v !== 'string') return v;
          try {
            return v.trim() ? (JSON.parse(v) as V) : null;
          } catch {
            return null;
          }
        }
        case 'max_of': {
          const xs = args().filter(isNum) as number[];
          return xs.length ? Math.max(...xs) : null;
        }
        case 'split':
          return str(args()[0]).split(str(args()[1]));
        case 'bin': {
          const [t, span] = args();
          const ms = spanMs(str(span));
          return new Date(Math.floor(Date.parse(str(t)) / ms) * ms).toISOString();
        }
        default:
          throw new Error(`kql-eval: function ${n.fn}`);
      }
    }
  }
}

/** Split `a = b, c = d(e, f)` at top-level commas. */
function splitTop(toks: Tok[]): Tok[][] {
  const out: Tok[][] = [[]];
  let depth = 0;
  for (const t of toks) {
    if (t.v === '(' || t.v === '[') depth++;
    if (t.v === ')' || t.v === ']') depth--;
    if (t.v === ',' && depth === 0) out.push([]);
    else out[out.length - 1].push(t);
  }
  return out.filter((x) => x.length);
}

function assignment(toks: Tok[]): { name: string; node: Node } {
  if (toks.length > 2 && toks[1].v === '=' && toks[0].t === 'id') return { name: toks[0].v, node: new Parser(toks.slice(2)).expr() };
  const node = new Parser(toks).expr();
  if (node.k !== 'col') throw new Error('kql-eval: unnamed expression');
  return { name: node.name, node };
}

export function runKql(query: string, tables: Record<string, Row[]>): Row[] {
  const toks = lex(query);
  const stages: Tok[][] = [[]];
  let depth = 0;
  for (const t of toks) {
    if (t.v === '(' || t.v === '[') depth++;
    if (t.v === ')' || t.v === ']') depth--;
    if (t.v === '|' && depth === 0) stages.push([]);
    else stages[stages.length - 1].push(t);
  }
  const src = stages[0][0].v;
  let rows = (tables[src] ?? []).map((r) => ({ ...r }));
  for (const st of stages.slice(1)) {
    const op = st[0].v;
    const rest = st.slice(1);
    if (op === 'where') {
      const e = new Parser(rest).expr();
      rows = rows.filter((r) => evalNode(e, r) === true);
    } else if (op === 'extend') {
      const parts = splitTop(rest).map(assignment);
      rows = rows.map((r) => {
        const o = { ...r };
        for (const p of parts) o[p.name] = evalNode(p.node, o);
        return o;
      });
    } else if (op === 'summarize') {
      const byAt = rest.findIndex((t) => t.v === 'by');
      const aggs = splitTop(rest.slice(0, byAt)).map((ts) => {
        const name = ts[0].v;
        const call = new Parser(ts.slice(2)).expr() as Extract<Node, { k: 'call' }>;
        return { name, fn: call.fn, arg: call.args[0] };
      });
      const keys = splitTop(rest.slice(byAt + 1)).map(assignment);
      const groups = new Map<string, { key: Row; rows: Row[] }>();
      for (const r of rows) {
        const key: Row = {};
        for (const k of keys) key[k.name] = evalNode(k.node, r);
        const ks = JSON.stringify(key);
        const g = groups.get(ks);
        if (g) g.rows.push(r);
        else groups.set(ks, { key, rows: [r] });
      }
      rows = [...groups.values()].map(({ key, rows: rs }) => {
        const o: Row = { ...key };
        for (const a of aggs) {
          const vals = a.arg ? rs.map((r) => evalNode(a.arg, r)) : [];
          const nn = vals.filter((v) => v !== null && v !== '');
          if (a.fn === 'count') o[a.name] = rs.length;
          else if (a.fn === 'take_any') o[a.name] = nn[0] ?? '';
          else if (a.fn === 'max') o[a.name] = nn.length ? (nn as (number | string)[]).reduce((x, y) => (y > x ? y : x)) : null;
          else if (a.fn === 'min') o[a.name] = nn.length ? (nn as (number | string)[]).reduce((x, y) => (y < x ? y : x)) : null;
          else if (a.fn === 'avg') o[a.name] = nn.length ? (nn as number[]).reduce((x, y) => x + y, 0) / nn.length : null;
          else throw new Error(`kql-eval: aggregate ${a.fn}`);
        }
        return o;
      });
    } else if (op === 'order' || op === 'top') {
      // Order does not matter to the comparisons made with this evaluator.
    } else throw new Error(`kql-eval: operator ${op}`);
  }
  return rows;
}
