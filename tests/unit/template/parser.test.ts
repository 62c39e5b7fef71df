import { describe, it, expect } from 'vitest';
import { isExpressionString, literalString, MAX_EXPRESSION_DEPTH, parseExpression, tokenize, type Node } from '../../../src/core/template/parser';
import { evalExpr } from './helpers';

function parse(text: string): Node {
  const r = parseExpression(text);
  if (!r.ok) throw new Error(`unexpected parse error: ${r.error.message} at ${r.error.position}`);
  return r.node;
}

function parseError(text: string) {
  const r = parseExpression(text);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
}

describe('expression detection', () => {
  it('recognises [..] strings as expressions', () => {
    expect(isExpressionString("[parameters('a')]")).toBe(true);
    expect(isExpressionString('plain')).toBe(false);
    expect(isExpressionString('[not closed')).toBe(false);
    expect(isExpressionString('not opened]')).toBe(false);
  });

  it('treats [[ as an escaped literal', () => {
    expect(isExpressionString('[[abc]')).toBe(false);
    expect(literalString('[[abc]')).toBe('[abc]');
    expect(literalString('plain')).toBe('plain');
    expect(evalExpr('[[abc]').value).toBe('[abc]');
    expect(evalExpr("[[concat('a')]").value).toBe("[concat('a')]");
  });
});

describe('tokenizer', () => {
  it('produces typed tokens with offsets', () => {
    const tokens = tokenize("concat('a''b', -12, x.y)[0]");
    expect(tokens.map((t) => t.kind)).toEqual([
      'ident', 'lparen', 'string', 'comma', 'number', 'comma', 'ident', 'dot', 'ident', 'rparen', 'lbracket', 'number', 'rbracket', 'eof',
    ]);
    expect(tokens[2]).toMatchObject({ text: "a'b", start: 7, end: 13 });
    expect(tokens[4]).toMatchObject({ text: '-12', start: 15, end: 18 });
  });

  it('skips whitespace including newlines and tabs', () => {
    expect(tokenize(" \t\nf ( ) \r\n").map((t) => t.kind)).toEqual(['ident', 'lparen', 'rparen', 'eof']);
  });
});

describe('parser', () => {
  it('parses nested calls', () => {
    const node = parse("[concat('a', toLower(parameters('b')), 3)]");
    expect(node).toMatchObject({
      kind: 'call',
      name: 'concat',
      args: [
        { kind: 'string', value: 'a' },
        { kind: 'call', name: 'toLower', args: [{ kind: 'call', name: 'parameters', args: [{ kind: 'string', value: 'b' }] }] },
        { kind: 'number', value: 3 },
      ],
    });
  });

  it("decodes '' inside string literals", () => {
    expect(parse("['it''s']")).toMatchObject({ kind: 'string', value: "it's" });
    expect(parse("['''']")).toMatchObject({ kind: 'string', value: "'" });
    expect(parse("['']")).toMatchObject({ kind: 'string', value: '' });
    expect(evalExpr("[concat('don''t', ' ', 'stop')]").value).toBe("don't stop");
  });

  it('parses negative integers', () => {
    expect(parse('[add(-5, 2)]')).toMatchObject({ args: [{ kind: 'number', value: -5 }, { kind: 'number', value: 2 }] });
    expect(evalExpr('[add(-5, 2)]').value).toBe(-3);
  });

  it('parses true/false/null as literals and as functions', () => {
    expect(parse('[true]')).toMatchObject({ kind: 'literal', value: true });
    expect(parse('[FALSE]')).toMatchObject({ kind: 'literal', value: false });
    expect(parse('[null]')).toMatchObject({ kind: 'literal', value: null });
    expect(parse('[true()]')).toMatchObject({ kind: 'call', name: 'true' });
    expect(evalExpr('[if(true, 1, 2)]').value).toBe(1);
    expect(evalExpr('[not(false())]').value).toBe(true);
  });

  it('parses property and index chains after calls', () => {
    const node = parse("[parameters('p')[0].name['k'].last]");
    expect(node).toMatchObject({
      kind: 'property',
      name: 'last',
      target: {
        kind: 'index',
        index: { kind: 'string', value: 'k' },
        target: { kind: 'property', name: 'name', target: { kind: 'index', index: { kind: 'number', value: 0 }, target: { kind: 'call', name: 'parameters' } } },
      },
    });
  });

  it('parses namespaced user-defined function calls', () => {
    expect(parse("[ns.fn('a')]")).toMatchObject({ kind: 'call', namespace: 'ns', name: 'fn' });
    expect(parse('[resourceGroup().location]')).toMatchObject({ kind: 'property', name: 'location', target: { kind: 'call', name: 'resourceGroup' } });
  });

  it('accepts whitespace anywhere between tokens', () => {
    expect(parse("[ concat ( 'a' ,\n 'b' ) ]")).toMatchObject({ kind: 'call', args: [{ value: 'a' }, { value: 'b' }] });
  });

  it('records source positions in the whole string', () => {
    const node = parse("[concat('a', 'b')]");
    expect(node).toMatchObject({ start: 1, end: 17 });
  });
});

describe('parse errors carry the position', () => {
  it.each([
    ["[concat('a' 'b')]", 12, "expected ',' or ')'"],
    ["[concat('a)]", 8, 'unterminated string'],
    ['[concat(#)]', 8, "unexpected character '#'"],
    ['[ ]', 2, 'empty expression'],
    ["[a() b()]", 5, 'after the end of the expression'],
    ['[concat]', 7, "expected '('"],
    ["[parameters('a').]", 17, 'property name'],
    ["[parameters('a')[0]", 18, "expected ']'"],
    ['[f(,)]', 3, 'unexpected'],
  ])('%s → position %i', (text, position, message) => {
    const error = parseError(text);
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
  });

  it('turns a parse error into a named unknown and a problem', () => {
    const { value, problems } = evalExpr("[concat('a' 'b')]");
    expect(value).toEqual({ $unknown: "[concat('a' 'b')]", reason: expect.stringContaining('parse error at position 12') });
    expect(problems).toEqual([{ pointer: '/resources/0/properties/v', message: expect.stringContaining('parse error at position 12') }]);
  });
});

describe('nesting limits', () => {
  it('accepts moderately deep expressions', () => {
    const depth = 150;
    const text = `[${'concat('.repeat(depth)}'a'${')'.repeat(depth)}]`;
    expect(parseExpression(text).ok).toBe(true);
    expect(evalExpr(text).value).toBe('a');
  });

  it('rejects 10,000 nested calls with a clear error, not a stack overflow', () => {
    const depth = 10000;
    const text = `[${'concat('.repeat(depth)}'a'${')'.repeat(depth)}]`;
    const error = parseError(text);
    expect(error.message).toBe(`expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    expect(error.position).toBeGreaterThan(0);
  });

  it('rejects 10,000 chained property accesses and nested indexes', () => {
    expect(parseError(`[parameters('a')${'.b'.repeat(10000)}]`).message).toContain('nests deeper than');
    expect(parseError(`[${'createArray('.repeat(5000)}1${')'.repeat(5000)}${'[0]'.repeat(5000)}]`).message).toContain('nests deeper than');
    expect(parseError(`[x()${'[x()'.repeat(10000)}${']'.repeat(10000)}]`).message).toContain('nests deeper than');
  });
});
