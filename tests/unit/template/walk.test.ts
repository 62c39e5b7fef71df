/**
 * The evaluator's copy-on-write walk, lazy pointers and per-evaluation memo of expression results:
 * fast paths that must not change what comes out.
 */
import { describe, it, expect } from 'vitest';
import { evaluateTemplate } from '../../../src/core/template';
import { parseJson, DUPLICATES } from '../../../src/core/input/json';
import { RG, SUB, template } from './helpers';

const CTX = { subscriptionId: SUB, resourceGroupName: RG, location: 'westeurope' };

function resource(properties: unknown, extra: Record<string, unknown> = {}) {
  return { type: 'Test.Provider/things', apiVersion: '2020-01-01', name: 'thing', properties, ...extra };
}

function deepFreeze<T>(v: T): T {
  const stack: unknown[] = [v];
  while (stack.length) {
    const o = stack.pop();
    if (typeof o !== 'object' || o === null || Object.isFrozen(o)) continue;
    Object.freeze(o);
    for (const k of Reflect.ownKeys(o)) stack.push((o as Record<PropertyKey, unknown>)[k]);
  }
  return v;
}

describe('copy-on-write walk', () => {
  it('shares literal subtrees with the template and copies only the paths to evaluated values', () => {
    const members = Array.from({ length: 50 }, (_, i) => ({ ipAddress: `10.0.0.${i}` }));
    const pool = { name: 'pool', properties: { backendAddresses: members } };
    const rule = { name: 'rule', properties: { backendAddressPool: { id: "[concat('/pools/', 'pool')]" }, priority: 10 } };
    const t = deepFreeze(template({ resources: [resource({ backendAddressPools: [pool], requestRoutingRules: [rule] })] }));
    const out = evaluateTemplate(t, CTX);
    expect(out.problems).toEqual([]);
    const props = out.resources[0].value.properties;
    // Unchanged: the very same objects (one read-only pass, no allocation).
    expect(props.backendAddressPools[0]).toBe(pool);
    expect(props.backendAddressPools[0].properties.backendAddresses).toBe(members);
    // Changed: new containers along the path, the template untouched (it is frozen).
    expect(props.requestRoutingRules[0]).not.toBe(rule);
    expect(props.requestRoutingRules[0]).toEqual({ name: 'rule', properties: { backendAddressPool: { id: '/pools/pool' }, priority: 10 } });
    expect(rule.properties.backendAddressPool.id).toBe("[concat('/pools/', 'pool')]");
  });

  it('keeps key order and sibling values when a value in the middle changes', () => {
    const value = { a: 1, b: '[[escaped]', c: { d: 'x' }, 10: true, e: "[concat('e')]", f: null };
    const out = evaluateTemplate(deepFreeze(template({ resources: [resource(value)] })), CTX);
    const props = out.resources[0].value.properties;
    expect(Object.keys(props)).toEqual(['10', 'a', 'b', 'c', 'e', 'f']);
    expect(props).toEqual({ 10: true, a: 1, b: '[escaped]', c: { d: 'x' }, e: 'e', f: null });
    expect(props.c).toBe(value.c);
    const list = ['x', 'y', '[[z]', 'w'];
    const arr = evaluateTemplate(deepFreeze(template({ resources: [resource({ list })] })), CTX).resources[0].value.properties.list;
    expect(arr).toEqual(['x', 'y', '[z]', 'w']);
    expect(arr).not.toBe(list);
  });

  it('never passes on the duplicate-key record of json.ts, changed or not', () => {
    const text = JSON.stringify(template({ resources: [resource({ same: { k: 1, z: 2 }, changed: { k: 1, z: "[concat('a')]" } })] }))
      .replace('"k":1,"z":2', '"k":1,"k":2,"z":2')
      .replace('"k":1,"z":"[concat', '"k":1,"k":3,"z":"[concat');
    const parsed = parseJson(text);
    if (!parsed.ok) throw new Error('fixture does not parse');
    const raw = (parsed.doc.value as any).resources[0].properties;
    expect(DUPLICATES in raw.same && DUPLICATES in raw.changed).toBe(true);
    const props = evaluateTemplate(parsed.doc.value, CTX).resources[0].value.properties;
    // json.ts keeps the first value as the key's value; the others only in the record.
    expect(props.same).toEqual({ k: 1, z: 2 });
    expect(props.changed).toEqual({ k: 1, z: 'a' });
    expect(Object.prototype.hasOwnProperty.call(props.same, DUPLICATES)).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(props.changed, DUPLICATES)).toBe(false);
  });

  it('keeps __proto__ keys as data whether or not their object changes', () => {
    const parsed = parseJson('{"contentVersion":"1","resources":[{"type":"T/x","name":"n","properties":{"a":{"__proto__":{"p":1}},"b":{"x":"[concat(\'b\')]","__proto__":"[concat(\'c\')]"}}}]}');
    if (!parsed.ok) throw new Error('fixture does not parse');
    const props = evaluateTemplate(parsed.doc.value, CTX).resources[0].value.properties;
    expect(Object.getPrototypeOf(props.a)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(props.a, '__proto__')?.value).toEqual({ p: 1 });
    expect(Object.getPrototypeOf(props.b)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(props.b, '__proto__')?.value).toBe('c');
    expect(props.b.x).toBe('b');
  });
});

describe('lazy pointers', () => {
  it('reports an unknown at the escaped pointer of the value that holds it', () => {
    const t = template({ resources: [resource({ 'a/b~c': [{ x: 1 }, { 'y~': "[parameters('missing')]" }] })] });
    const out = evaluateTemplate(t, CTX);
    expect(out.problems.map((p) => p.pointer)).toEqual(['/resources/0/properties/a~1b~0c/1/y~0']);
  });

  it('names the pointer of a value nested deeper than the limit', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 300; i++) deep = { n: deep };
    const out = evaluateTemplate(template({ resources: [resource({ deep })] }), CTX);
    expect(out.problems).toHaveLength(1);
    // Resource properties start at depth 1, so the 255th nested value is the first past the limit.
    expect(out.problems[0].pointer).toBe(`/resources/0/properties/deep${'/n'.repeat(255)}`);
    expect(out.problems[0].message).toContain('nests deeper than 256 levels');
  });
});

describe('memoized expressions', () => {
  it('reports the same unknown expression at every place it is used', () => {
    const expr = "[concat('a', parameters('missing'))]";
    const out = evaluateTemplate(template({ resources: [resource({ one: expr, two: [expr], three: { x: expr } })] }), CTX);
    expect(out.problems.map((p) => p.pointer)).toEqual(['/resources/0/properties/one', '/resources/0/properties/two/0', '/resources/0/properties/three/x']);
  });

  it('gives repeated scope-free expressions the same value everywhere', () => {
    const id = "[resourceId('Microsoft.Network/applicationGateways', 'gw')]";
    const out = evaluateTemplate(template({ resources: [resource({ a: id, b: [id, id], c: { d: id } })] }), CTX);
    const want = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/applicationGateways/gw`;
    expect(out.resources[0].value.properties).toEqual({ a: want, b: [want, want], c: { d: want } });
  });

  it('does not reuse results that depend on the loop, the lambda or the function parameters', () => {
    const t = template({
      functions: [{ namespace: 'ns', members: { twice: { parameters: [{ name: 'p', type: 'string' }], output: { type: 'string', value: "[concat(parameters('p'), parameters('p'))]" } } } }],
      parameters: { p: { type: 'string', defaultValue: 'top' } },
      resources: [
        resource({ i: "[string(copyIndex())]", f: ["[ns.twice('a')]", "[ns.twice('b')]"], p: "[concat(parameters('p'), parameters('p'))]" }, {
          name: "[concat('n', string(copyIndex()))]",
          copy: { name: 'loop', count: 3 },
        }),
        resource({ m: "[map(createArray(1, 2), lambda('x', mul(lambdaVariables('x'), 10)))]", n: "[map(createArray(3), lambda('x', mul(lambdaVariables('x'), 10)))]" }),
      ],
    });
    const out = evaluateTemplate(t, CTX);
    expect(out.problems).toEqual([]);
    expect(out.resources.map((r) => r.name)).toEqual(['n0', 'n1', 'n2', 'thing']);
    expect(out.resources.slice(0, 3).map((r) => r.value.properties.i)).toEqual(['0', '1', '2']);
    expect(out.resources[0].value.properties.f).toEqual(['aa', 'bb']);
    expect(out.resources[0].value.properties.p).toBe('toptop');
    expect(out.resources[3].value.properties).toEqual({ m: [10, 20], n: [30] });
  });

  it('evaluates the same text in a nested inner-scope deployment with that deployment’s values', () => {
    const expr = "[concat(parameters('p'), '@', resourceGroup().name)]";
    const t = template({
      parameters: { p: { type: 'string', defaultValue: 'outer' } },
      resources: [
        resource({ v: expr }),
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'nested',
          resourceGroup: 'other-rg',
          properties: {
            mode: 'Incremental',
            expressionEvaluationOptions: { scope: 'inner' },
            parameters: { p: { value: 'inner' } },
            template: template({ parameters: { p: { type: 'string' } }, resources: [resource({ v: expr })] }),
          },
        },
      ],
    });
    const out = evaluateTemplate(t, CTX);
    const values = out.resources.filter((r) => r.type === 'Test.Provider/things').map((r) => r.value.properties.v);
    expect(values).toEqual([`outer@${RG}`, 'inner@other-rg']);
  });
});
