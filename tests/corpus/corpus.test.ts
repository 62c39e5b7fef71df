/**
 * Every real public input under ../shared/corpus loads with the expected form and gateway count,
 * and nothing crashes (the whole corpus also goes through analyze() as one workspace).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadDocument, analyze } from '../../src/core/analyze';

export const CORPUS = new URL('../../../shared/corpus/', import.meta.url).pathname;

const AGIC = '--app-gw-name--';
/** file → [kind, gateway names] */
const EXPECTED: Record<string, [string, string[]]> = {
  'arm-rest-agic/cookie_name.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/duplicate_ports.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/empty_cluster_with_private_ip.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/health_probes_same_labels_different_namespaces.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/one_ingress_https_backend.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/one_ingress_https_backend_without_backend_protocol.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/one_ingress_slash_nothing.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/one_ingress_slash_slashnothing.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/one_ingress_with_multiple_path_rules.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/private-ip-only-gateway.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/rewrite_rule_sets_one_ingress_slash_slashnothing.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/rewrite_rule_sets_one_ingress_slashnothing.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/rewrite_rule_sets_path-based_rules_without_default_backend.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/rewrite_rule_sets_two_ingress.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/rule_priority_annotation.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/three_ingresses.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/two_ingresses_same_domain_tls_notls.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/two_ingresses_same_hostname_value_different_locations.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/two_ingresses_slash_slashsomething.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/two_ingresses_with_and_without_extended_hostname.json': ['arm-rest', [AGIC]],
  'arm-rest-agic/waf_annotation.json': ['arm-rest', [AGIC]],
  'arm-rest-spec/ApplicationGatewayBackendHealthGet.json': ['backend-health', []],
  'arm-rest-spec/ApplicationGatewayBackendHealthTest.json': ['backend-health', []],
  'arm-rest-spec/ApplicationGatewayGet.json': ['arm-rest', ['appgw']],
  'arm-rest-spec/ApplicationGatewayList.json': ['arm-rest', ['appgw']],
  'arm-rest-spec/NetworkInterfaceEffectiveNSGList.json': ['effective-nsg', []],
  'arm-rest-spec/NetworkInterfaceEffectiveRouteTableList.json': ['effective-routes', []],
  'arm-rest-spec/NetworkSecurityGroupGet.json': ['nsg', []],
  'arm-rest-spec/RouteTableGet.json': ['route-table', []],
  'arm-rest-spec/VirtualNetworkGet.json': ['vnet', []],
  'arm-template/agic-deploy-azuredeploy.json': ['arm-template', ['applicationgateway09dc']],
  'arm-template/quickstart-application-gateway-2vms-iis-ssl.json': ['arm-template', ['ApplicationGateway']],
  'arm-template/quickstart-application-gateway-multihosting.json': ['arm-template', ['applicationGateway1']],
  'arm-template/quickstart-application-gateway-url-path-based-routing.json': ['arm-template', ['applicationGateway1']],
  'arm-template/quickstart-application-gateway-v2-autoscale-create.json': ['arm-template', ['applicationGatewayV2']],
  'arm-template/quickstart-application-gateway-waf-firewall-policy.json': ['arm-template', ['appGw01']],
};

const XX = 'the AGIC functional-test body routes its path map default to pool "xx", which the body does not define: a real dangling reference (ARM would reject the body)';
/**
 * Error findings each corpus file is expected to give, with why an expert agrees. Every other file
 * (the clean gateways) must give no error at all. Checked by hand against the file.
 */
const EXPECTED_ERRORS: Record<string, [string[], string]> = {
  'arm-rest-agic/empty_cluster_with_private_ip.json': [['empty-pool-routed'], 'the only rule routes to the controller\'s empty defaultaddresspool: every request gets 502 (an empty cluster)'],
  'arm-rest-agic/one_ingress_https_backend.json': [['gateway-dangling-reference', 'tls-ip-backend-pick-hostname'], `${XX}; and HTTPS settings pick the host name from IP members, which v2 does not support over HTTPS (azure-facts §5)`],
  'arm-rest-agic/one_ingress_https_backend_without_backend_protocol.json': [['gateway-dangling-reference'], XX],
  'arm-rest-agic/one_ingress_with_multiple_path_rules.json': [['gateway-dangling-reference'], XX],
  'arm-rest-agic/rewrite_rule_sets_path-based_rules_without_default_backend.json': [['gateway-dangling-reference'], XX],
  'arm-rest-agic/three_ingresses.json': [['gateway-dangling-reference'], XX],
  'arm-rest-agic/two_ingresses_same_hostname_value_different_locations.json': [['gateway-dangling-reference'], XX],
  'arm-rest-agic/two_ingresses_with_and_without_extended_hostname.json': [['gateway-dangling-reference'], XX],
  'arm-rest-spec/ApplicationGatewayGet.json': [['empty-pool-routed'], 'pool appgwpool is empty and is routed to by the Basic rule appgwrule (SOURCES.md says so)'],
  'arm-rest-spec/ApplicationGatewayList.json': [['empty-pool-routed'], 'the same gateway as the GET example: appgwpool empty behind appgwrule'],
  'arm-template/agic-deploy-azuredeploy.json': [['empty-pool-routed'], 'the template deploys rule1 → the empty pool bepool; until AGIC fills it, every request gets 502'],
  'arm-template/quickstart-application-gateway-v2-autoscale-create.json': [['gateway-backend-in-gateway-subnet'], 'the quickstart\'s default backend IPs 10.0.0.4/10.0.0.5 lie in the gateway\'s own subnet 10.0.0.0/24, where nothing else may live (azure-facts §4 Subnet)'],
};

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(CORPUS, dir.name))) out.push(`${dir.name}/${f}`);
  }
  return out.sort();
}

describe('corpus', () => {
  it('../shared/corpus is there', () => expect(existsSync(CORPUS)).toBe(true));
  const files = existsSync(CORPUS) ? corpusFiles() : [];
  it('every corpus file has an expectation (a new file needs a row here)', () => {
    expect(files.filter((f) => !EXPECTED[f])).toEqual([]);
    expect(Object.keys(EXPECTED).filter((f) => !files.includes(f))).toEqual([]);
  });
  for (const f of files) {
    it(f, () => {
      const { model } = loadDocument({ name: f, bytes: new Uint8Array(readFileSync(join(CORPUS, f))) });
      const [kind, gateways] = EXPECTED[f] ?? ['?', []];
      expect(model.problems).toEqual([]);
      expect(model.kind).toBe(kind);
      expect(model.gateways.map((g) => g.name)).toEqual(gateways);
    });
  }
  for (const f of files) {
    const [ids, why] = EXPECTED_ERRORS[f] ?? [[], 'a clean gateway or companion document: no error'];
    it(`${f}: error findings are exactly the expected ones (${why.slice(0, 60)}…)`, async () => {
      const { report } = await analyze([{ name: f, bytes: new Uint8Array(readFileSync(join(CORPUS, f))) }], { now: new Date('2026-11-25T00:00:00Z') });
      const got = [...new Set(report.findings.filter((x) => x.severity === 'error').map((x) => x.ruleId))].sort();
      expect(got).toEqual([...ids].sort());
    });
  }
  it('the whole corpus analyses as one workspace without a crash', async () => {
    const inputs = files.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(CORPUS, f))) }));
    const { report } = await analyze(inputs, { now: new Date('2026-11-25T00:00:00Z') });
    expect(report.documents).toHaveLength(files.length);
    expect(report.findings.filter((f) => f.ruleId === 'input-problem')).toEqual([]);
  });
});
