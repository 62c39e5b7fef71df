/** Every rule, grouped by the guide's sections (each group file lists its rules). */
import type { Rule } from './types';
import { networkRules } from './groups/network';
import { probeRules } from './groups/probes';
import { backendRules } from './groups/backend';
import { gatewayRules } from './groups/gateway';
import { routingRules } from './groups/routing';
import { trafficRules } from './groups/traffic';

export const allRules: Rule[] = [...networkRules, ...probeRules, ...backendRules, ...gatewayRules, ...routingRules, ...trafficRules];
