/**
 * Shared check of the gateway-state rules (gateway-stopped, gateway-provisioning-failed): one finding on the
 * gateway when a state property holds one of the states the rule is about. Not a rule.
 */
import { affectedListeners } from '../model/topology';
import type { FindingInput, RuleContext } from './types';

export type StateFinding = Required<Pick<FindingInput, 'severity' | 'affected' | 'commands'>>;

/**
 * Reports the gateway when `gateway[property]` (trimmed, compared in lower case) is one of `states` (lower case).
 * `finding` gets the state in lower case and the listeners of every request path, and gives the severity, the
 * listeners to show as affected and the commands. Params: state (as written), listeners.
 */
export function reportGatewayState(
  { gateway, report }: Pick<RuleContext, 'gateway' | 'report'>,
  property: 'operationalState' | 'provisioningState',
  states: readonly string[],
  finding: (state: string, listeners: string[]) => StateFinding,
): void {
  const state = gateway[property]?.trim();
  if (!state) return;
  const s = state.toLowerCase();
  if (!states.includes(s)) return;
  const listeners = affectedListeners(gateway, () => true);
  const { severity, affected, commands } = finding(s, listeners);
  report({
    resource: { type: 'applicationGateways', name: gateway.name, id: gateway.id },
    source: gateway.source,
    severity,
    params: { state, listeners: listeners.length ? listeners.join('; ') : '—' },
    evidence: [{ path: property, value: state, source: gateway.source }],
    affected,
    commands,
  });
}
