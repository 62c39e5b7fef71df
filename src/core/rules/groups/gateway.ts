import type { Rule } from '../types';
import gatewayStopped from '../gateway-stopped';
import gatewayProvisioningFailed from '../gateway-provisioning-failed';
import gatewayDanglingReference from '../gateway-dangling-reference';
import gatewayBackendInGatewaySubnet from '../gateway-backend-in-gateway-subnet';
import gatewayPortProtocolMismatch from '../gateway-port-protocol-mismatch';
import gatewayBackendPortProtocolMismatch from '../gateway-backend-port-protocol-mismatch';
import gatewayPaasBackendNoHostOverride from '../gateway-paas-backend-no-host-override';
import gatewayV1Retired from '../gateway-v1-retired';
import gatewayRulePriorityMissing from '../gateway-rule-priority-missing';
import gatewayDuplicatePriority from '../gateway-duplicate-priority';
import gatewaySkuUnknown from '../gateway-sku-unknown';
import tlsHostVsCertificate from '../tls-host-vs-certificate';
import tlsBackendCertificateUnknown from '../tls-backend-certificate-unknown';
import tlsIpBackendHttps from '../tls-ip-backend-https';
import tlsIpBackendPickHostname from '../tls-ip-backend-pick-hostname';
import tlsV1NoAuthCert from '../tls-v1-no-auth-cert';
import tlsAuthCertExpired from '../tls-auth-cert-expired';
import tlsTrustedRootNotCa from '../tls-trusted-root-not-ca';
import tlsTrustedRootExpired from '../tls-trusted-root-expired';
import tlsTrustedRootNotYetValid from '../tls-trusted-root-not-yet-valid';
import tlsTrustedRootUnreadable from '../tls-trusted-root-unreadable';
import tlsTrustedRootOnHttpSettings from '../tls-trusted-root-on-http-settings';
import tlsValidationDisabled from '../tls-validation-disabled';
import tlsSniNameDiffers from '../tls-sni-name-differs';
import tlsAseIlbByIp from '../tls-ase-ilb-by-ip';
import tlsListenerCertExpired from '../tls-listener-cert-expired';

/** Backend TLS (the guide's cause 7) and gateway-level checks (state, references, SKU, rule order). */
export const gatewayRules: Rule[] = [
  // backend-tls
  tlsHostVsCertificate,
  tlsBackendCertificateUnknown,
  tlsIpBackendHttps,
  tlsIpBackendPickHostname,
  tlsV1NoAuthCert,
  tlsAuthCertExpired,
  tlsTrustedRootNotCa,
  tlsTrustedRootExpired,
  tlsTrustedRootNotYetValid,
  tlsTrustedRootUnreadable,
  tlsTrustedRootOnHttpSettings,
  tlsValidationDisabled,
  tlsSniNameDiffers,
  tlsAseIlbByIp,
  tlsListenerCertExpired,
  // gateway
  gatewayStopped,
  gatewayProvisioningFailed,
  gatewayDanglingReference,
  gatewayBackendInGatewaySubnet,
  gatewayPortProtocolMismatch,
  gatewayBackendPortProtocolMismatch,
  gatewayPaasBackendNoHostOverride,
  gatewayV1Retired,
  gatewayRulePriorityMissing,
  gatewayDuplicatePriority,
  gatewaySkuUnknown,
];
