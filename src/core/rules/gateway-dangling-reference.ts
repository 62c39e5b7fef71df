/**
 * References inside the gateway that point at nothing: a rule to a missing listener, pool, settings,
 * path map, redirect or rewrite set; a path rule likewise; a listener to a missing port, frontend IP,
 * certificate or SSL profile; settings to a missing probe or certificates; a redirect to a missing listener.
 * ARM rejects such a configuration (InvalidResourceReference, azure-facts.md §8), so in a template it does
 * not deploy and in an export it means the input was edited or is partial. References into a collection the
 * input lost (gateway.lost) are skipped: the target may well exist.
 */
import type { Gateway, Named, PathRule, Ref, SourceRef } from '../model/types';
import { affectedListeners, type RequestPath } from '../model/topology';
import { ps, q } from './commands';
import { defineRule, type RuleContext } from './types';

interface Target {
  /** ARM collection name of the referenced object. */
  collection: string;
  /** Other spellings of the collection name that `gateway.lost` may use. */
  aliases?: string[];
  resolve: (ctx: RuleContext, ref: Ref) => unknown;
  /** Older Az versions print no `SslProfilesText` in console (ps-text) output: an empty list there proves nothing. */
  notPrintedByConsole?: boolean;
}

const T: Record<string, Target> = {
  listener: { collection: 'httpListeners', resolve: (c, r) => c.gw.listener(r) },
  pool: { collection: 'backendAddressPools', resolve: (c, r) => c.gw.pool(r) },
  settings: { collection: 'backendHttpSettingsCollection', resolve: (c, r) => c.gw.settings(r) },
  pathMap: { collection: 'urlPathMaps', resolve: (c, r) => c.gw.urlPathMap(r) },
  redirect: { collection: 'redirectConfigurations', resolve: (c, r) => c.gw.redirect(r) },
  rewrite: { collection: 'rewriteRuleSets', resolve: (c, r) => c.gw.rewriteRuleSet(r) },
  port: { collection: 'frontendPorts', resolve: (c, r) => c.gw.frontendPort(r) },
  frontendIp: { collection: 'frontendIPConfigurations', aliases: ['frontendIpConfigurations'], resolve: (c, r) => c.gw.frontendIp(r) },
  sslCert: { collection: 'sslCertificates', resolve: (c, r) => c.gw.sslCertificate(r) },
  sslProfile: { collection: 'sslProfiles', resolve: (c, r) => c.gateway.sslProfiles.find((p) => sameName(p, r)), notPrintedByConsole: true },
  probe: { collection: 'probes', resolve: (c, r) => c.gw.probe(r) },
  trustedRoot: { collection: 'trustedRootCertificates', resolve: (c, r) => c.gw.trustedRoot(r) },
  authCert: { collection: 'authenticationCertificates', resolve: (c, r) => c.gw.authenticationCertificate(r) },
};

function sameName(item: Named, ref: Ref): boolean {
  return item.id.toLowerCase() === ref.id.toLowerCase() || item.name.toLowerCase() === ref.name.toLowerCase();
}

function lostCollections(gateway: Gateway): Set<string> {
  // Only whole collections count: `httpListeners.frontendPort` lost means the reference itself is gone (no ref to check).
  return new Set(gateway.lost.map((l) => l.part.trim().toLowerCase()).filter((p) => !p.includes('.')));
}

export default defineRule({
  id: 'gateway-dangling-reference',
  category: 'gateway',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'Reference to an object the gateway does not have',
      message: '{from} refers to {collection} "{target}", which gateway {gateway} does not have.',
      effect:
        'Azure rejects a configuration with references that point at nothing (InvalidResourceReference): a template like this does not deploy, and in an export of a live gateway it means the input was edited or is incomplete. Requests on the affected listeners cannot be routed as configured: {listeners}.',
      fix: 'Point {from} at an existing {collection} item (or create "{target}"), then apply the change. If the input is an export of a running gateway, export it again in full, since a live gateway cannot hold such a reference.',
    },
    ko: {
      title: '게이트웨이에 없는 개체를 참조합니다',
      message: '{from}이(가) {collection} "{target}"을(를) 참조하지만 게이트웨이 {gateway}에는 해당 항목이 없습니다.',
      effect:
        'Azure는 존재하지 않는 대상을 가리키는 참조가 있는 구성을 거부합니다(InvalidResourceReference). 이런 템플릿은 배포되지 않으며, 실행 중인 게이트웨이를 내보낸 입력이라면 입력이 편집되었거나 불완전하다는 뜻입니다. 영향받는 리스너의 요청은 구성대로 라우팅될 수 없습니다: {listeners}.',
      fix: '{from}이(가) 존재하는 {collection} 항목을 가리키도록 바꾸거나 "{target}"을(를) 만든 뒤 변경을 적용하세요. 실행 중인 게이트웨이를 내보낸 입력이라면 실행 중인 게이트웨이에는 이런 참조가 있을 수 없으므로 게이트웨이 전체를 다시 내보내세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const lost = lostCollections(gateway);
    const consoleForm = gateway.form === 'ps-text';
    const isLost = (t: Target) =>
      lost.has(t.collection.toLowerCase()) || (t.aliases ?? []).some((a) => lost.has(a.toLowerCase()));

    const check = (
      owner: { collection: string; item: Named; mapName?: string },
      property: string,
      ref: Ref | undefined,
      target: Target,
      affectedBy: (p: RequestPath) => boolean,
      source?: SourceRef,
    ) => {
      if (!ref || !ref.id) return;
      if (target.resolve(ctx, ref)) return;
      if (isLost(target)) return;
      if (target.notPrintedByConsole && consoleForm && !gateway.sslProfiles.length) return;
      // A path rule is named inside its map (built only when reporting: a map can hold thousands of path rules).
      const itemName = owner.mapName === undefined ? owner.item.name : `${owner.mapName}/pathRules/${owner.item.name}`;
      const from = `${owner.collection}[${itemName}].${property}`;
      const affected = affectedListeners(gateway, affectedBy);
      report({
        resource: { type: owner.collection, name: itemName, id: owner.item.id },
        source: source ?? owner.item.source,
        params: { from, collection: target.collection, target: ref.name || ref.id, listeners: affected.length ? affected.join('; ') : '—' },
        evidence: [{ path: from, value: ref.id, source: source ?? owner.item.source }],
        affected,
        commands: {
          powershell: [`${ps.exportGateway(gateway)} | Out-File -Encoding utf8 ${q(`${gateway.name}.json`)}`],
          az: [`az network application-gateway show -g ${q(gateway.resourceGroup ?? '<resource-group>')} -n ${q(gateway.name)} > ${q(`${gateway.name}.json`)}`],
        },
      });
    };

    for (const r of gateway.requestRoutingRules) {
      const own = { collection: 'requestRoutingRules', item: r };
      const byRule = (p: RequestPath) => p.rule === r;
      check(own, 'httpListener', r.httpListener, T.listener, byRule);
      check(own, 'backendAddressPool', r.backendAddressPool, T.pool, byRule);
      check(own, 'backendHttpSettings', r.backendHttpSettings, T.settings, byRule);
      check(own, 'urlPathMap', r.urlPathMap, T.pathMap, byRule);
      check(own, 'redirectConfiguration', r.redirectConfiguration, T.redirect, byRule);
      check(own, 'rewriteRuleSet', r.rewriteRuleSet, T.rewrite, byRule);
    }
    for (const m of gateway.urlPathMaps) {
      const own = { collection: 'urlPathMaps', item: m };
      const byDefault = (p: RequestPath) => p.urlPathMap === m && p.isDefaultPath;
      check(own, 'defaultBackendAddressPool', m.defaultBackendAddressPool, T.pool, byDefault);
      check(own, 'defaultBackendHttpSettings', m.defaultBackendHttpSettings, T.settings, byDefault);
      check(own, 'defaultRedirectConfiguration', m.defaultRedirectConfiguration, T.redirect, byDefault);
      check(own, 'defaultRewriteRuleSet', m.defaultRewriteRuleSet, T.rewrite, byDefault);
      for (let i = 0; i < m.pathRules.length; i++) {
        const pr = m.pathRules[i]!;
        // Nearly every path rule resolves: nothing is built for those (a map can hold thousands).
        if (resolves(ctx, pr.backendAddressPool, T.pool) && resolves(ctx, pr.backendHttpSettings, T.settings) &&
          resolves(ctx, pr.redirectConfiguration, T.redirect) && resolves(ctx, pr.rewriteRuleSet, T.rewrite)) continue;
        const ownPr = { collection: 'urlPathMaps', item: pr, mapName: m.name };
        const byPathRule = onPathRule(pr);
        check(ownPr, 'backendAddressPool', pr.backendAddressPool, T.pool, byPathRule, pr.source);
        check(ownPr, 'backendHttpSettings', pr.backendHttpSettings, T.settings, byPathRule, pr.source);
        check(ownPr, 'redirectConfiguration', pr.redirectConfiguration, T.redirect, byPathRule, pr.source);
        check(ownPr, 'rewriteRuleSet', pr.rewriteRuleSet, T.rewrite, byPathRule, pr.source);
      }
    }
    for (const l of gateway.httpListeners) {
      const own = { collection: 'httpListeners', item: l };
      const byListener = (p: RequestPath) => p.listener === l;
      check(own, 'frontendPort', l.frontendPort, T.port, byListener);
      check(own, 'frontendIPConfiguration', l.frontendIpConfiguration, T.frontendIp, byListener);
      check(own, 'sslCertificate', l.sslCertificate, T.sslCert, byListener);
      check(own, 'sslProfile', l.sslProfile, T.sslProfile, byListener);
    }
    for (const s of gateway.backendHttpSettingsCollection) {
      const own = { collection: 'backendHttpSettingsCollection', item: s };
      const bySettings = (p: RequestPath) => p.settings === s;
      check(own, 'probe', s.probe, T.probe, bySettings);
      for (const c of s.trustedRootCertificates) check(own, 'trustedRootCertificates', c, T.trustedRoot, bySettings);
      for (const c of s.authenticationCertificates) check(own, 'authenticationCertificates', c, T.authCert, bySettings);
    }
    for (const rd of gateway.redirectConfigurations) {
      const own = { collection: 'redirectConfigurations', item: rd };
      check(own, 'targetListener', rd.targetListener, T.listener, (p) => p.redirect === rd);
    }
  },
});

/** No reference, or one that resolves (check() then has nothing to say). */
function resolves(ctx: RuleContext, ref: Ref | undefined, target: Target): boolean {
  return !ref || !ref.id || !!target.resolve(ctx, ref);
}

/** The request paths of one path rule (a function made per path rule: kept outside the loop's scope). */
function onPathRule(pr: PathRule): (p: RequestPath) => boolean {
  return (p) => p.pathRule === pr;
}
