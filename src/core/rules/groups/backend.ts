/** Guide causes 5–6: empty backend pools and unhealthy backends (azure-facts.md §1, §2, §6). */
import type { Rule } from '../types';
import emptyPoolRouted from '../empty-pool-routed';
import poolBlankAddresses from '../pool-blank-addresses';
import emptyPoolUnused from '../empty-pool-unused';
import backendAllUnhealthy from '../backend-all-unhealthy';
import backendSomeUnhealthy from '../backend-some-unhealthy';
import backendHealthEmpty from '../backend-health-empty';
import backendHealthUnknown from '../backend-health-unknown';
import backendProbeLog from '../backend-probe-log';
import backendHealthPoolMismatch from '../backend-health-pool-mismatch';
import backendHealthMissing from '../backend-health-missing';

export const backendRules: Rule[] = [
  // empty-pool
  emptyPoolRouted,
  poolBlankAddresses,
  emptyPoolUnused,
  // unhealthy-backend
  backendAllUnhealthy,
  backendHealthEmpty,
  backendProbeLog,
  backendSomeUnhealthy,
  backendHealthUnknown,
  backendHealthPoolMismatch,
  backendHealthMissing,
];
