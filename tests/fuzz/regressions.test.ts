/**
 * Engine bugs the fuzzer found, each as the smallest input that shows it (kept after the fix, so they stay
 * fixed). Reported to the lead with these inputs; src/ is theirs to change.
 */
import { describe, it, expect } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { internalErrors } from './contract';

const NOW = new Date('2026-11-25T00:00:00Z');
const DUPLICATES = '1 object(s) have the same key twice; every value is kept (as Azure would reject such a body, check the paste).';

describe('fuzz regressions', () => {
  it('control: an ordinary duplicate key is a warning with its position', async () => {
    const text = '{"name":"agw","type":"Microsoft.Network/applicationGateways","properties":{"sku":{"name":"Standard_v2"},"x":1,"x":2}}';
    const { report } = await analyze([{ name: 'gw.json', text }], { now: NOW });
    expect(internalErrors(report)).toEqual([]);
    expect(report.documents[0].problems.map((p) => [p.message, p.severity])).toEqual([[DUPLICATES, 'warning']]);
  });

  // Found by `npm run fuzz` (seeds 289251572 and 11): json.ts buildWithVisitor keeps duplicates in a plain
  // object, so `dup[key]` for a key named like an Object.prototype member is that member, and
  // `(dup[key] ??= [...]).push(v)` throws "dup[key].push is not a function"; loadText turns it into
  // "The analyzer failed on this input (dup[key].push is not a function)" and the whole document is lost.
  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`a duplicated "${key}" key is a duplicate like any other, not a crash`, async () => {
      const text = `{"name":"agw","type":"Microsoft.Network/applicationGateways","properties":{"sku":{"name":"Standard_v2"},"${key}":1,"${key}":2}}`;
      const { report } = await analyze([{ name: 'gw.json', text }], { now: NOW });
      expect(internalErrors(report)).toEqual([]);
      expect(report.documents[0].gateways).toEqual(['agw']);
      expect(report.documents[0].problems.map((p) => [p.message, p.severity])).toEqual([[DUPLICATES, 'warning']]);
    });
  }
});
