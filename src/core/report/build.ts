/** Engine results → the JSON report contract. */
import { TOOL_NAME, ENGINE_VERSION } from '../version';
import type { DocumentModel, Workspace } from '../model/types';
import type { EngineFinding } from '../rules/engine';
import { CATEGORY_ORDER } from '../rules/types';
import type { Locale, Report, ReportFinding } from './contract';
import { problemKo, reasonKo } from '../input/messages-ko';
import { buildTrafficReport } from '../traffic/report';

export interface Locator {
  (document: string, pointer: string): { line: number; column: number } | undefined;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function contents(d: DocumentModel): Record<string, number> {
  const c: Record<string, number> = {};
  const add = (k: string, n: number) => {
    if (n) c[k] = n;
  };
  add('gateways', d.gateways.length);
  add('virtualNetworks', d.virtualNetworks.length);
  add('subnets', d.subnets.length + d.virtualNetworks.reduce((n, v) => n + v.subnets.length, 0));
  add('networkSecurityGroups', d.networkSecurityGroups.length);
  add('routeTables', d.routeTables.length);
  add('publicIpAddresses', d.publicIpAddresses.length);
  add('networkInterfaces', d.networkInterfaces.length);
  add('backendHealthServers', d.backendHealth.reduce((n, h) => n + h.pools.reduce((m, p) => m + p.settings.reduce((k, s) => k + s.servers.length, 0), 0), 0));
  add('effectiveNsgRules', d.effectiveNsgs.reduce((n, e) => n + e.associations.reduce((m, a) => m + a.rules.length, 0), 0));
  add('effectiveRoutes', d.effectiveRoutes.reduce((n, e) => n + e.routes.length, 0));
  return c;
}

export function buildReport(ws: Workspace, findings: EngineFinding[], locate: Locator, locale: Locale, now: Date): Report {
  const out: ReportFinding[] = findings.map((f) => {
    const t = f.text[locale];
    const at = f.source ? locate(f.source.document, f.source.pointer) : undefined;
    return {
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      gateway: f.gateway,
      resource: f.resource,
      title: t.title,
      message: t.message,
      effect: t.effect,
      fix: t.fix,
      evidence: f.evidence.map((e) => {
        if (!e.source) return e;
        const l = locate(e.source.document, e.source.pointer);
        return { ...e, source: { ...e.source, line: l?.line } };
      }),
      source: f.source ? { document: f.source.document, pointer: f.source.pointer, line: at?.line } : null,
      commands: f.commands,
      affected: f.affected,
      docs: f.docs,
      text: f.text,
    };
  });
  out.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
      a.gateway.localeCompare(b.gateway) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resource.name.localeCompare(b.resource.name),
  );
  const summary = { error: 0, warning: 0, info: 0 };
  for (const f of out) summary[f.severity]++;
  const traffic = buildTrafficReport(ws);
  return {
    tool: { name: TOOL_NAME, version: ENGINE_VERSION },
    locale,
    generatedAt: now.toISOString(),
    documents: ws.documents.map((d) => ({
      name: d.name,
      kind: d.kind,
      shape: d.shape,
      confidence: d.confidence,
      gateways: d.gateways.map((g) => g.name),
      problems: d.problems.map((p) => ({ ...p, ko: problemKo(p.message, p.hint) })),
      unknowns: d.unknowns,
      contents: contents(d),
    })),
    gateways: ws.gateways.map((g) => ({
      name: g.name,
      id: g.id,
      resourceGroup: g.resourceGroup,
      sku: g.sku.name,
      tier: g.sku.tier,
      generation: g.generation,
      location: g.location,
      operationalState: g.operationalState,
      provisioningState: g.provisioningState,
      counts: {
        frontendIpConfigurations: g.frontendIpConfigurations.length,
        frontendPorts: g.frontendPorts.length,
        httpListeners: g.httpListeners.length,
        requestRoutingRules: g.requestRoutingRules.length,
        urlPathMaps: g.urlPathMaps.length,
        backendAddressPools: g.backendAddressPools.length,
        backendHttpSettingsCollection: g.backendHttpSettingsCollection.length,
        probes: g.probes.length,
        sslCertificates: g.sslCertificates.length,
        trustedRootCertificates: g.trustedRootCertificates.length,
        redirectConfigurations: g.redirectConfigurations.length,
      },
      lost: g.lost.map((l) => ({ ...l, reasonKo: reasonKo(l.reason) })),
      document: g.source.document,
    })),
    findings: out,
    summary,
    notes: ws.notes,
    ...(traffic ? { traffic } : {}),
  };
}
