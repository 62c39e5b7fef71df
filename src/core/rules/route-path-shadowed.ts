/**
 * Path rules of a URL path map are matched in the order listed and the first match wins, regardless of
 * specificity (azure-facts.md §7; url-route-overview: "If wildcards are on the top, then they take priority
 * even if there's a more specific match in subsequent path rules"). A path covered by an earlier, broader
 * path (`/api/*` before `/api/v1/*`, `/*` before anything, the same path twice) never receives a request.
 * Paths of the earlier rule that lead to the same pool, settings and redirect are harmless and not reported.
 */
import { requestPaths } from '../model/topology';
import { destinationEvidence, outcomeOf, pathTraps } from '../route/traps';
import { az, ps, q } from './commands';
import { defineRule } from './types';

const quotePath = (p: string) => `'${p.replace(/'/g, "''")}'`;

export default defineRule({
  id: 'route-path-shadowed',
  category: 'gateway',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-request-routing-rules',
  text: {
    en: {
      title: 'Path rule shadowed by an earlier, broader path',
      message:
        'In URL path map {map}, path rule {pathRule} comes after broader paths that take its requests first: {shadowed}. Path rules are matched in the order listed and the first match wins, regardless of specificity.',
      effect: '{scopeEn} They go to path rule {goesTo}: {targetEn}. {outcomeEn}',
      fix: 'Put the least specific paths (the ones with wildcards) last: move path rule {pathRule} above path rule {byPathRule}, or remove the path it repeats.',
    },
    ko: {
      title: '앞선 더 넓은 경로에 가려진 경로 규칙',
      message:
        'URL 경로 맵 {map}에서 경로 규칙 {pathRule}은(는) 요청을 먼저 가져가는 더 넓은 경로보다 뒤에 있습니다: {shadowed}. 경로 규칙은 나열된 순서대로 비교되며, 구체성과 관계없이 처음 일치한 규칙이 적용됩니다.',
      effect: '{scopeKo} 이 요청은 경로 규칙 {goesTo}, 즉 {targetKo}(으)로 갑니다. {outcomeKo}',
      fix: '가장 덜 구체적인 경로(와일드카드가 있는 경로)를 마지막에 두세요. 경로 규칙 {pathRule}을(를) 경로 규칙 {byPathRule}보다 위로 옮기거나, 중복된 경로를 제거하세요.',
    },
  },
  check({ workspace, gateway, report }) {
    const traps = pathTraps(workspace, gateway);
    if (!traps.length) return;
    const paths = requestPaths(gateway);
    for (const trap of traps) {
      const pr = trap.pathRule;
      const used = paths.filter((p) => p.pathRule === pr);
      const shownPaths = trap.all ? pr.paths : trap.shadowed.map((s) => s.path);
      const affected = used.map((p) => {
        const name = p.listener?.name ?? p.listenerRef?.name ?? p.rule.name;
        const hosts = p.listener?.hostNames.length ? ` (${p.listener.hostNames.join(', ')})` : '';
        return `${name}${hosts} ${shownPaths.join(', ')}`;
      });
      // A map no rule uses carries no traffic: worth fixing, but not today's 502.
      const outcome = outcomeOf(trap.destination, false);
      const severity = used.length ? outcome.severity : 'warning';
      const by = trap.shadowed[0].by;
      const byIndex = trap.map.pathRules.indexOf(by);
      const list = shownPaths.join(', ');
      // az cannot reorder path rules; it appends on create. Re-creating every rule from the broader one on
      // (except this one) in their order leaves this rule just above the broader one, the rest unchanged.
      const moved = trap.map.pathRules.slice(byIndex).filter((r) => r !== pr);
      const create = (r: typeof pr) => {
        const args = [`--path-map-name ${q(trap.map.name)}`, `-n ${q(r.name)}`, `--paths ${r.paths.map(quotePath).join(' ')}`];
        if (r.redirectConfiguration) args.push(`--redirect-config ${q(r.redirectConfiguration.name)}`);
        else args.push(`--address-pool ${q(r.backendAddressPool?.name ?? '<pool>')}`, `--http-settings ${q(r.backendHttpSettings?.name ?? '<settings>')}`);
        if (r.rewriteRuleSet) args.push(`--rewrite-rule-set ${q(r.rewriteRuleSet.name)}`);
        return az.sub(gateway, 'url-path-map rule create', args.join(' '));
      };
      report({
        resource: { type: 'pathRules', name: pr.name, id: pr.id },
        source: pr.source,
        severity,
        params: {
          map: trap.map.name,
          pathRule: pr.name,
          byPathRule: by.name,
          shadowed: trap.shadowed.map((s) => `${s.path} ← ${s.byPath} (${s.by.name})`).join('; '),
          goesTo: trap.goesTo?.name ?? trap.map.name,
          scopeEn: trap.all ? `Path rule ${pr.name} receives no request at all (${list}).` : `Requests for ${list} never reach path rule ${pr.name}.`,
          scopeKo: trap.all ? `경로 규칙 ${pr.name}에는 어떤 요청도 도달하지 않습니다(${list}).` : `${list} 요청은 경로 규칙 ${pr.name}에 도달하지 않습니다.`,
          targetEn: outcome.targetEn,
          targetKo: outcome.targetKo,
          outcomeEn: used.length ? outcome.outcomeEn : `${outcome.outcomeEn} No routing rule uses map ${trap.map.name} now, so no traffic is affected yet.`,
          outcomeKo: used.length ? outcome.outcomeKo : `${outcome.outcomeKo} 현재 경로 맵 ${trap.map.name}을(를) 사용하는 라우팅 규칙이 없어 아직 영향받는 트래픽은 없습니다.`,
        },
        evidence: [
          ...trap.shadowed.map((s) => ({ path: `urlPathMaps[${trap.map.name}].pathRules[${s.by.name}].paths`, value: `${s.byPath} (position ${trap.map.pathRules.indexOf(s.by)})`, source: s.by.source })),
          { path: `urlPathMaps[${trap.map.name}].pathRules[${pr.name}].paths`, value: `${pr.paths.join(', ')} (position ${trap.map.pathRules.indexOf(pr)})`, source: pr.source },
          ...destinationEvidence(trap.destination),
        ],
        affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `$map = Get-AzApplicationGatewayUrlPathMapConfig -ApplicationGateway $gw -Name ${q(trap.map.name)}`,
            `$pr = $map.PathRules | Where-Object { $_.Name -eq ${quotePath(pr.name)} }`,
            '$map.PathRules.Remove($pr) | Out-Null',
            `$map.PathRules.Insert(${byIndex}, $pr)`,
            ps.setGateway(),
          ],
          az: [
            ...moved.map((r) => az.sub(gateway, 'url-path-map rule delete', `--path-map-name ${q(trap.map.name)} -n ${q(r.name)}`)),
            ...moved.map(create),
          ],
        },
      });
    }
  },
});
