import { describe, it, expect } from 'vitest';
import { evaluateTemplate, isUnknown, MAX_COPY_COUNT } from '../../../src/core/template';
import { evalExpr, RG, SUB, template } from './helpers';

const CTX = { subscriptionId: SUB, resourceGroupName: RG, location: 'westeurope' };
const RG_ID = `/subscriptions/${SUB}/resourceGroups/${RG}`;

describe('parameters', () => {
  const parameters = {
    name: { type: 'string', defaultValue: 'gw1' },
    location: { type: 'string', defaultValue: '[resourceGroup().location]' },
    derived: { type: 'string', defaultValue: "[concat(parameters('name'), '-pip')]" },
    noDefault: { type: 'securestring' },
    obj: { type: 'object', defaultValue: { nested: "[parameters('name')]", list: ['[toUpper(parameters(\'name\'))]'] } },
  };

  it('evaluates default values, including expressions and nested values', () => {
    expect(evalExpr("[createArray(parameters('name'), parameters('location'), parameters('derived'))]", { parameters }).value).toEqual([
      'gw1',
      'westeurope',
      'gw1-pip',
    ]);
    expect(evalExpr("[parameters('obj')]", { parameters }).value).toEqual({ nested: 'gw1', list: ['GW1'] });
  });

  it('resolves names case-insensitively', () => {
    expect(evalExpr("[parameters('NAME')]", { parameters }).value).toBe('gw1');
  });

  it('prefers supplied values, raw or in parameters-file form', () => {
    const options = { ...CTX, parameters: { name: 'override', noDefault: { value: 's3cret' } } };
    expect(evalExpr("[createArray(parameters('name'), parameters('derived'), parameters('noDefault'))]", { parameters, options }).value).toEqual([
      'override',
      'override-pip',
      's3cret',
    ]);
  });

  it('turns a Key Vault reference into a named unknown', () => {
    const options = { ...CTX, parameters: { noDefault: { reference: { keyVault: { id: 'kv' }, secretName: 's' } } } };
    expect(evalExpr("[parameters('noDefault')]", { parameters, options }).value).toEqual({
      $unknown: "parameters('noDefault')",
      reason: expect.stringContaining('Key Vault reference'),
    });
  });

  it('a parameter without default or value is a named unknown with a problem at the use site', () => {
    const { value, problems } = evalExpr("[concat('x', parameters('noDefault'))]", { parameters });
    expect(value).toEqual({
      $unknown: "parameters('noDefault')",
      reason: "parameter 'noDefault' has no default value and no value was supplied",
    });
    expect(problems).toEqual([
      { pointer: '/resources/0/properties/v', message: "cannot evaluate parameters('noDefault'): parameter 'noDefault' has no default value and no value was supplied" },
    ]);
  });

  it('an undeclared parameter is a named unknown', () => {
    expect(evalExpr("[parameters('nope')]").value).toMatchObject({ $unknown: "parameters('nope')", reason: expect.stringContaining('not declared') });
  });

  it('detects parameters whose defaults refer to each other', () => {
    const params = { a: { type: 'string', defaultValue: "[parameters('b')]" }, b: { type: 'string', defaultValue: "[parameters('a')]" } };
    expect(evalExpr("[parameters('a')]", { parameters: params }).value).toMatchObject({ reason: 'recursive parameter reference: a -> b -> a' });
  });
});

describe('variables', () => {
  it('evaluates variables that contain expressions, objects and arrays', () => {
    const variables = {
      base: 'app',
      name: "[concat(variables('base'), '-gw')]",
      cfg: { id: "[resourceId('Microsoft.Network/applicationGateways', variables('name'))]", tags: ['[variables(\'base\')]'] },
    };
    expect(evalExpr("[variables('cfg')]", { variables }).value).toEqual({
      id: `${RG_ID}/providers/Microsoft.Network/applicationGateways/app-gw`,
      tags: ['app'],
    });
  });

  it('resolves names case-insensitively (templates mix vnetId and vnetID)', () => {
    expect(evalExpr("[variables('VNETid')]", { variables: { vnetId: 'x' } }).value).toBe('x');
  });

  it('is lazy: an unused broken variable causes no problem', () => {
    const { value, problems } = evalExpr("[variables('ok')]", { variables: { ok: 'fine', broken: "[concat('a' 'b')]", live: '[utcNow()]' } });
    expect(value).toBe('fine');
    expect(problems).toEqual([]);
  });

  it('is memoized: a variable is evaluated once however often it is used', () => {
    const variables = { shared: "[createObject('k', 1)]" };
    const t = template({
      variables,
      resources: [{ type: 'A.B/c', name: 'n', properties: { a: "[variables('shared')]", b: "[variables('shared')]" } }],
    });
    const r = evaluateTemplate(t, CTX);
    expect(r.resources[0].value.properties).toEqual({ a: { k: 1 }, b: { k: 1 } });
  });

  it('detects direct and indirect recursion', () => {
    const variables = { a: "[variables('b')]", b: "[concat(variables('c'), 'x')]", c: "[variables('a')]", self: "[variables('self')]" };
    const { value, problems } = evalExpr("[createArray(variables('a'), variables('self'))]", { variables });
    expect(value).toEqual([
      { $unknown: "variables('a')", reason: 'recursive variable reference: a -> b -> c -> a' },
      { $unknown: "variables('self')", reason: 'recursive variable reference: self -> self' },
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      "cannot evaluate variables('a'): recursive variable reference: a -> b -> c -> a",
      "cannot evaluate variables('self'): recursive variable reference: self -> self",
    ]);
  });

  it('a long variable chain ends in a depth problem, not a stack overflow', () => {
    const variables: Record<string, string> = { v0: 'end' };
    for (let i = 1; i <= 5000; i++) variables[`v${i}`] = `[variables('v${i - 1}')]`;
    const { value, problems } = evalExpr("[variables('v5000')]", { variables });
    expect(value).toMatchObject({ reason: expect.stringContaining('nests deeper than') });
    expect(problems).toHaveLength(1);
    // A chain that fits the budget still resolves.
    expect(evalExpr("[variables('v100')]", { variables }).value).toBe('end');
  });

  it('supports variable-level copy (top-level copy array)', () => {
    const variables = {
      prefix: 'disk',
      copy: [
        { name: 'disks', count: 3, input: { name: "[concat(variables('prefix'), copyIndex('disks', 1))]", lun: "[copyIndex('disks')]" } },
        { name: 'names', count: "[length(variables('disks'))]", input: "[concat('n', copyIndex('names'))]" },
      ],
    };
    expect(evalExpr("[variables('disks')]", { variables }).value).toEqual([
      { name: 'disk1', lun: 0 },
      { name: 'disk2', lun: 1 },
      { name: 'disk3', lun: 2 },
    ]);
    expect(evalExpr("[variables('names')]", { variables }).value).toEqual(['n0', 'n1', 'n2']);
  });

  it('supports copy inside a variable object', () => {
    const variables = { cfg: { kind: 'pools', copy: [{ name: 'pools', count: 2, input: { name: "[format('pool{0}', copyIndex('pools'))]" } }] } };
    expect(evalExpr("[variables('cfg')]", { variables }).value).toEqual({ kind: 'pools', pools: [{ name: 'pool0' }, { name: 'pool1' }] });
  });
});

describe('user-defined functions', () => {
  it('evaluates namespaced functions with their own parameters', () => {
    const functions = [
      {
        namespace: 'contoso',
        members: {
          poolId: {
            parameters: [{ name: 'gateway', type: 'string' }, { name: 'pool', type: 'string' }],
            output: { type: 'string', value: "[resourceId('Microsoft.Network/applicationGateways/backendAddressPools', parameters('gateway'), parameters('pool'))]" },
          },
        },
      },
    ];
    expect(evalExpr("[contoso.poolId('gw', 'p1')]", { functions }).value).toBe(`${RG_ID}/providers/Microsoft.Network/applicationGateways/gw/backendAddressPools/p1`);
    expect(evalExpr("[contoso.missing()]", { functions }).value).toMatchObject({ reason: expect.stringContaining('unsupported function') });
  });
});

describe('resource-level copy loops', () => {
  const t = template({
    parameters: { count: { type: 'int', defaultValue: 3 } },
    resources: [
      {
        type: 'Microsoft.Network/publicIPAddresses',
        name: "[concat('pip-', copyIndex(1))]",
        copy: { name: 'pipLoop', count: "[parameters('count')]" },
        properties: { index: '[copyIndex()]', named: "[copyIndex('pipLoop', 10)]", label: "[format('{0:D2}', copyIndex())]" },
      },
    ],
  });

  it('expands count resources with copyIndex() variants', () => {
    const r = evaluateTemplate(t, CTX);
    expect(r.problems).toEqual([]);
    expect(r.resources.map((x) => [x.name, x.copyIndex, x.pointer])).toEqual([
      ['pip-1', 0, '/resources/0'],
      ['pip-2', 1, '/resources/0'],
      ['pip-3', 2, '/resources/0'],
    ]);
    expect(r.resources[2].value.properties).toEqual({ index: 2, named: 12, label: '02' });
    expect(r.resources[0].value.copy).toBeUndefined();
  });

  it('evaluates the condition per iteration', () => {
    const t2 = template({
      resources: [{ type: 'A.B/c', name: "[string(copyIndex())]", copy: { name: 'l', count: 4 }, condition: '[equals(mod(copyIndex(), 2), 0)]' }],
    });
    expect(evaluateTemplate(t2, CTX).resources.map((x) => x.name)).toEqual(['0', '2']);
  });

  it('bounds the count at 800 with a problem', () => {
    const big = template({ resources: [{ type: 'A.B/c', name: "[string(copyIndex())]", copy: { name: 'l', count: 5000 } }] });
    const r = evaluateTemplate(big, CTX);
    expect(r.resources).toHaveLength(MAX_COPY_COUNT);
    expect(r.problems).toEqual([{ pointer: '/resources/0/copy/count', message: expect.stringContaining("exceeds ARM's limit of 800") }]);
  });

  it('an unknown count evaluates one representative instance and says so', () => {
    const t3 = template({
      parameters: { n: { type: 'int' } },
      resources: [{ type: 'A.B/c', name: "[string(copyIndex())]", copy: { name: 'l', count: "[parameters('n')]" } }],
    });
    const r = evaluateTemplate(t3, CTX);
    expect(r.resources.map((x) => x.name)).toEqual(['0']);
    expect(r.problems).toEqual([{ pointer: '/resources/0/copy/count', message: expect.stringMatching(/copy count is unknown .*parameters\('n'\).*only the first instance/) }]);
  });

  it('count 0 produces no resources', () => {
    const t4 = template({ resources: [{ type: 'A.B/c', name: 'x', copy: { name: 'l', count: 0 } }] });
    expect(evaluateTemplate(t4, CTX).resources).toEqual([]);
  });
});

describe('property-level copy loops', () => {
  const gateway = template({
    parameters: {
      pools: { type: 'array', defaultValue: [{ name: 'a', ip: '10.0.0.4' }, { name: 'b', ip: '10.0.0.5' }] },
    },
    resources: [
      {
        type: 'Microsoft.Network/applicationGateways',
        name: 'gw',
        properties: {
          sku: { name: 'Standard_v2' },
          copy: [
            {
              name: 'backendAddressPools',
              count: "[length(parameters('pools'))]",
              input: {
                name: "[parameters('pools')[copyIndex('backendAddressPools')].name]",
                properties: { backendAddresses: [{ ipAddress: "[parameters('pools')[copyIndex('backendAddressPools')].ip]" }] },
              },
            },
            {
              name: 'frontendPorts',
              count: 2,
              input: { name: "[concat('port', copyIndex('frontendPorts'))]", properties: { port: "[add(80, copyIndex('frontendPorts'))]" } },
            },
          ],
        },
      },
    ],
  });

  it('creates the named properties from evaluated inputs', () => {
    const r = evaluateTemplate(gateway, CTX);
    expect(r.problems).toEqual([]);
    expect(r.resources[0].value.properties).toEqual({
      sku: { name: 'Standard_v2' },
      backendAddressPools: [
        { name: 'a', properties: { backendAddresses: [{ ipAddress: '10.0.0.4' }] } },
        { name: 'b', properties: { backendAddresses: [{ ipAddress: '10.0.0.5' }] } },
      ],
      frontendPorts: [
        { name: 'port0', properties: { port: 80 } },
        { name: 'port1', properties: { port: 81 } },
      ],
    });
  });

  it('sees the enclosing resource loop through copyIndex()', () => {
    const t = template({
      resources: [
        {
          type: 'A.B/c',
          name: "[string(copyIndex())]",
          copy: { name: 'outer', count: 2 },
          properties: { copy: [{ name: 'items', count: 2, input: "[format('{0}.{1}', copyIndex(), copyIndex('items'))]" }] },
        },
      ],
    });
    expect(evaluateTemplate(t, CTX).resources.map((x) => x.value.properties.items)).toEqual([
      ['0.0', '0.1'],
      ['1.0', '1.1'],
    ]);
  });

  it('an unknown count makes the property a named unknown', () => {
    const t = template({
      parameters: { n: { type: 'int' } },
      resources: [{ type: 'A.B/c', name: 'x', properties: { copy: [{ name: 'things', count: "[parameters('n')]", input: 'x' }] } }],
    });
    const r = evaluateTemplate(t, CTX);
    expect(r.resources[0].value.properties.things).toMatchObject({ $unknown: "parameters('n')" });
    expect(r.problems).toEqual([{ pointer: '/resources/0/properties/copy/0/count', message: expect.stringContaining("parameters('n')") }]);
  });

  it('copyIndex outside a loop is a named unknown', () => {
    expect(evalExpr('[copyIndex()]').value).toMatchObject({ reason: 'copyIndex() is used outside of a copy loop' });
    expect(evalExpr("[copyIndex('x')]").value).toMatchObject({ reason: expect.stringContaining("loop 'x'") });
  });
});

describe('conditions', () => {
  const t = template({
    parameters: { deployPip: { type: 'bool', defaultValue: false }, unknownFlag: { type: 'bool' } },
    resources: [
      { type: 'A.B/kept', name: 'always' },
      { type: 'A.B/skipped', name: 'never', condition: "[parameters('deployPip')]" },
      { type: 'A.B/on', name: 'on', condition: true },
      { type: 'A.B/maybe', name: 'maybe', condition: "[parameters('unknownFlag')]" },
    ],
  });

  it('leaves out resources whose condition is false', () => {
    const r = evaluateTemplate(t, CTX);
    expect(r.resources.map((x) => x.name)).toEqual(['always', 'on', 'maybe']);
  });

  it('keeps a resource with an unknown condition and reports it', () => {
    const r = evaluateTemplate(t, CTX);
    expect(r.problems).toEqual([
      { pointer: '/resources/3/condition', message: expect.stringMatching(/^condition is unknown \(cannot evaluate parameters\('unknownFlag'\).*\); the resource is kept$/) },
    ]);
    expect(r.resources[2].value.condition).toBeUndefined();
  });
});

describe('child and symbolic resources', () => {
  it('flattens nested resources with full type and name', () => {
    const t = template({
      resources: [
        {
          type: 'Microsoft.Network/virtualNetworks',
          name: 'vnet1',
          properties: {},
          resources: [
            { type: 'subnets', name: 'sn1', properties: { addressPrefix: '10.0.0.0/24' } },
            { type: 'Microsoft.Network/virtualNetworks/subnets', name: 'vnet1/sn2', properties: {} },
            { type: 'subnets', name: "[concat('sn', '3')]", resources: [{ type: 'whatever', name: 'deep' }] },
          ],
        },
      ],
    });
    const r = evaluateTemplate(t, CTX);
    expect(r.resources.map((x) => [x.pointer, x.type, x.name])).toEqual([
      ['/resources/0', 'Microsoft.Network/virtualNetworks', 'vnet1'],
      ['/resources/0/resources/0', 'Microsoft.Network/virtualNetworks/subnets', 'vnet1/sn1'],
      ['/resources/0/resources/1', 'Microsoft.Network/virtualNetworks/subnets', 'vnet1/sn2'],
      ['/resources/0/resources/2', 'Microsoft.Network/virtualNetworks/subnets', 'vnet1/sn3'],
      ['/resources/0/resources/2/resources/0', 'Microsoft.Network/virtualNetworks/subnets/whatever', 'vnet1/sn3/deep'],
    ]);
    expect(r.resources[0].value.resources).toBeUndefined();
    expect(r.resources[1].value).toMatchObject({ type: 'Microsoft.Network/virtualNetworks/subnets', name: 'vnet1/sn1' });
  });

  it('handles languageVersion 2.0 symbolic resources and skips existing ones', () => {
    const t = template({
      languageVersion: '2.0',
      resources: {
        vnet: { existing: true, type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-01-01', name: 'hub' },
        'gw/main': { type: 'Microsoft.Network/applicationGateways', apiVersion: '2023-01-01', name: 'gw', properties: { x: "[resourceGroup().name]" } },
      },
    });
    const r = evaluateTemplate(t, CTX);
    expect(r.resources).toEqual([
      {
        type: 'Microsoft.Network/applicationGateways',
        name: 'gw',
        pointer: '/resources/gw~1main',
        value: { type: 'Microsoft.Network/applicationGateways', apiVersion: '2023-01-01', name: 'gw', properties: { x: RG } },
      },
    ]);
  });
});

describe('nested deployments', () => {
  it('evaluates inline outer-scope templates in the parent context', () => {
    const t = template({
      variables: { gwName: 'gw-nested' },
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2021-04-01',
          name: 'inner',
          properties: {
            mode: 'Incremental',
            template: {
              resources: [{ type: 'Microsoft.Network/applicationGateways', name: "[variables('gwName')]", properties: { rg: '[resourceGroup().name]' } }],
            },
          },
        },
      ],
    });
    const r = evaluateTemplate(t, CTX);
    expect(r.problems).toEqual([]);
    expect(r.resources.map((x) => [x.pointer, x.type, x.name])).toEqual([
      ['/resources/0', 'Microsoft.Resources/deployments', 'inner'],
      ['/resources/0/properties/template/resources/0', 'Microsoft.Network/applicationGateways', 'gw-nested'],
    ]);
    // The deployment keeps its template as written; its resources are listed separately.
    expect(r.resources[0].value.properties.template.resources[0].name).toBe("[variables('gwName')]");
  });

  it('evaluates inner-scope templates with their own parameters and target resource group', () => {
    const t = template({
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2021-04-01',
          name: 'net',
          resourceGroup: 'network-rg',
          properties: {
            mode: 'Incremental',
            expressionEvaluationOptions: { scope: 'inner' },
            parameters: { vnetName: { value: "[concat('hub', '-vnet')]" } },
            template: {
              parameters: { vnetName: { type: 'string' }, unused: { type: 'string', defaultValue: 'x' } },
              variables: { subnetId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'agw')]" },
              resources: [{ type: 'Microsoft.Network/virtualNetworks', name: "[parameters('vnetName')]", properties: { id: "[variables('subnetId')]" } }],
            },
          },
        },
      ],
    });
    const r = evaluateTemplate(t, CTX);
    expect(r.problems).toEqual([]);
    expect(r.resources[1]).toMatchObject({
      type: 'Microsoft.Network/virtualNetworks',
      name: 'hub-vnet',
      pointer: '/resources/0/properties/template/resources/0',
      deploymentScope: { subscriptionId: SUB, resourceGroupName: 'network-rg' },
      value: { properties: { id: `/subscriptions/${SUB}/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/hub-vnet/subnets/agw` } },
    });
  });

  it('reports linked templates it cannot fetch', () => {
    const t = template({
      resources: [{ type: 'Microsoft.Resources/deployments', name: 'linked', properties: { templateLink: { uri: 'https://example.com/t.json' } } }],
    });
    const r = evaluateTemplate(t, CTX);
    expect(r.problems).toEqual([{ pointer: '/resources/0/properties', message: expect.stringContaining('linked templates are not fetched') }]);
  });
});

describe('deployment context', () => {
  it('uses the options when given', () => {
    const r = evaluateTemplate(template({ resources: [] }), CTX);
    expect(r.context).toEqual({ subscriptionId: SUB, resourceGroupName: RG });
  });

  it('infers subscription and resource group from an external id default (portal exports)', () => {
    const t = template({
      parameters: {
        applicationGateways_gw_name: { type: 'String', defaultValue: 'gw' },
        virtualNetworks_vnet_externalid: {
          type: 'String',
          defaultValue: '/subscriptions/aaaa-bbbb/resourceGroups/Prod-RG/providers/Microsoft.Network/virtualNetworks/vnet',
        },
      },
      resources: [{ type: 'Microsoft.Network/applicationGateways', name: "[parameters('applicationGateways_gw_name')]", properties: { id: "[resourceId('Microsoft.Network/applicationGateways', parameters('applicationGateways_gw_name'))]" } }],
    });
    const r = evaluateTemplate(t);
    expect(r.context).toEqual({ subscriptionId: 'aaaa-bbbb', resourceGroupName: 'Prod-RG' });
    expect(r.resources[0].value.properties.id).toBe('/subscriptions/aaaa-bbbb/resourceGroups/Prod-RG/providers/Microsoft.Network/applicationGateways/gw');
    // Options still win over inference.
    expect(evaluateTemplate(t, { resourceGroupName: 'other' }).context).toEqual({ subscriptionId: 'aaaa-bbbb', resourceGroupName: 'other' });
  });

  it('falls back to placeholders', () => {
    expect(evaluateTemplate(template({ resources: [] })).context).toEqual({
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroupName: 'resourceGroup',
    });
  });
});

describe('robustness', () => {
  it('10,000 nested calls produce a clear problem and no throw', () => {
    const deep = `[${'concat('.repeat(10000)}'a'${')'.repeat(10000)}]`;
    const t = template({ resources: [{ type: 'A.B/c', name: 'x', properties: { deep } }] });
    const r = evaluateTemplate(t, CTX);
    expect(isUnknown(r.resources[0].value.properties.deep)).toBe(true);
    expect(r.problems).toEqual([{ pointer: '/resources/0/properties/deep', message: expect.stringContaining('expression nests deeper than 200 levels') }]);
  });

  it('a 10,000-deep JSON value does not overflow the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10000; i++) deep = { d: deep };
    const t = template({ resources: [{ type: 'A.B/c', name: 'x', properties: { deep } }] });
    const r = evaluateTemplate(t, CTX);
    expect(r.resources).toHaveLength(1);
    expect(r.problems).toEqual([{ pointer: expect.stringMatching(/^\/resources\/0\/properties\/deep(\/d)+$/), message: expect.stringContaining('nests deeper than') }]);
  });

  it('never throws on malformed input', () => {
    expect(evaluateTemplate(null).problems).toEqual([{ pointer: '', message: 'the template is not a JSON object' }]);
    expect(() => evaluateTemplate('x')).not.toThrow();
    const weird = { parameters: 3, variables: [], functions: 'x', resources: [null, 4, { type: 5, name: {} }, { copy: { count: 'many' }, type: 'A.B/c', name: 'n' }] };
    const r = evaluateTemplate(weird as unknown, CTX);
    expect(r.problems.map((p) => p.pointer)).toEqual(
      expect.arrayContaining(['/parameters', '/variables', '/resources/0', '/resources/1', '/resources/2/type', '/resources/2/name', '/resources/3/copy/count']),
    );
    expect(r.resources.map((x) => x.type)).toEqual(['', 'A.B/c']);
  });

  it('escapes pointers per RFC 6901', () => {
    const t = template({ resources: [{ type: 'A.B/c', name: 'x', tags: { 'a/b~c': '[utcNow()]' } }] });
    expect(evaluateTemplate(t, CTX).problems[0].pointer).toBe('/resources/0/tags/a~1b~0c');
  });

  it('produces JSON-cloneable resources', () => {
    const t = template({ resources: [{ type: 'A.B/c', name: '[utcNow()]', properties: { r: "[reference('x')]", l: "[createArray(1, createObject('a', null()))]" } }] });
    const r = evaluateTemplate(t, CTX);
    expect(JSON.parse(JSON.stringify(r.resources))).toEqual(r.resources);
    expect(structuredClone(r.resources)).toEqual(r.resources);
    expect(isUnknown(r.resources[0].name)).toBe(true);
  });

  it('is not fooled by __proto__ keys', () => {
    const { value } = evalExpr("[createObject('__proto__', createObject('polluted', true()))]");
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
