/** The guide's cause 1: NSG, UDR or custom DNS between the gateway and its backends (azure-facts.md section 4). */
import type { Rule } from '../types';
import nsgGatewayManagerBlocked from '../nsg-gateway-manager-blocked';
import nsgLoadBalancerBlocked from '../nsg-load-balancer-blocked';
import nsgOutboundInternetBlocked from '../nsg-outbound-internet-blocked';
import nsgBackendBlocked from '../nsg-backend-blocked';
import nsgListenerPortBlocked from '../nsg-listener-port-blocked';
import nsgNotKnown from '../nsg-not-known';
import nsgBackendNotKnown from '../nsg-backend-not-known';
import udrDefaultRouteNotInternet from '../udr-default-route-not-internet';
import udrBgpDefaultRoute from '../udr-bgp-default-route';
import udrBgpPropagationUnverified from '../udr-bgp-propagation-unverified';
import udrBackendRouteDropped from '../udr-backend-route-dropped';
import udrNotKnown from '../udr-not-known';
import dnsCustomServersFqdnBackends from '../dns-custom-servers-fqdn-backends';
import dnsServerBlocked from '../dns-server-blocked';
import dnsPrivateFqdn from '../dns-private-fqdn';
import dnsInvalidFqdn from '../dns-invalid-fqdn';
import dnsIpInFqdnField from '../dns-ip-in-fqdn-field';
import dnsVnetNotKnown from '../dns-vnet-not-known';

export const networkRules: Rule[] = [
  nsgGatewayManagerBlocked,
  nsgLoadBalancerBlocked,
  nsgOutboundInternetBlocked,
  nsgBackendBlocked,
  nsgListenerPortBlocked,
  nsgNotKnown,
  nsgBackendNotKnown,
  udrDefaultRouteNotInternet,
  udrBgpDefaultRoute,
  udrBgpPropagationUnverified,
  udrBackendRouteDropped,
  udrNotKnown,
  dnsCustomServersFqdnBackends,
  dnsServerBlocked,
  dnsPrivateFqdn,
  dnsInvalidFqdn,
  dnsIpInFqdnField,
  dnsVnetNotKnown,
];
