/** Request routing: ordering traps found with the routing engine (src/core/route). */
import type { Rule } from '../types';
import routeV1BasicBeforeMultisite from '../route-v1-basic-before-multisite';
import routeV2WildcardPriority from '../route-v2-wildcard-priority';
import routePathShadowed from '../route-path-shadowed';
import routeListenerUnreachable from '../route-listener-unreachable';
import routeDuplicateHost from '../route-duplicate-host';

export const routingRules: Rule[] = [routeV1BasicBeforeMultisite, routeV2WildcardPriority, routePathShadowed, routeListenerUnreachable, routeDuplicateHost];
