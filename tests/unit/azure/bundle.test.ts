/**
 * The collect bundle (src/core/input/formats/bundle.ts): expanded into its documents before loading, so a
 * bundle gives the same report as the same outputs given one by one.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze, loadWorkspace } from '../../../src/core/analyze';
import { expandBundle, loadText } from '../../../src/core/input/load';
import { BUNDLE_KEY, expandBundleInput, makeBundle, mightBeBundle } from '../../../src/core/input/formats/bundle';

const SPEC = '/work/shared/corpus/arm-rest-spec';
const spec = (f: string) => readFileSync(`${SPEC}/${f}`, 'utf8');
const NOW = new Date('2025-06-01T00:00:00Z');

const separate = [
  { name: 'gateway.json', text: spec('ApplicationGatewayGet.json') },
  { name: 'backend-health.json', text: spec('ApplicationGatewayBackendHealthGet.json') },
  { name: 'vnet.json', text: spec('VirtualNetworkGet.json') },
  { name: 'nsg.json', text: spec('NetworkSecurityGroupGet.json') },
  { name: 'route-table.json', text: spec('RouteTableGet.json') },
  { name: 'effective-nsg.json', text: spec('NetworkInterfaceEffectiveNSGList.json') },
  { name: 'effective-routes.json', text: spec('NetworkInterfaceEffectiveRouteTableList.json') },
];

describe('bundle', () => {
  test('round-trips through the engine: the same report as the separate documents', async () => {
    const bundle = JSON.stringify(makeBundle(separate, '2025-05-31T12:00:00Z', 'test'));
    const a = await analyze(separate, { now: NOW });
    const b = await analyze([{ name: 'appgw-bundle.json', text: bundle }], { now: NOW });
    expect(a.report.findings.length).toBeGreaterThan(0);
    expect(b.report).toEqual(a.report);
    expect(b.report.documents.map((d) => d.name)).toEqual(separate.map((d) => d.name));
  });

  test('the documents carry the bundle time; text content stays text; names are made unique', () => {
    const bundle = {
      [BUNDLE_KEY]: 1,
      collectedAt: '2025-05-31T12:00:00Z',
      documents: [
        { name: 'gateway.json', content: JSON.parse(spec('ApplicationGatewayGet.json')) },
        { name: 'gateway.json', content: spec('ApplicationGatewayGet.json') },
        { name: 'empty.json', content: null },
        { content: JSON.parse(spec('RouteTableGet.json')) },
      ],
    };
    const docs = expandBundle('b.json', JSON.stringify(bundle))!;
    expect(docs.map((d) => d.name)).toEqual(['gateway.json', 'gateway-2.json', 'b-4.json']);
    expect(docs[1].text).toBe(spec('ApplicationGatewayGet.json'));
    const { workspace } = loadWorkspace([{ name: 'b.json', text: JSON.stringify(bundle) }]);
    expect(workspace.documents.map((d) => d.timestamp)).toEqual(['2025-05-31T12:00:00Z', '2025-05-31T12:00:00Z', '2025-05-31T12:00:00Z']);
    expect(workspace.routeTables.map((r) => r.name)).toEqual(['testrt']);
  });

  test('a bundle written by Windows PowerShell (UTF-16 LE with BOM) is expanded from bytes', async () => {
    const text = '\uFEFF' + JSON.stringify(makeBundle(separate.slice(0, 2), '2025-05-31T12:00:00Z'));
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[i * 2] = text.charCodeAt(i) & 0xff;
      bytes[i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
    expect(expandBundleInput({ name: 'b.json', bytes })?.map((d) => d.name)).toEqual(['gateway.json', 'backend-health.json']);
    const { report } = await analyze([{ name: 'b.json', bytes }], { now: NOW });
    expect(report.documents.map((d) => d.kind)).toEqual(['arm-rest', 'backend-health']);
  });

  test('not a bundle: other JSON and text are left alone', () => {
    expect(expandBundle('g.json', spec('ApplicationGatewayGet.json'))).toBeUndefined();
    expect(expandBundle('x.txt', 'hello')).toBeUndefined();
    expect(mightBeBundle(`  {"${BUNDLE_KEY}": 1`)).toBe(true);
    // Broken JSON that claims to be a bundle is loaded as one document, with the parse problem and its position.
    const broken = `{"${BUNDLE_KEY}": 1, "documents": [ {"name": "a", "content": {]}`;
    expect(expandBundle('b.json', broken)).toBeUndefined();
    const doc = loadText('b.json', broken).model;
    expect(doc.problems[0].severity).toBe('error');
    expect(doc.problems[0].line).toBe(1);
  });

  test('a bundle of another version is one error, not a crash', async () => {
    const text = JSON.stringify({ [BUNDLE_KEY]: 2, documents: [] });
    expect(expandBundle('b.json', text)).toBeUndefined();
    const { report } = await analyze([{ name: 'b.json', text }], { now: NOW });
    const d = report.documents[0] as unknown as { problems: { message: string }[] };
    expect(JSON.stringify(d)).toMatch(/version 2/);
  });

  test('loaded on its own (loadText), a bundle becomes one document holding everything', () => {
    const text = JSON.stringify(makeBundle(separate, '2025-05-31T12:00:00Z'));
    const doc = loadText('b.json', text).model;
    expect(doc.gateways.map((g) => g.name)).toEqual(['appgw']);
    expect(doc.backendHealth.length).toBe(1);
    expect(doc.networkSecurityGroups.length).toBe(1);
    expect(doc.effectiveRoutes.length).toBe(1);
    expect(doc.kind).toBe('arm-rest');
    expect(doc.timestamp).toBe('2025-05-31T12:00:00Z');
  });
});
