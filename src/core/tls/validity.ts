/** Certificate validity period check (sync, no library). An expired / not-yet-valid backend certificate makes the
 * backend unhealthy (azure-facts.md §5). */

export type Validity = 'valid' | 'expired' | 'not-yet-valid';

export interface ValidityView {
  /** ISO 8601 date-time */
  notBefore: string;
  /** ISO 8601 date-time */
  notAfter: string;
}

/**
 * Validity of `cert` at `date` (default: now). Both bounds are inclusive, as in RFC 5280 §4.1.2.5.
 * Unparseable dates are treated as not constraining that side.
 */
export function validityAt(cert: ValidityView, date: Date | string | number = new Date()): Validity {
  const t = new Date(date).getTime();
  const nb = Date.parse(cert.notBefore);
  const na = Date.parse(cert.notAfter);
  if (!Number.isNaN(nb) && t < nb) return 'not-yet-valid';
  if (!Number.isNaN(na) && t > na) return 'expired';
  return 'valid';
}

/** Whole days from `date` until notAfter (negative when already expired). */
export function daysUntilExpiry(cert: Pick<ValidityView, 'notAfter'>, date: Date | string | number = new Date()): number {
  const na = Date.parse(cert.notAfter);
  return Math.floor((na - new Date(date).getTime()) / 86_400_000);
}
