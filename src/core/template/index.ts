/**
 * Offline evaluator for ARM template expressions. Pure TypeScript (no DOM, no Node APIs, no network):
 * the same code runs in the browser, in a Web Worker and in the CLI.
 */
export { evaluateTemplate, MAX_COPY_COUNT, MAX_EVALUATION_DEPTH, PLACEHOLDER_LOCATION, PLACEHOLDER_RESOURCE_GROUP, PLACEHOLDER_SUBSCRIPTION_ID } from './evaluator';
export { isUnknown } from './types';
export type { EvaluateOptions, EvaluateResult, EvaluatedResource, Json, TemplateProblem, Unknown } from './types';
export { parseExpression, isExpressionString, MAX_EXPRESSION_DEPTH } from './parser';
export type { Node as ExpressionNode, ParseResult, ParseError } from './parser';
export { uniqueString, armGuid } from './hash';
