/** The report as SARIF 2.1.0 (one run; rules from the findings' metadata). */
import type { Report } from './contract';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function toSarif(report: Report): unknown {
  const ruleIds = [...new Set(report.findings.map((f) => f.ruleId))];
  const rules = ruleIds.map((id) => {
    const f = report.findings.find((x) => x.ruleId === id)!;
    return {
      id,
      name: id,
      shortDescription: { text: f.text.en.title },
      helpUri: f.docs,
      properties: { category: f.category, 'title-ko': f.text.ko.title },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, informationUri: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-troubleshooting-502', rules } },
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIds.indexOf(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: `${f.message}${f.effect ? ' ' + f.effect : ''} Fix: ${f.fix}` },
          locations: f.source
            ? [
                {
                  physicalLocation: {
                    artifactLocation: { uri: f.source.document },
                    ...(f.source.line ? { region: { startLine: f.source.line } } : {}),
                  },
                  logicalLocations: [{ name: f.resource.name, fullyQualifiedName: f.resource.id, kind: f.resource.type }],
                },
              ]
            : [],
          properties: { gateway: f.gateway, category: f.category, evidence: f.evidence },
        })),
      },
    ],
  };
}
