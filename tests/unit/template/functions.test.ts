import { describe, it, expect } from 'vitest';
import { isUnknown } from '../../../src/core/template';
import { evalExpr, RG, SUB } from './helpers';

const RG_ID = `/subscriptions/${SUB}/resourceGroups/${RG}`;

/** [expression, expected value] — each function gets at least one case. */
const cases: [string, unknown][] = [
  // strings
  ["[concat('a', 'b', 1, true())]", 'ab1True'],
  ["[concat('a', null(), 'b')]", 'ab'],
  ['[concat(createArray(1, 2), createArray(3), createArray())]', [1, 2, 3]],
  ["[format('{0}-{1}', 'a', 2)]", 'a-2'],
  ["[format('{0:D3}|{1:d5}', 7, -42)]", '007|-00042'],
  ["[format('{{x}} [{0,4}] [{0,-4}]', 'ab')]", '{x} [  ab] [ab  ]'],
  ["[format('{0:N2} {0:F1} {1:X} {1:x4} {2:000} {3}', json('1234.5'), 255, 5, true())]", '1,234.50 1234.5 FF 00ff 005 True'],
  ["[format('{0}', createArray(1, 'a'))]", '[1,"a"]'],
  ["[toLower('MiXeD')]", 'mixed'],
  ["[toUpper('MiXeD')]", 'MIXED'],
  ["[trim('  a b \t')]", 'a b'],
  ["[padLeft('7', 3, '0')]", '007'],
  ['[padLeft(42, 5)]', '   42'],
  ["[padLeft('abcdef', 3, 'x')]", 'abcdef'],
  ["[replace('a-b-c', '-', '')]", 'abc'],
  ["[replace('aAa', 'a', 'x')]", 'xAx'],
  ["[split('a,b,,c', ',')]", ['a', 'b', '', 'c']],
  ["[split('a,b;c', createArray(',', ';'))]", ['a', 'b', 'c']],
  ["[substring('hello', 1, 3)]", 'ell'],
  ["[substring('hello', 2)]", 'llo'],
  ["[indexOf('Hello World', 'WORLD')]", 6],
  ["[indexOf('abc', 'z')]", -1],
  ["[lastIndexOf('abcabc', 'BC')]", 4],
  ["[indexOf(createArray('a', 'b', 'b'), 'b')]", 1],
  ["[lastIndexOf(createArray('a', 'b', 'b'), 'b')]", 2],
  ["[startsWith('Microsoft.Network', 'microsoft.')]", true],
  ["[endsWith('Microsoft.Network', 'WORK')]", true],
  ["[endsWith('abc', 'x')]", false],
  ["[string(createObject('a', 1, 'b', createArray(true())))]", '{"a":1,"b":[true]}'],
  ['[string(true())]', 'True'],
  ['[string(5)]', '5'],
  ['[string(null())]', ''],
  ["[base64('Hello, World!')]", 'SGVsbG8sIFdvcmxkIQ=='],
  ["[base64ToString('SGVsbG8sIFdvcmxkIQ==')]", 'Hello, World!'],
  ["[base64ToString(base64('héllo ✓'))]", 'héllo ✓'],
  ["[base64ToJson(base64('{\"a\":[1,2]}'))]", { a: [1, 2] }],
  ["[dataUri('Hello')]", 'data:text/plain;charset=utf8;base64,SGVsbG8='],
  ["[dataUriToString('data:text/plain;charset=utf8;base64,SGVsbG8=')]", 'Hello'],
  ["[dataUriToString('data:,a%20b')]", 'a b'],
  ["[uri('http://contoso.org/firstpath', 'myscript.sh')]", 'http://contoso.org/myscript.sh'],
  ["[uri('http://contoso.org/firstpath/', 'myscript.sh')]", 'http://contoso.org/firstpath/myscript.sh'],
  ["[uriComponent('http://a.b/c d?x=1&y=(2)')]", 'http%3A%2F%2Fa.b%2Fc%20d%3Fx%3D1%26y%3D%282%29'],
  ["[uriComponentToString('http%3A%2F%2Fa.b%2Fc%20d')]", 'http://a.b/c d'],
  ["[uniqueString('aaa')]", 'zavj67f3en4hc'],
  ["[uniqueString('xxx', 'yyy', 'zzz')]", 'lghi7k5js7itq'],
  ["[guid('a', 'b', 'c')]", 'a98fa280-e03f-5afa-8d8e-92d0a9c201e8'],

  // conversions and literals
  ["[int('42')]", 42],
  ["[int(' -7 ')]", -7],
  ['[int(3)]', 3],
  ["[float('1.5')]", 1.5],
  ['[float(2)]', 2],
  ["[bool('True')]", true],
  ["[bool('false')]", false],
  ['[bool(0)]', false],
  ['[bool(1)]', true],
  ["[json('{\"a\":[1,2],\"b\":null}')]", { a: [1, 2], b: null }],
  ["[json('null')]", null],
  ["[json('12')]", 12],
  ['[null()]', null],
  ['[true()]', true],
  ['[false()]', false],

  // arrays and objects
  ["[array('a')]", ['a']],
  ['[array(createArray(1))]', [1]],
  ["[createArray(1, 'a', true(), createArray())]", [1, 'a', true, []]],
  ['[createArray()]', []],
  ["[createObject('a', 1, 'b', createArray(), 'c', null())]", { a: 1, b: [], c: null }],
  ['[createObject()]', {}],
  ["[coalesce(null(), null(), 'x', 'y')]", 'x'],
  ['[coalesce(null())]', null],
  ["[empty('')]", true],
  ['[empty(createArray())]', true],
  ['[empty(createObject())]', true],
  ['[empty(null())]', true],
  ["[empty('a')]", false],
  ["[first(createArray('x', 'y'))]", 'x'],
  ["[first('abc')]", 'a'],
  ['[first(createArray())]', null],
  ["[last(createArray('x', 'y'))]", 'y'],
  ["[last('abc')]", 'c'],
  ["[length('abcd')]", 4],
  ['[length(createArray(1, 2))]', 2],
  ["[length(createObject('a', 1, 'b', 2))]", 2],
  ['[take(createArray(1, 2, 3), 2)]', [1, 2]],
  ["[take('abcdef', 3)]", 'abc'],
  ['[take(createArray(1), 5)]', [1]],
  ['[skip(createArray(1, 2, 3), 2)]', [3]],
  ["[skip('abcdef', 4)]", 'ef'],
  ['[skip(createArray(1, 2), -1)]', [1, 2]],
  ["[contains(createArray('a', 'b'), 'b')]", true],
  ["[contains(createArray(1, 2), 3)]", false],
  ["[contains(createObject('Key', 1), 'KEY')]", true],
  ["[contains('OneTwo', 'Two')]", true],
  ["[contains('OneTwo', 'two')]", false],
  ['[union(createArray(1, 2), createArray(2, 3))]', [1, 2, 3]],
  ["[union(json('{\"a\":{\"x\":1},\"b\":1}'), json('{\"a\":{\"y\":2},\"b\":2,\"c\":3}'))]", { a: { x: 1, y: 2 }, b: 2, c: 3 }],
  ['[intersection(createArray(1, 2, 3), createArray(2, 3, 4), createArray(3, 2))]', [2, 3]],
  ["[intersection(json('{\"a\":1,\"b\":2}'), json('{\"a\":1,\"b\":3}'))]", { a: 1 }],
  ["[join(createArray('a', 'b', 'c'), ', ')]", 'a, b, c'],
  ["[items(json('{\"b\":2,\"A\":1,\"c\":3}'))]", [{ key: 'A', value: 1 }, { key: 'b', value: 2 }, { key: 'c', value: 3 }]],
  ["[objectKeys(json('{\"b\":2,\"a\":1}'))]", ['b', 'a']],
  ["[tryGet(json('{\"a\":{\"b\":5}}'), 'a', 'b')]", 5],
  ["[tryGet(json('{\"a\":1}'), 'missing')]", null],
  ["[tryGet(createArray(7, 8), 1)]", 8],
  ['[range(1, 3)]', [1, 2, 3]],
  ['[range(5, 0)]', []],
  ['[min(3, 1, 2)]', 1],
  ['[min(createArray(4, -2))]', -2],
  ['[max(3, 1, 2)]', 3],
  ['[max(createArray(4, -2))]', 4],
  ['[flatten(createArray(createArray(1, 2), createArray(3)))]', [1, 2, 3]],
  ["[shallowMerge(createArray(createObject('a', 1, 'b', 1), createObject('b', 2)))]", { a: 1, b: 2 }],

  // comparison and logic
  ['[equals(1, 1)]', true],
  ["[equals('a', 'A')]", false],
  ['[equals(createArray(1, createObject(\'k\', 2)), createArray(1, createObject(\'k\', 2)))]', true],
  ["[equals(createObject('a', 1), createObject('a', 2))]", false],
  ['[not(true())]', false],
  ['[and(true(), true(), false())]', false],
  ['[and(true(), true())]', true],
  ['[or(false(), false())]', false],
  ['[or(false(), true())]', true],
  ["[if(equals(1, 1), 'yes', 'no')]", 'yes'],
  ["[if(equals(1, 2), 'yes', 'no')]", 'no'],
  ['[greater(2, 1)]', true],
  ["[greater('b', 'a')]", true],
  ['[greaterOrEquals(2, 2)]', true],
  ['[less(1, 2)]', true],
  ["[less('b', 'a')]", false],
  ['[lessOrEquals(3, 2)]', false],

  // numbers
  ['[add(2, 3)]', 5],
  ['[sub(2, 3)]', -1],
  ['[mul(4, 3)]', 12],
  ['[div(7, 2)]', 3],
  ['[div(-7, 2)]', -3],
  ['[mod(7, 3)]', 1],
  ['[mod(-7, 3)]', -1],

  // deployment context
  ['[resourceGroup().id]', RG_ID],
  ['[resourceGroup().name]', RG],
  ['[resourceGroup().location]', 'westeurope'],
  ['[resourceGroup().type]', 'Microsoft.Resources/resourceGroups'],
  ['[subscription().subscriptionId]', SUB],
  ['[subscription().id]', `/subscriptions/${SUB}`],
  ['[deployment().name]', 'deployment'],
  ['[environment().name]', 'AzureCloud'],
  ['[environment().suffixes.storage]', 'core.windows.net'],
  ['[environment().resourceManager]', 'https://management.azure.com/'],

  // resource ids
  ["[resourceId('Microsoft.Network/virtualNetworks', 'vnet1')]", `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet1`],
  ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'sn1')]", `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/sn1`],
  [
    "[resourceId('Microsoft.Network/applicationGateways/backendAddressPools', 'gw', 'pool1')]",
    `${RG_ID}/providers/Microsoft.Network/applicationGateways/gw/backendAddressPools/pool1`,
  ],
  ["[resourceId('other-rg', 'Microsoft.Network/virtualNetworks', 'v')]", `/subscriptions/${SUB}/resourceGroups/other-rg/providers/Microsoft.Network/virtualNetworks/v`],
  [
    "[resourceId('sub2', 'rg2', 'Microsoft.Network/virtualNetworks/subnets', 'v', 's')]",
    '/subscriptions/sub2/resourceGroups/rg2/providers/Microsoft.Network/virtualNetworks/v/subnets/s',
  ],
  ["[resourceId('Microsoft.Network/networkSecurityGroups/', 'nsg')]", `${RG_ID}/providers/Microsoft.Network/networkSecurityGroups/nsg`],
  ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1/sn1')]", `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/sn1`],
  [
    "[resourceId(resourceId('Microsoft.Network/applicationGateways', 'gw'), '/sslCertificates/cert1')]",
    `${RG_ID}/providers/Microsoft.Network/applicationGateways/gw/sslCertificates/cert1`,
  ],
  ["[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'r1')]", `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/r1`],
  ["[subscriptionResourceId('s2', 'Microsoft.Resources/resourceGroups', 'rg')]", '/subscriptions/s2/providers/Microsoft.Resources/resourceGroups/rg'],
  ["[tenantResourceId('Microsoft.Management/managementGroups', 'mg1')]", '/providers/Microsoft.Management/managementGroups/mg1'],
  [
    "[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'lock1')]",
    `${RG_ID}/providers/Microsoft.Authorization/locks/lock1`,
  ],
  ["[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p')]", '/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p'],

  // lambdas
  ["[map(createArray(1, 2, 3), lambda('x', mul(lambdaVariables('x'), 10)))]", [10, 20, 30]],
  ["[map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))]", ['a0', 'b1']],
  ["[filter(createArray(1, 2, 3, 4), lambda('x', equals(mod(lambdaVariables('x'), 2), 0)))]", [2, 4]],
  ["[reduce(createArray(1, 2, 3), 10, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))]", 16],
  ["[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]", [1, 2, 3]],
  [
    "[toObject(createArray(createObject('n', 'a', 'v', 1), createObject('n', 'b', 'v', 2)), lambda('e', lambdaVariables('e').n), lambda('e', lambdaVariables('e').v))]",
    { a: 1, b: 2 },
  ],
  ["[mapValues(createObject('a', 1), lambda('v', add(lambdaVariables('v'), 1)))]", { a: 2 }],
  ["[groupBy(createArray('ab', 'ac', 'b'), lambda('s', first(lambdaVariables('s'))))]", { a: ['ab', 'ac'], b: ['b'] }],

  // networking
  ["[parseCidr('10.144.0.0/20')]", { network: '10.144.0.0', netmask: '255.255.240.0', broadcast: '10.144.15.255', firstUsable: '10.144.0.1', lastUsable: '10.144.15.254', cidr: 20 }],
  ["[cidrSubnet('10.144.0.0/20', 24, 2)]", '10.144.2.0/24'],
  ["[cidrHost('10.144.3.0/24', 2)]", '10.144.3.3'],

  // property access is exact first, then case-insensitive
  ["[json('{\"Name\":1,\"name\":2}').Name]", 1],
  ["[json('{\"Name\":1}').NAME]", 1],
  ["[createArray('a', 'b')[1]]", 'b'],
  ["[json('{\"a b\":3}')['a b']]", 3],
];

describe('built-in functions', () => {
  it.each(cases)('%s', (expr, expected) => {
    const { value, problems } = evalExpr(expr);
    expect(problems).toEqual([]);
    expect(value).toEqual(expected);
  });

  it('resolves function names case-insensitively', () => {
    expect(evalExpr("[CONCAT('a', ToLower('B'))]").value).toBe('ab');
  });
});

/** Type errors, range errors and bad arity become named unknowns, each with one problem. */
const failures: [string, string][] = [
  ["[add('a', 1)]", 'must be an integer'],
  ['[add(1.5, 1)]', 'parse error'],
  ['[div(1, 0)]', 'divide by zero'],
  ["[substring('abc', 2, 5)]", 'exceeds the string length'],
  ["[int('x')]", 'cannot convert'],
  ["[json('{bad')]", 'not valid JSON'],
  ["[createObject('a')]", 'key/value pairs'],
  ["[format('{1}', 'a')]", 'has no matching argument'],
  ["[format('{0:Q}', 1)]", 'unsupported numeric format'],
  ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'only-one')]", 'needs 2 name segment(s), got 1'],
  ["[resourceId('noslash', 'x')]", 'needs a resource type'],
  ["[not('yes')]", 'must be a boolean'],
  ["[if('x', 1, 2)]", 'condition must be a boolean'],
  ["[and(true(), 'x')]", 'must be booleans'],
  ['[concat()]', 'expects at least 1 argument(s), got 0'],
  ["[toLower('a', 'b')]", 'expects 1 argument(s), got 2'],
  ["[createArray(1)[3]]", 'out of range'],
  ["[json('{\"a\":1}').b]", "property 'b' does not exist"],
  ["[null().b]", "cannot read property 'b' of null"],
  ["[greater(1, 'a')]", 'two numbers or two strings'],
  ['[range(0, 10001)]', 'outside 0..10000'],
  ["[base64ToString('***')]", 'not valid base64'],
  ["[union(createArray(1), createObject())]", 'all arrays or all objects'],
  ["[cidrSubnet('10.0.0.0/24', 16, 0)]", 'must be between'],
  ["[replace('a', '', 'b')]", 'must not be empty'],
  ["[lambda('x', 1)]", 'lambda cannot be used as a value'],
  ["[concat(lambda('x', 1))]", 'cannot take a lambda argument'],
  ["[lambdaVariables('nope')]", 'not a lambda variable'],
];

describe('function errors become named unknowns', () => {
  it.each(failures)('%s', (expr, reason) => {
    const { value, problems } = evalExpr(expr);
    expect(isUnknown(value)).toBe(true);
    expect(value.reason).toContain(reason);
    expect(problems).toHaveLength(1);
    expect(problems[0].pointer).toBe('/resources/0/properties/v');
    expect(problems[0].message).toContain(reason);
  });

  it('names the failing call in $unknown', () => {
    const { value } = evalExpr("[concat('x-', div(1, 0))]");
    expect(value).toEqual({ $unknown: 'div(1, 0)', reason: 'div() cannot divide by zero' });
  });
});

describe('live and unsupported functions are unknown by design', () => {
  it.each([
    ["[reference('myVm').properties.hardwareProfile]", "reference('myVm')", 'runtime state'],
    ["[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2021-01-01').keys[0].value]", "listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2021-01-01')", 'live resource provider'],
    ["[listSecrets('x', '2020-01-01')]", "listSecrets('x', '2020-01-01')", 'live resource provider'],
    ['[utcNow()]', 'utcNow()', 'time of the deployment'],
    ['[newGuid()]', 'newGuid()', 'random'],
    ["[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')]", "pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')", 'live region'],
    ["[providers('Microsoft.Web')]", "providers('Microsoft.Web')", 'provider registry'],
    ["[fooBar(1)]", 'fooBar(1)', 'unsupported function fooBar'],
    ["[dateTimeAdd('2020-01-01', 'P1D')]", "dateTimeAdd('2020-01-01', 'P1D')", 'unsupported function dateTimeAdd'],
    ['[subscription().tenantId]', 'subscription().tenantId', 'tenant is not known'],
    ['[tenant().tenantId]', 'tenant().tenantId', 'tenant is not known'],
    ['[deployment().properties.templateLink.uri]', 'deployment().properties.templateLink.uri', 'not known offline'],
    ['[constructor()]', 'constructor()', 'unsupported function constructor'],
  ])('%s', (expr, name, reason) => {
    const { value, problems } = evalExpr(expr);
    expect(value).toEqual({ $unknown: name, reason: expect.stringContaining(reason) });
    expect(problems).toEqual([{ pointer: '/resources/0/properties/v', message: expect.stringContaining(name) }]);
  });
});

describe('unknown propagation', () => {
  const ref = "reference('r').id";
  it('concatenating an unknown yields that unknown', () => {
    expect(evalExpr(`[concat('prefix-', ${ref})]`).value).toEqual({ $unknown: "reference('r')", reason: expect.any(String) });
    expect(evalExpr(`[format('{0}/x', ${ref})]`).value).toMatchObject({ $unknown: "reference('r')" });
    expect(evalExpr(`[toLower(${ref})]`).value).toMatchObject({ $unknown: "reference('r')" });
  });

  it('if() only needs the chosen branch', () => {
    expect(evalExpr(`[if(true(), 'a', ${ref})]`).value).toBe('a');
    expect(evalExpr(`[if(false(), ${ref}, 'b')]`)).toMatchObject({ value: 'b', problems: [] });
    expect(evalExpr(`[if(${ref}, 'a', 'b')]`).value).toMatchObject({ $unknown: "reference('r')" });
    // The branch not taken may be invalid (a missing property), as ARM evaluates if() lazily.
    expect(evalExpr("[if(contains(createObject(), 'k'), createObject().k, 'default')]").value).toBe('default');
  });

  it('and/or/coalesce decide soundly around unknowns', () => {
    expect(evalExpr(`[and(${ref}, false())]`).value).toBe(false);
    expect(evalExpr(`[and(${ref}, true())]`).value).toMatchObject({ $unknown: "reference('r')" });
    expect(evalExpr(`[or(true(), ${ref})]`).value).toBe(true);
    expect(evalExpr(`[or(${ref}, false())]`).value).toMatchObject({ $unknown: "reference('r')" });
    expect(evalExpr(`[coalesce('a', ${ref})]`).value).toBe('a');
    expect(evalExpr(`[coalesce(null(), ${ref}, 'b')]`).value).toMatchObject({ $unknown: "reference('r')" });
  });

  it('collections keep unknown elements where the result is still exact', () => {
    expect(evalExpr(`[length(createArray(${ref}, 1))]`).value).toBe(2);
    expect(evalExpr(`[first(createArray('a', ${ref}))]`).value).toBe('a');
    expect(evalExpr(`[contains(createArray('a', ${ref}), 'a')]`).value).toBe(true);
    expect(evalExpr(`[contains(createArray('a', ${ref}), 'b')]`).value).toMatchObject({ $unknown: "reference('r')" });
    expect(evalExpr(`[createObject('k', ${ref}).k]`).value).toMatchObject({ $unknown: "reference('r')" });
    expect(evalExpr(`[string(createArray(${ref}))]`).value).toMatchObject({ $unknown: "reference('r')" });
    expect(evalExpr(`[equals(${ref}, 'x')]`).value).toMatchObject({ $unknown: "reference('r')" });
  });

  it('reports each distinct unknown inside a structured value once, at the expression', () => {
    const { value, problems } = evalExpr(`[createArray(${ref}, ${ref}, utcNow())]`);
    expect(value).toHaveLength(3);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining("reference('r')"), expect.stringContaining('utcNow()')]);
  });

  it('unknown values are plain JSON objects', () => {
    const { value } = evalExpr('[utcNow()]');
    expect(Object.keys(value).sort()).toEqual(['$unknown', 'reason']);
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });
});

describe('context-dependent functions', () => {
  it('uses the placeholders when no context is given', () => {
    const { value } = evalExpr("[createArray(resourceGroup().id, resourceGroup().location, resourceId('A.B/c', 'n'))]", { options: {} });
    expect(value).toEqual([
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resourceGroup',
      'resourcegroup-location',
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resourceGroup/providers/A.B/c/n',
    ]);
  });

  it('uniqueString(resourceGroup().id) is deterministic per resource group', () => {
    const a = evalExpr('[uniqueString(resourceGroup().id)]').value;
    const b = evalExpr('[uniqueString(resourceGroup().id)]').value;
    const c = evalExpr('[uniqueString(resourceGroup().id)]', { options: { subscriptionId: SUB, resourceGroupName: 'other' } }).value;
    expect(a).toMatch(/^[a-z2-7]{13}$/);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(evalExpr("[uniqueString('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg')]").value).toBe('bmg7c6xu4tw46');
  });
});
