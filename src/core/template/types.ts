/**
 * Public types of the ARM template evaluator and the named-unknown value.
 *
 * A named unknown is a plain object so evaluated resources stay JSON-cloneable (IndexedDB, Web Workers):
 * consumers recognise it with `isUnknown` instead of `instanceof`.
 */

// A type alias, not an interface, so it is assignable to Json's index-signature object type.
export type Unknown = {
  $unknown: string;
  reason: string;
};

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface TemplateProblem {
  message: string;
  /** RFC 6901 JSON pointer into the template. */
  pointer: string;
}

export interface EvaluatedResource {
  /** Full type, e.g. 'Microsoft.Network/virtualNetworks/subnets' for a child resource. */
  type: string;
  /** Full evaluated name ('vnet1/subnet1' for children). */
  name: string | Unknown;
  /** The resource object with every expression evaluated and copy loops expanded. */
  value: any;
  /** Where the resource is declared in the template, e.g. '/resources/3'. */
  pointer: string;
  /** Iteration index when the resource comes from a resource-level copy loop. */
  copyIndex?: number;
  /**
   * Only set for resources of an inner-scope nested deployment that targets another subscription or
   * resource group: resource ids built for them must use this scope, not the top-level context.
   */
  deploymentScope?: { subscriptionId: string | Unknown; resourceGroupName: string | Unknown };
}

export interface EvaluateOptions {
  subscriptionId?: string;
  resourceGroupName?: string;
  location?: string;
  /**
   * Parameter values by name. Raw values; a parameters-file wrapper `{ "value": x }` (the only key) is
   * unwrapped, and a Key Vault `{ "reference": ... }` wrapper becomes a named unknown.
   */
  parameters?: Record<string, unknown>;
}

export interface EvaluateResult {
  resources: EvaluatedResource[];
  problems: TemplateProblem[];
  context: { subscriptionId: string; resourceGroupName: string };
}

export function isUnknown(v: unknown): v is Unknown {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as Record<string, unknown>).$unknown === 'string' &&
    typeof (v as Record<string, unknown>).reason === 'string'
  );
}

export function makeUnknown(expression: string, reason: string): Unknown {
  return { $unknown: expression, reason };
}

/** A JSON object that is not a named unknown (class instances such as lambdas are excluded too). */
export function isPlainObject(v: unknown): v is { [key: string]: Json } {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || isUnknown(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** RFC 6901 escaping of one reference token. */
export function pointerToken(key: string | number): string {
  if (typeof key === 'number') return String(key);
  // Most keys need no escaping: skip the two regex passes for them.
  if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return key;
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, key: string | number): string {
  return `${base}/${pointerToken(key)}`;
}

/** Assigns without invoking the `__proto__` setter, since keys come from untrusted templates. */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
