import { evaluateTemplate, type EvaluateOptions } from '../../../src/core/template';

export const SUB = '11111111-2222-3333-4444-555555555555';
export const RG = 'my-rg';

interface ExprSetup {
  parameters?: Record<string, unknown>;
  variables?: Record<string, unknown>;
  functions?: unknown[];
  options?: EvaluateOptions;
}

/** Evaluates `expr` as the only property of a single resource and returns what came out. */
export function evalExpr(expr: unknown, setup: ExprSetup = {}) {
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: setup.parameters ?? {},
    variables: setup.variables ?? {},
    functions: setup.functions ?? [],
    resources: [{ type: 'Test.Provider/things', apiVersion: '2020-01-01', name: 'thing', properties: { v: expr } }],
  };
  const result = evaluateTemplate(template, setup.options ?? { subscriptionId: SUB, resourceGroupName: RG, location: 'westeurope' });
  return { value: result.resources[0]?.value?.properties?.v, problems: result.problems, result };
}

export function template(body: Record<string, unknown>) {
  return { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', ...body };
}
