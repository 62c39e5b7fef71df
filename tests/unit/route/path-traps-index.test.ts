/**
 * pathTraps finds the earlier path that covers a path through an index of the map's patterns (by the path's
 * own prefixes) instead of comparing every pair. Property: it names the same (rule, path) as the pairwise
 * definition — first earlier rule with another target, in rule order, then path order (match.ts patternCovers).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pathTraps } from '../../../src/core/route/traps';
import { parsePathPattern, patternCovers } from '../../../src/core/route/match';
import type { PathRule } from '../../../src/core/model/types';
import { gatewayOfSites, pathRule, pool, ref, site, urlPathMap, workspace } from '../../rules/helpers';

const POOLS = ['p1', 'p2', 'p3'];

function pairwise(rules: { paths: string[]; pool: string }[]): { rule: number; path: string; by: number; byPath: string }[] {
  const out: { rule: number; path: string; by: number; byPath: string }[] = [];
  rules.forEach((r, j) => {
    for (const path of r.paths) {
      const mine = parsePathPattern(path);
      for (let i = 0; i < j; i++) {
        if (rules[i]!.pool === r.pool) continue;
        const byPath = rules[i]!.paths.find((e) => patternCovers(parsePathPattern(e), mine));
        if (byPath !== undefined) {
          out.push({ rule: j, path, by: i, byPath });
          break;
        }
      }
    }
  });
  return out;
}

describe('pathTraps: index lookup ≡ pairwise comparison', () => {
  const segment = fc.constantFrom('api', 'v1', 'v2', 'img', 'API', 'a');
  const path = fc.oneof(
    fc.constant('/*'),
    fc.constant('*'),
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join('/')}`),
    fc.array(segment, { minLength: 0, maxLength: 3 }).map((s) => `/${s.join('/')}${s.length ? '/' : ''}*`),
    fc.array(segment, { minLength: 1, maxLength: 2 }).map((s) => `/${s.join('/')}*`),
    fc.constant('/images/*.jpg'),
  );
  const rules = fc.array(fc.record({ paths: fc.array(path, { minLength: 1, maxLength: 3 }), pool: fc.constantFrom(...POOLS) }), { minLength: 1, maxLength: 12 });

  it('names the same shadowing path rule and path for random maps', () => {
    fc.assert(
      fc.property(rules, (rs) => {
        const prs: PathRule[] = rs.map((r, i) => pathRule('map1', `r${i}`, r.paths, { backendAddressPool: ref('backendAddressPools', r.pool) }));
        const gw = gatewayOfSites(
          [site('app', ['app.contoso.com'], { priority: 10, rule: { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'map1'), backendAddressPool: undefined, backendHttpSettings: undefined } })],
          { urlPathMaps: [urlPathMap('map1', prs)], backendAddressPools: POOLS.map((p) => pool(p)) },
        );
        const got = pathTraps(workspace({ gateways: [gw] }), gw).flatMap((t) =>
          t.shadowed.map((s) => ({ rule: Number(t.pathRule.name.slice(1)), path: s.path, by: Number(s.by.name.slice(1)), byPath: s.byPath })));
        expect(got).toEqual(pairwise(rs));
      }),
      { seed: 20261125, numRuns: 400 },
    );
  });
});
