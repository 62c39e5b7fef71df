/** Offline request routing: `routeRequest` (URL → listener → rule → path → settings → probe → pool) and helpers. */
export { routeRequest, routeDetail, findingsOnRoute, DEFAULT_PROBE } from './route';
export type { RouteResult, RouteStep, RouteBackend, RouteOptions, FindingLike, Why } from './route';
