/**
 * Backend members keep only their index; their source is built when a finding cites one (a gateway at the
 * limits holds 120,000 members, and a source object for each cost as much as all the rules that read them).
 */
import { DUPLICATES } from '../input/json';
import type { BackendAddress, BackendAddressPool, SourceRef } from './types';

/** Where a member of `pool` sits in the input: its own element of the pool's list. */
export function memberSource(pool: Pick<BackendAddressPool, 'addressesSource' | 'backendAddresses'>, a: BackendAddress): SourceRef {
  const s = pool.addressesSource;
  const index = a.index ?? pool.backendAddresses.indexOf(a);
  return index < 0 ? s : { document: s.document, pointer: `${s.pointer}/${index}` };
}

/**
 * The input's list itself when every member is already a model member: an object with one key, exactly
 * `ipAddress` or `fqdn`, whose value is a non-empty string without surrounding white space (REST, az and exported
 * templates write them so). Undefined otherwise (the caller builds the list member by member).
 */
export function plainMemberList(list: readonly unknown[], isMarker: (s: string) => boolean): BackendAddress[] | undefined {
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (typeof a !== 'object' || a === null || Array.isArray(a) || Object.getPrototypeOf(a) !== Object.prototype) return undefined;
    // json.ts keeps the values of a duplicated key in a hidden property: such a member is read in full.
    if ((a as Record<string, unknown>)[DUPLICATES] !== undefined) return undefined;
    let n = 0;
    for (const k in a) {
      if (++n > 1 || (k !== 'ipAddress' && k !== 'fqdn')) return undefined;
      const v = (a as Record<string, unknown>)[k];
      if (typeof v !== 'string' || v === '' || isSpace(v.charCodeAt(0)) || isSpace(v.charCodeAt(v.length - 1)) || isMarker(v)) return undefined;
    }
    if (n === 0) return undefined;
  }
  return list as BackendAddress[];
}

/** Characters String.prototype.trim may take off (a superset: U+2000 and above all count, so such a list is read in full). */
function isSpace(c: number): boolean {
  return c <= 32 || c === 160 || c === 0x1680 || c >= 0x2000;
}
