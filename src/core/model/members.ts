/**
 * Backend members keep only their index; their source is built when a finding cites one (a gateway at the
 * limits holds 120,000 members, and a source object for each cost as much as all the rules that read them).
 */
import type { BackendAddress, BackendAddressPool, SourceRef } from './types';

/** Where a member of `pool` sits in the input: its own element of the pool's list. */
export function memberSource(pool: Pick<BackendAddressPool, 'addressesSource'>, a: Pick<BackendAddress, 'index'>): SourceRef {
  const s = pool.addressesSource;
  return a.index < 0 ? s : { document: s.document, pointer: `${s.pointer}/${a.index}` };
}
