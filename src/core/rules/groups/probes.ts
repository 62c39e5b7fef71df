/** Guide causes 2–4: the default probe, custom probes, and the request time-out (azure-facts.md §1–3). */
import type { Rule } from '../types';
import defaultProbeHostSensitiveBackend from '../default-probe-host-sensitive-backend';
import defaultProbeNonStandardPort from '../default-probe-non-standard-port';
import defaultProbeHttpsIp from '../default-probe-https-ip';
import probePathInvalid from '../probe-path-invalid';
import probeValuesOutOfRange from '../probe-values-out-of-range';
import probeTimeoutExceedsInterval from '../probe-timeout-exceeds-interval';
import probeProtocolMismatch from '../probe-protocol-mismatch';
import probeHostMissingMultisite from '../probe-host-missing-multisite';
import probeHostAndPick from '../probe-host-and-pick';
import probePickHostWithoutSource from '../probe-pick-host-without-source';
import probeMatchExcludesStatus from '../probe-match-excludes-status';
import probeMatchExcludesRedirects from '../probe-match-excludes-redirects';
import probePortMismatch from '../probe-port-mismatch';
import probePortOnV1 from '../probe-port-on-v1';
import probeUnused from '../probe-unused';
import probeApimPath from '../probe-apim-path';
import requestTimeoutOutOfRange from '../request-timeout-out-of-range';
import requestTimeoutShort from '../request-timeout-short';
import requestTimeoutBelowProbeTimeout from '../request-timeout-below-probe-timeout';
import requestTimeoutPublicLimit from '../request-timeout-public-limit';
import requestTimeoutBehaviour from '../request-timeout-behaviour';

export const probeRules: Rule[] = [
  // default-probe
  defaultProbeHostSensitiveBackend,
  defaultProbeHttpsIp,
  defaultProbeNonStandardPort,
  // custom-probe
  probePathInvalid,
  probeValuesOutOfRange,
  probeProtocolMismatch,
  probePickHostWithoutSource,
  probeMatchExcludesStatus,
  probeMatchExcludesRedirects,
  probeHostMissingMultisite,
  probeHostAndPick,
  probePortOnV1,
  probePortMismatch,
  probeApimPath,
  probeTimeoutExceedsInterval,
  probeUnused,
  // request-timeout
  requestTimeoutOutOfRange,
  requestTimeoutShort,
  requestTimeoutBelowProbeTimeout,
  requestTimeoutPublicLimit,
  requestTimeoutBehaviour,
];
