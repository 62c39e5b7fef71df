/**
 * Shared check of the trusted-root validity rules (tls-trusted-root-expired, tls-trusted-root-not-yet-valid):
 * one finding per trusted root certificate whose root is in the given validity state at the analysis date.
 * Not a rule.
 */
import { validityAt } from '../tls/validity';
import type { RuleContext } from './types';
import { certificateUse, rootCommands, rootOf } from './tls-trusted-root-not-ca';

/** The bound each state is about: an expired root is named by its notAfter, a future one by its notBefore. */
const BOUND = { expired: 'notAfter', 'not-yet-valid': 'notBefore' } as const;

/**
 * Reports every trusted root whose root certificate is `state` at `certificates.now`: error when HTTPS traffic
 * relies on it with chain validation on, info otherwise. Params: root, subject, notAfter or notBefore (the
 * bound of the state, as a date), today, settings, listeners.
 */
export function reportRootsIn(ctx: RuleContext, state: keyof typeof BOUND): void {
  const { gateway, certificates, report } = ctx;
  const bound = BOUND[state];
  for (const c of gateway.trustedRootCertificates) {
    if (!c.data) continue;
    const cert = rootOf(certificates.get(c.data)?.certificates ?? []);
    if (!cert || validityAt(cert, certificates.now) !== state) continue;
    const use = certificateUse(ctx, c, 'trustedRootCertificates');
    report({
      resource: { type: 'trustedRootCertificates', name: c.name, id: c.id },
      source: c.source,
      severity: use.relied ? 'error' : 'info',
      params: { root: c.name, subject: cert.subject, [bound]: cert[bound].slice(0, 10), today: certificates.now.toISOString().slice(0, 10), settings: use.settings.map((s) => s.name).join(', ') || '—', listeners: use.affected.join('; ') || '—' },
      evidence: [{ path: `trustedRootCertificates[${c.name}].data`, value: `subject ${cert.subject}; ${bound} ${cert[bound]}`, source: c.source }],
      affected: use.relied ? use.affected : [],
      commands: rootCommands(gateway, c.name),
    });
  }
}
