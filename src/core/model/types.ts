/**
 * The one normalized model. Every input form (ps-json, ps-text, arm-rest, cli-json, arm-template and the
 * companion documents) is turned into these types; rules read nothing else.
 *
 * Plain data only (no functions, no classes) so a model can be cloned into IndexedDB or a Web Worker.
 * References between objects are kept as resource ids (`Ref`) and resolved case-insensitively by
 * `model/resolve.ts`; a reference that points at nothing stays in the model and is reported as dangling.
 */

import type { TrafficDocument, TrafficWorkspace } from '../traffic/types';

/** Where a model object came from in the user's input. `line` (1-based) is filled in when known. */
export interface SourceRef {
  document: string;
  /** JSON pointer into the parsed document (RFC 6901), or '' for the whole document. */
  pointer: string;
  line?: number;
  column?: number;
}

/** A reference to another resource, as written in the input (after template evaluation). */
export interface Ref {
  id: string;
  /** The last segment of the id: the referenced object's name. */
  name: string;
}

export type Generation = 'v1' | 'v2' | 'unknown';

export interface Named {
  id: string;
  name: string;
  source: SourceRef;
}

export interface Sku {
  name?: string;
  tier?: string;
  family?: string;
  capacity?: number;
}

export interface GatewayIpConfiguration extends Named {
  subnet?: Ref;
}

export interface FrontendIpConfiguration extends Named {
  privateIpAddress?: string;
  privateIpAllocationMethod?: string;
  publicIpAddress?: Ref;
  subnet?: Ref;
}

export interface FrontendPort extends Named {
  port?: number;
}

export interface HttpListener extends Named {
  frontendIpConfiguration?: Ref;
  frontendPort?: Ref;
  protocol?: string;
  /** hostName and hostNames merged, in input order; empty for a basic listener. */
  hostNames: string[];
  sslCertificate?: Ref;
  sslProfile?: Ref;
  requireServerNameIndication?: boolean;
  firewallPolicy?: Ref;
}

export interface RequestRoutingRule extends Named {
  ruleType?: string;
  priority?: number;
  httpListener?: Ref;
  backendAddressPool?: Ref;
  backendHttpSettings?: Ref;
  urlPathMap?: Ref;
  redirectConfiguration?: Ref;
  rewriteRuleSet?: Ref;
}

export interface PathRule extends Named {
  paths: string[];
  backendAddressPool?: Ref;
  backendHttpSettings?: Ref;
  redirectConfiguration?: Ref;
  rewriteRuleSet?: Ref;
}

export interface UrlPathMap extends Named {
  defaultBackendAddressPool?: Ref;
  defaultBackendHttpSettings?: Ref;
  defaultRedirectConfiguration?: Ref;
  defaultRewriteRuleSet?: Ref;
  pathRules: PathRule[];
}

export interface RedirectConfiguration extends Named {
  redirectType?: string;
  targetListener?: Ref;
  targetUrl?: string;
  includePath?: boolean;
  includeQueryString?: boolean;
}

export interface BackendAddress {
  ipAddress?: string;
  fqdn?: string;
  /** A template expression that could not be evaluated (e.g. a parameter without default): an address is there, its value unknown. */
  unresolved?: string;
  /**
   * Its place in the pool's list as written; -1 when the whole list is one unresolved expression; absent when the
   * pool's list is the input's own list (REST's `{ipAddress}` / `{fqdn}` members, kept as they are): the place is
   * then its position in `backendAddresses`. Its source is `memberSource(pool, address)` (model/members.ts): no
   * source object per member (a gateway can hold 120,000).
   */
  index?: number;
}

export interface BackendAddressPool extends Named {
  backendAddresses: BackendAddress[];
  /** Where the pool's list of addresses sits in the input (or would sit, when the input has none). */
  addressesSource: SourceRef;
  /** NIC IP configurations (VMs) that are members of the pool. */
  backendIpConfigurations: Ref[];
  /** Entries that were present but blank (an empty string or an object with neither ipAddress nor fqdn). */
  blankAddresses: number;
}

export interface BackendHttpSettings extends Named {
  port?: number;
  protocol?: string;
  /** Seconds. Absent when the input does not say (Azure's default is 20 s). */
  requestTimeout?: number;
  hostName?: string;
  pickHostNameFromBackendAddress?: boolean;
  probe?: Ref;
  probeEnabled?: boolean;
  cookieBasedAffinity?: string;
  affinityCookieName?: string;
  path?: string;
  connectionDraining?: { enabled?: boolean; drainTimeoutInSec?: number };
  authenticationCertificates: Ref[];
  trustedRootCertificates: Ref[];
  validateCertChainAndExpiry?: boolean;
  validateSNI?: boolean;
  sniName?: string;
  dedicatedBackendConnection?: boolean;
}

export interface Probe extends Named {
  protocol?: string;
  host?: string;
  path?: string;
  interval?: number;
  timeout?: number;
  unhealthyThreshold?: number;
  port?: number;
  pickHostNameFromBackendHttpSettings?: boolean;
  minServers?: number;
  match?: { statusCodes: string[]; body?: string };
}

export interface Certificate extends Named {
  /** Base64 public data (DER/PKCS#7) when the input carries it. */
  publicCertData?: string;
  /** Base64 data of authentication certificates / trusted roots. */
  data?: string;
  keyVaultSecretId?: string;
}

export interface WafSettings {
  enabled?: boolean;
  firewallMode?: string;
  firewallPolicy?: Ref;
}

export interface Gateway extends Named {
  resourceGroup?: string;
  subscriptionId?: string;
  location?: string;
  sku: Sku;
  generation: Generation;
  autoscale?: { minCapacity?: number; maxCapacity?: number };
  operationalState?: string;
  provisioningState?: string;
  zones: string[];
  tags: Record<string, string>;
  enableHttp2?: boolean;
  gatewayIpConfigurations: GatewayIpConfiguration[];
  frontendIpConfigurations: FrontendIpConfiguration[];
  frontendPorts: FrontendPort[];
  httpListeners: HttpListener[];
  requestRoutingRules: RequestRoutingRule[];
  urlPathMaps: UrlPathMap[];
  redirectConfigurations: RedirectConfiguration[];
  rewriteRuleSets: Named[];
  backendAddressPools: BackendAddressPool[];
  backendHttpSettingsCollection: BackendHttpSettings[];
  probes: Probe[];
  sslCertificates: Certificate[];
  trustedRootCertificates: Certificate[];
  authenticationCertificates: Certificate[];
  sslProfiles: Named[];
  waf?: WafSettings;
  firewallPolicy?: Ref;
  /** Collections the input could not show (for example ConvertTo-Json depth truncation), with why. */
  lost: LostPart[];
  /** Name of the input form the gateway came from. */
  form: string;
}

export interface LostPart {
  /** ARM collection name, e.g. `backendAddressPools`, or a property path. */
  part: string;
  reason: string;
}

// ---------------------------------------------------------------- network context

export interface VirtualNetwork extends Named {
  resourceGroup?: string;
  addressPrefixes: string[];
  /** Custom DNS servers; empty means Azure-provided DNS. */
  dnsServers: string[];
  subnets: Subnet[];
}

export interface Subnet extends Named {
  /** Id of the VNet the subnet belongs to (derived from the subnet id when not given). */
  virtualNetworkId?: string;
  addressPrefixes: string[];
  networkSecurityGroup?: Ref;
  routeTable?: Ref;
  delegations: string[];
  /** Ids of the NIC IP configurations / gateway IP configurations in the subnet, when the input lists them. */
  ipConfigurations: Ref[];
}

export type Direction = 'Inbound' | 'Outbound';
export type Access = 'Allow' | 'Deny';

export interface SecurityRule {
  name: string;
  priority: number;
  direction: Direction;
  access: Access;
  /** `Tcp`, `Udp`, `Icmp`, `Esp`, `Ah` or `*` (normalized from `All`). */
  protocol: string;
  sourcePrefixes: string[];
  destinationPrefixes: string[];
  /** Port ranges as strings: `*`, `80`, `65200-65535`. */
  sourcePorts: string[];
  destinationPorts: string[];
  sourceApplicationSecurityGroups: Ref[];
  destinationApplicationSecurityGroups: Ref[];
  isDefault: boolean;
  source: SourceRef;
}

export interface NetworkSecurityGroup extends Named {
  resourceGroup?: string;
  /** Custom rules; the six default rules are in `defaultRules` (filled with Azure's defaults when absent). */
  securityRules: SecurityRule[];
  defaultRules: SecurityRule[];
  subnets: Ref[];
  networkInterfaces: Ref[];
}

export interface Route {
  name: string;
  addressPrefix: string;
  nextHopType: string;
  nextHopIpAddress?: string;
  source: SourceRef;
}

export interface RouteTable extends Named {
  resourceGroup?: string;
  disableBgpRoutePropagation?: boolean;
  routes: Route[];
  subnets: Ref[];
}

export interface PublicIpAddress extends Named {
  ipAddress?: string;
  fqdn?: string;
  sku?: string;
}

export interface NicIpConfiguration extends Named {
  privateIpAddress?: string;
  subnet?: Ref;
}

export interface NetworkInterface extends Named {
  ipConfigurations: NicIpConfiguration[];
  networkSecurityGroup?: Ref;
  enableIpForwarding?: boolean;
  virtualMachine?: Ref;
}

// ---------------------------------------------------------------- companion outputs

/** Healthy | Unhealthy | Unknown | Draining | Partial, or the value as given when it is none of these. */
export type HealthState = string;

export interface BackendServerHealth {
  address: string;
  health: HealthState;
  healthProbeLog?: string;
  healthProbeErrorName?: string;
  ipConfiguration?: Ref;
  source: SourceRef;
}

export interface BackendHealthSettings {
  backendHttpSettings?: Ref;
  servers: BackendServerHealth[];
}

export interface BackendHealthPool {
  backendAddressPool?: Ref;
  settings: BackendHealthSettings[];
}

export interface BackendHealth {
  /** Gateway the health belongs to, when the input says (from the pool ids). */
  gatewayId?: string;
  gatewayName?: string;
  pools: BackendHealthPool[];
  /** True for the on-demand probe result (one pool). */
  onDemand: boolean;
  source: SourceRef;
}

export interface EffectiveSecurityRule {
  name: string;
  priority: number;
  direction: Direction;
  access: Access;
  protocol: string;
  sourcePrefixes: string[];
  destinationPrefixes: string[];
  sourcePorts: string[];
  destinationPorts: string[];
}

export interface EffectiveNsgAssociation {
  subnet?: Ref;
  networkInterface?: Ref;
  networkSecurityGroup?: Ref;
  rules: EffectiveSecurityRule[];
}

export interface EffectiveNsg {
  /** NIC the output was taken from, when known (file name, or ids in the associations). */
  networkInterface?: Ref;
  associations: EffectiveNsgAssociation[];
  source: SourceRef;
}

export interface EffectiveRoute {
  name?: string;
  source: string;
  state: string;
  addressPrefixes: string[];
  nextHopType: string;
  nextHopIpAddresses: string[];
}

export interface EffectiveRoutes {
  networkInterface?: Ref;
  routes: EffectiveRoute[];
  source: SourceRef;
}

// ---------------------------------------------------------------- documents and workspace

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  message: string;
  /** 1-based; 0 when the problem is about the whole document. */
  line: number;
  column: number;
  severity: Severity;
  /** A short excerpt of the input around the position. */
  excerpt?: string;
  /** How to get a good input. */
  hint?: string;
}

/**
 * The kind of a document as the report names it. For gateway documents it is the input form;
 * for companion documents it is what they hold (their shape is in `DocumentResult.shape`).
 */
export type DocumentKind =
  | 'ps-json'
  | 'ps-text'
  | 'arm-rest'
  | 'cli-json'
  | 'arm-template'
  | 'backend-health'
  | 'effective-nsg'
  | 'effective-routes'
  | 'vnet'
  | 'subnet'
  | 'nsg'
  | 'route-table'
  | 'public-ip'
  | 'nic'
  | 'fragment'
  | 'access-log'
  | 'metrics'
  | 'app-service'
  | 'control-plane-error'
  | 'performance-log'
  | 'firewall-log'
  | 'unknown';

export type Shape = 'ps-json' | 'ps-text' | 'arm-rest' | 'cli-json' | 'arm-template' | 'resource-graph' | 'unknown';

export interface NetworkContext {
  virtualNetworks: VirtualNetwork[];
  /** Subnets given on their own (subnets inside a VNet stay in `VirtualNetwork.subnets`). */
  subnets: Subnet[];
  networkSecurityGroups: NetworkSecurityGroup[];
  routeTables: RouteTable[];
  publicIpAddresses: PublicIpAddress[];
  networkInterfaces: NetworkInterface[];
}

export interface DocumentModel extends NetworkContext {
  name: string;
  kind: DocumentKind;
  shape: Shape;
  /** 0..1: how sure detection is. */
  confidence: number;
  problems: Problem[];
  gateways: Gateway[];
  backendHealth: BackendHealth[];
  effectiveNsgs: EffectiveNsg[];
  effectiveRoutes: EffectiveRoutes[];
  /** Template expressions that could not be evaluated (named unknowns), with where they are. Not problems: the values are simply not in the input. */
  unknowns: { expression: string; reason: string; line: number; column: number }[];
  /** For fragments: what the fragment looked like (e.g. 'backendAddressPools'). */
  fragmentOf?: string;
  /** Time the document says it was taken, when it says (used to pick the newest duplicate). */
  timestamp?: string;
  /** Access/performance/firewall logs, metrics, App Service outputs, control-plane errors (traffic/, aggregated). */
  traffic?: TrafficDocument;
}

export interface Workspace extends NetworkContext {
  documents: DocumentModel[];
  gateways: Gateway[];
  backendHealth: BackendHealth[];
  effectiveNsgs: EffectiveNsg[];
  effectiveRoutes: EffectiveRoutes[];
  /** Things said about the workspace as a whole (merges, duplicates), attributed to a document. */
  notes: { document: string; message: string }[];
  /** All documents' traffic merged and joined with the gateways (traffic/merge.ts); absent without traffic inputs. */
  traffic?: TrafficWorkspace;
}

export function emptyNetworkContext(): NetworkContext {
  return {
    virtualNetworks: [],
    subnets: [],
    networkSecurityGroups: [],
    routeTables: [],
    publicIpAddresses: [],
    networkInterfaces: [],
  };
}
