import type { Rule } from '../types';
import trafficNoHealthyBackend from '../traffic-no-healthy-backend';
import traffic502EmptyPool from '../traffic-502-empty-pool';
import trafficBackendTimeout from '../traffic-backend-timeout';
import trafficBackend5xx from '../traffic-backend-5xx';
import trafficBackendClosed from '../traffic-backend-closed';
import trafficNsgBlockedBackend from '../traffic-nsg-blocked-backend';
import trafficCapacity from '../traffic-capacity';
import trafficClientClosed from '../traffic-client-closed';
import trafficUnclassified from '../traffic-unclassified';
import controlPlaneError from '../control-plane-error';
import asymmetricReturnPath from '../asymmetric-return-path';
import nsgSingleInstanceIp from '../nsg-single-instance-ip';
import appServiceHostNotBound from '../app-service-host-not-bound';
import appServiceAccessRestricted from '../app-service-access-restricted';

/**
 * Traffic (access logs, metrics: the 502 fingerprint linked to the configuration), control-plane errors, App Service
 * backends, and the 2026 guide's configuration scenarios not covered elsewhere (asymmetric return path, NSG rules on
 * single instance addresses).
 */
export const trafficRules: Rule[] = [
  trafficNoHealthyBackend,
  traffic502EmptyPool,
  trafficBackendTimeout,
  trafficBackend5xx,
  trafficBackendClosed,
  trafficNsgBlockedBackend,
  trafficCapacity,
  trafficClientClosed,
  trafficUnclassified,
  controlPlaneError,
  asymmetricReturnPath,
  nsgSingleInstanceIp,
  appServiceHostNotBound,
  appServiceAccessRestricted,
];
