/**
 * Tokenizer and recursive-descent parser for ARM template expressions (`[concat('a', parameters('b'))]`).
 *
 * Positions are 0-based offsets into the whole JSON string, brackets included, so a problem can point
 * at the exact character the user wrote. Nesting is bounded before recursing: a hostile or generated
 * template with thousands of nested calls must yield a parse error, not a stack overflow.
 */

export const MAX_EXPRESSION_DEPTH = 200;

export type Node =
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'literal'; value: boolean | null; start: number; end: number }
  | { kind: 'call'; name: string; namespace?: string; args: Node[]; start: number; end: number }
  | { kind: 'property'; target: Node; name: string; start: number; end: number }
  | { kind: 'index'; target: Node; index: Node; start: number; end: number };

export type TokenKind = 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'comma' | 'dot' | 'ident' | 'string' | 'number' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier text, decoded string literal, or the raw number text. */
  text: string;
  start: number;
  end: number;
}

export interface ParseError {
  message: string;
  position: number;
}

export type ParseResult = { ok: true; node: Node } | { ok: false; error: ParseError };

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** `[[...` is ARM's escape for a literal string that starts with '['. */
export function isExpressionString(s: string): boolean {
  return s.length >= 2 && s[0] === '[' && s[s.length - 1] === ']' && s[1] !== '[';
}

/** The literal value of a JSON string that is not an expression (`[[abc]` → `[abc]`). */
export function literalString(s: string): string {
  return s.startsWith('[[') ? s.slice(1) : s;
}

const PUNCT: Record<string, TokenKind> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  ',': 'comma',
  '.': 'dot',
};

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9');
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Tokenizes `text` between offsets `from` (inclusive) and `to` (exclusive). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const punct = PUNCT[c];
    if (punct) {
      tokens.push({ kind: punct, text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= to) throw new ParseFailure('unterminated string literal', start);
        const ch = text[i];
        if (ch === "'") {
          if (text[i + 1] === "'" && i + 1 < to) {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
      tokens.push({ kind: 'string', text: value, start, end: i });
      continue;
    }
    if (isDigit(c) || (c === '-' && isDigit(text[i + 1]) && i + 1 < to)) {
      const start = i;
      i++;
      while (i < to && isDigit(text[i])) i++;
      tokens.push({ kind: 'number', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < to && isIdentPart(text[i])) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), start, end: i });
      continue;
    }
    throw new ParseFailure(`unexpected character '${c}'`, i);
  }
  tokens.push({ kind: 'eof', text: '', start: to, end: to });
  return tokens;
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private expect(kind: TokenKind, what: string): Token {
    const t = this.peek();
    if (t.kind !== kind) throw new ParseFailure(`expected ${what} but found ${describe(t)}`, t.start);
    return this.next();
  }

  parseTop(): Node {
    if (this.peek().kind === 'eof') throw new ParseFailure('empty expression', this.peek().start);
    const node = this.parseExpr(0);
    const t = this.peek();
    if (t.kind !== 'eof') throw new ParseFailure(`unexpected ${describe(t)} after the end of the expression`, t.start);
    return node;
  }

  private guard(depth: number, at: number): void {
    if (depth > MAX_EXPRESSION_DEPTH) {
      throw new ParseFailure(`expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels`, at);
    }
  }

  private parseExpr(depth: number): Node {
    this.guard(depth, this.peek().start);
    let node = this.parsePrimary(depth);
    // Each postfix adds one level of evaluation recursion, so it counts against the same budget.
    let chain = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'dot') {
        this.guard(depth + ++chain, t.start);
        this.next();
        const name = this.expect('ident', 'a property name after \'.\'');
        node = { kind: 'property', target: node, name: name.text, start: node.start, end: name.end };
      } else if (t.kind === 'lbracket') {
        this.guard(depth + ++chain, t.start);
        this.next();
        const index = this.parseExpr(depth + chain + 1);
        const close = this.expect('rbracket', "']'");
        node = { kind: 'index', target: node, index, start: node.start, end: close.end };
      } else {
        return node;
      }
    }
  }

  private parsePrimary(depth: number): Node {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.text, start: t.start, end: t.end };
      case 'number':
        return { kind: 'number', value: Number(t.text), start: t.start, end: t.end };
      case 'ident': {
        let name = t.text;
        let namespace: string | undefined;
        // `ns.fn(` is a user-defined function call; `fn().prop` is a property access handled by the caller.
        if (this.peek().kind === 'dot' && this.peek(1).kind === 'ident' && this.peek(2).kind === 'lparen') {
          this.next();
          namespace = name;
          name = this.next().text;
        }
        if (this.peek().kind !== 'lparen') {
          const lower = name.toLowerCase();
          if (namespace === undefined && (lower === 'true' || lower === 'false' || lower === 'null')) {
            return { kind: 'literal', value: lower === 'null' ? null : lower === 'true', start: t.start, end: t.end };
          }
          throw new ParseFailure(`expected '(' after function name '${name}'`, this.peek().start);
        }
        this.next();
        const args: Node[] = [];
        if (this.peek().kind !== 'rparen') {
          for (;;) {
            args.push(this.parseExpr(depth + 1));
            const sep = this.peek();
            if (sep.kind === 'comma') {
              this.next();
              continue;
            }
            if (sep.kind === 'rparen') break;
            throw new ParseFailure(`expected ',' or ')' but found ${describe(sep)}`, sep.start);
          }
        }
        const close = this.expect('rparen', "')'");
        return { kind: 'call', name, namespace, args, start: t.start, end: close.end };
      }
      default:
        throw new ParseFailure(`unexpected ${describe(t)}`, t.start);
    }
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'the end of the expression';
    case 'string':
      return 'a string literal';
    case 'number':
      return `number ${t.text}`;
    case 'ident':
      return `'${t.text}'`;
    default:
      return `'${t.text}'`;
  }
}

/**
 * Parses a JSON string value that `isExpressionString` accepted. The returned positions index into
 * `text` itself (position 0 is the opening '[').
 */
export function parseExpression(text: string): ParseResult {
  if (!isExpressionString(text)) {
    return { ok: false, error: { message: 'not an expression (must start with [ and end with ])', position: 0 } };
  }
  try {
    const tokens = tokenize(text, 1, text.length - 1);
    return { ok: true, node: new Parser(tokens).parseTop() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: { message: e.message, position: e.position } };
    throw e;
  }
}
