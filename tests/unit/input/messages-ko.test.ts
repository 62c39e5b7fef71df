import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadText } from '../../../src/core/input/load';
import { problemKo, reasonKo } from '../../../src/core/input/messages-ko';
import { restGateway, toPsJson } from '../../fixtures/forms';

const hangul = /[\uac00-\ud7a3]/;
const inputs: [string, string][] = [
  ['empty', ''],
  ['binary', 'PK\u0003\u0004\u0000\u0000\u0000binary'],
  ['malformed', '{"name": "x",, }'],
  ['truncated', '{"name": "x", "properties": {"backendAddressPools": ['],
  ['prose', 'hello, this is my gateway'],
  ['ps error', "Get-AzApplicationGateway : The Resource 'x' was not found.\n    + CategoryInfo          : CloseError\n    + FullyQualifiedErrorId : X"],
  ['unrelated', '{"hello": "world"}'],
  ['fragment', '{"name": "pool1", "properties": {"backendAddresses": []}}'],
  ['half-copied console', readFileSync(new URL('../../fixtures/ps-text/06-half-copied.txt', import.meta.url), 'utf8')],
  ['help page console', readFileSync(new URL('../../fixtures/ps-text/04-help-page-empty-text.txt', import.meta.url), 'utf8')],
];

describe('Korean for input problems', () => {
  for (const [name, text] of inputs) {
    it(name, () => {
      const { model } = loadText(name, text);
      expect(model.problems.length).toBeGreaterThan(0);
      for (const p of model.problems) {
        const ko = problemKo(p.message, p.hint);
        expect(ko?.message, p.message).toMatch(hangul);
        if (p.hint) expect(ko?.hint).toMatch(hangul);
      }
    });
  }
  it('lost-part reasons (depth 2 without Text, console without SkuText)', () => {
    const obj = JSON.parse(toPsJson(restGateway(), 2));
    for (const k of Object.keys(obj)) if (k.endsWith('Text')) delete obj[k];
    const reasons = [
      ...loadText('d2.json', JSON.stringify(obj)).model.gateways[0].lost.map((l) => l.reason),
      ...loadText('krc.txt', readFileSync(new URL('../../fixtures/ps-text/02-koreacentral-no-skutext.txt', import.meta.url), 'utf8')).model.gateways[0].lost.map((l) => l.reason),
    ];
    expect(reasons.length).toBeGreaterThan(3);
    for (const r of reasons) expect(reasonKo(r), r).toMatch(hangul);
  });
});
