/**
 * The fake tenant the fake ARM server serves: REST bodies in the shapes of the azure-rest-api-specs examples
 * (/work/shared/corpus/arm-rest-spec/), built in code so each test can see why a finding fires.
 *
 *  - appgw-shop (subscription A): Standard_v2; its subnet NSG denies inbound TCP 80 from Internet (the
 *    listener's port) → a finding that needs the subnet NSG; backend health shows pool-web's only server Down
 *    with a probe log → findings that need backend health. pool-web references nic-web1; pool-web2 is given by
 *    address 10.1.2.5, which nic-web2 holds (found through Resource Graph) — and so does nic-decoy in an
 *    unpeered VNet, which must not be taken.
 *  - appgw-api (subscription B): Standard_v2, a routed pool with no servers.
 *  - appgw-legacy (subscription B): v1 Standard_Medium.
 */
export const TENANT_ID = '99999999-0000-4000-8000-000000000001';
export const SUB_A = '11111111-1111-4111-8111-111111111111';
export const SUB_B = '22222222-2222-4222-8222-222222222222';

type Obj = Record<string, unknown>;

const rg = (sub: string, group: string) => `/subscriptions/${sub}/resourceGroups/${group}`;
const net = (sub: string, group: string, type: string, name: string) => `${rg(sub, group)}/providers/Microsoft.Network/${type}/${name}`;

export const IDS = {
  shop: net(SUB_A, 'rg-shop', 'applicationGateways', 'appgw-shop'),
  api: net(SUB_B, 'rg-api', 'applicationGateways', 'appgw-api'),
  legacy: net(SUB_B, 'rg-legacy', 'applicationGateways', 'appgw-legacy'),
  vnetShop: net(SUB_A, 'rg-shop', 'virtualNetworks', 'vnet-shop'),
  vnetOther: net(SUB_A, 'rg-other', 'virtualNetworks', 'vnet-other'),
  vnetApi: net(SUB_B, 'rg-api', 'virtualNetworks', 'vnet-api'),
  vnetLegacy: net(SUB_B, 'rg-legacy', 'virtualNetworks', 'vnet-legacy'),
  nsgAppgw: net(SUB_A, 'rg-shop', 'networkSecurityGroups', 'nsg-appgw'),
  nsgWeb: net(SUB_A, 'rg-shop', 'networkSecurityGroups', 'nsg-web'),
  rtAppgw: net(SUB_A, 'rg-shop', 'routeTables', 'rt-appgw'),
  pipShop: net(SUB_A, 'rg-shop', 'publicIPAddresses', 'pip-shop'),
  pipApi: net(SUB_B, 'rg-api', 'publicIPAddresses', 'pip-api'),
  pipLegacy: net(SUB_B, 'rg-legacy', 'publicIPAddresses', 'pip-legacy'),
  nicWeb1: net(SUB_A, 'rg-shop', 'networkInterfaces', 'nic-web1'),
  nicWeb2: net(SUB_A, 'rg-shop', 'networkInterfaces', 'nic-web2'),
  nicDecoy: net(SUB_A, 'rg-other', 'networkInterfaces', 'nic-decoy'),
};

const sub = (parent: string, type: string, name: string) => `${parent}/${type}/${name}`;

function rule(parent: string, name: string, p: Obj, kind = 'securityRules'): Obj {
  return { name, id: sub(parent, kind, name), type: `Microsoft.Network/networkSecurityGroups/${kind}`, properties: { provisioningState: 'Succeeded', sourcePortRange: '*', destinationAddressPrefix: '*', ...p } };
}

function defaultRules(nsg: string): Obj[] {
  const d = (name: string, direction: string, priority: number, access: string, source: string, dest: string) =>
    rule(nsg, name, { direction, priority, access, protocol: '*', sourceAddressPrefix: source, destinationAddressPrefix: dest, destinationPortRange: '*' }, 'defaultSecurityRules');
  return [
    d('AllowVnetInBound', 'Inbound', 65000, 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
    d('AllowAzureLoadBalancerInBound', 'Inbound', 65001, 'Allow', 'AzureLoadBalancer', '*'),
    d('DenyAllInBound', 'Inbound', 65500, 'Deny', '*', '*'),
    d('AllowVnetOutBound', 'Outbound', 65000, 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
    d('AllowInternetOutBound', 'Outbound', 65001, 'Allow', '*', 'Internet'),
    d('DenyAllOutBound', 'Outbound', 65500, 'Deny', '*', '*'),
  ];
}

function nsg(id: string, location: string, rules: Obj[], subnets: string[]): Obj {
  return {
    name: id.split('/').pop(), id, type: 'Microsoft.Network/networkSecurityGroups', location,
    properties: { provisioningState: 'Succeeded', securityRules: rules, defaultSecurityRules: defaultRules(id), subnets: subnets.map((s) => ({ id: s })) },
  };
}

interface GatewaySpec {
  id: string;
  location: string;
  sku: { name: string; tier: string; capacity?: number };
  subnet: string;
  publicIp: string;
  listeners: { name: string; port: number }[];
  pools: { name: string; nicIpConfigs?: string[]; addresses?: string[] }[];
  /** listener name → pool name */
  rules: [string, string][];
}

function gateway(g: GatewaySpec): Obj {
  const s = (type: string, name: string) => ({ id: sub(g.id, type, name) });
  const v2 = /_v2$/i.test(g.sku.name);
  return {
    name: g.id.split('/').pop(),
    id: g.id,
    type: 'Microsoft.Network/applicationGateways',
    location: g.location,
    etag: 'W/"00000000-0000-0000-0000-000000000001"',
    properties: {
      provisioningState: 'Succeeded',
      operationalState: 'Running',
      sku: g.sku,
      gatewayIPConfigurations: [{ name: 'appGatewayIpConfig', id: sub(g.id, 'gatewayIPConfigurations', 'appGatewayIpConfig'), properties: { subnet: { id: g.subnet }, provisioningState: 'Succeeded' } }],
      authenticationCertificates: [],
      sslCertificates: [],
      frontendIPConfigurations: [{ name: 'fip-public', id: sub(g.id, 'frontendIPConfigurations', 'fip-public'), properties: { privateIPAllocationMethod: 'Dynamic', publicIPAddress: { id: g.publicIp }, provisioningState: 'Succeeded' } }],
      frontendPorts: g.listeners.map((l) => ({ name: `port_${l.port}`, id: sub(g.id, 'frontendPorts', `port_${l.port}`), properties: { port: l.port, provisioningState: 'Succeeded' } })),
      backendAddressPools: g.pools.map((p) => ({
        name: p.name,
        id: sub(g.id, 'backendAddressPools', p.name),
        properties: {
          provisioningState: 'Succeeded',
          backendAddresses: (p.addresses ?? []).map((ipAddress) => ({ ipAddress })),
          ...(p.nicIpConfigs ? { backendIPConfigurations: p.nicIpConfigs.map((id) => ({ id })) } : {}),
        },
      })),
      backendHttpSettingsCollection: [{ name: 'settings-http', id: sub(g.id, 'backendHttpSettingsCollection', 'settings-http'), properties: { port: 80, protocol: 'Http', cookieBasedAffinity: 'Disabled', requestTimeout: 30, pickHostNameFromBackendAddress: false, provisioningState: 'Succeeded' } }],
      httpListeners: g.listeners.map((l) => ({
        name: l.name,
        id: sub(g.id, 'httpListeners', l.name),
        properties: { frontendIPConfiguration: s('frontendIPConfigurations', 'fip-public'), frontendPort: s('frontendPorts', `port_${l.port}`), protocol: 'Http', requireServerNameIndication: false, provisioningState: 'Succeeded' },
      })),
      requestRoutingRules: g.rules.map(([listener, pool], i) => ({
        name: `rule-${i + 1}`,
        id: sub(g.id, 'requestRoutingRules', `rule-${i + 1}`),
        properties: {
          ruleType: 'Basic',
          ...(v2 ? { priority: 100 + i * 10 } : {}),
          httpListener: s('httpListeners', listener),
          backendAddressPool: s('backendAddressPools', pool),
          backendHttpSettings: s('backendHttpSettingsCollection', 'settings-http'),
          provisioningState: 'Succeeded',
        },
      })),
      probes: [],
      urlPathMaps: [],
      redirectConfigurations: [],
      rewriteRuleSets: [],
    },
  };
}

function vnet(id: string, location: string, prefixes: string[], subnets: { name: string; prefix: string; nsg?: string; rt?: string; appgw?: string }[], peers: string[] = [], dns: string[] = []): Obj {
  return {
    name: id.split('/').pop(), id, type: 'Microsoft.Network/virtualNetworks', location,
    properties: {
      provisioningState: 'Succeeded',
      addressSpace: { addressPrefixes: prefixes },
      dhcpOptions: { dnsServers: dns },
      subnets: subnets.map((s) => ({
        name: s.name,
        id: sub(id, 'subnets', s.name),
        type: 'Microsoft.Network/virtualNetworks/subnets',
        properties: {
          addressPrefix: s.prefix,
          provisioningState: 'Succeeded',
          ...(s.nsg ? { networkSecurityGroup: { id: s.nsg } } : {}),
          ...(s.rt ? { routeTable: { id: s.rt } } : {}),
          ...(s.appgw ? { applicationGatewayIPConfigurations: [{ id: sub(s.appgw, 'gatewayIPConfigurations', 'appGatewayIpConfig') }] } : {}),
        },
      })),
      virtualNetworkPeerings: peers.map((p, i) => ({ name: `peer-${i + 1}`, id: sub(id, 'virtualNetworkPeerings', `peer-${i + 1}`), properties: { remoteVirtualNetwork: { id: p }, peeringState: 'Connected' } })),
    },
  };
}

function nic(id: string, location: string, ip: string, subnet: string, vm?: string): Obj {
  return {
    name: id.split('/').pop(), id, type: 'Microsoft.Network/networkInterfaces', location,
    properties: {
      provisioningState: 'Succeeded',
      macAddress: '00-0D-3A-00-00-01',
      enableIPForwarding: false,
      ipConfigurations: [{ name: 'ipconfig1', id: sub(id, 'ipConfigurations', 'ipconfig1'), properties: { privateIPAddress: ip, privateIPAllocationMethod: 'Dynamic', subnet: { id: subnet }, primary: true, provisioningState: 'Succeeded' } }],
      ...(vm ? { virtualMachine: { id: vm } } : {}),
    },
  };
}

function publicIp(id: string, location: string, address: string): Obj {
  return { name: id.split('/').pop(), id, type: 'Microsoft.Network/publicIPAddresses', location, sku: { name: 'Standard' }, properties: { publicIPAllocationMethod: 'Static', ipAddress: address, provisioningState: 'Succeeded' } };
}

const shopSubnet = sub(IDS.vnetShop, 'subnets', 'appgw-subnet');
const webSubnet = sub(IDS.vnetShop, 'subnets', 'web-subnet');
const otherSubnet = sub(IDS.vnetOther, 'subnets', 'default');
const apiSubnet = sub(IDS.vnetApi, 'subnets', 'appgw-subnet');
const legacySubnet = sub(IDS.vnetLegacy, 'subnets', 'appgw-subnet');

/** Every resource by id (GET). */
export function resources(): Map<string, Obj> {
  const all: Obj[] = [
    gateway({
      id: IDS.shop, location: 'westeurope', sku: { name: 'Standard_v2', tier: 'Standard_v2', capacity: 2 }, subnet: shopSubnet, publicIp: IDS.pipShop,
      listeners: [{ name: 'listener-http', port: 80 }, { name: 'listener-8080', port: 8080 }],
      pools: [{ name: 'pool-web', nicIpConfigs: [sub(IDS.nicWeb1, 'ipConfigurations', 'ipconfig1')] }, { name: 'pool-web2', addresses: ['10.1.2.5'] }],
      rules: [['listener-http', 'pool-web'], ['listener-8080', 'pool-web2']],
    }),
    gateway({
      id: IDS.api, location: 'eastus', sku: { name: 'Standard_v2', tier: 'Standard_v2', capacity: 2 }, subnet: apiSubnet, publicIp: IDS.pipApi,
      listeners: [{ name: 'listener-http', port: 80 }], pools: [{ name: 'pool-empty' }], rules: [['listener-http', 'pool-empty']],
    }),
    gateway({
      id: IDS.legacy, location: 'eastus', sku: { name: 'Standard_Medium', tier: 'Standard', capacity: 2 }, subnet: legacySubnet, publicIp: IDS.pipLegacy,
      listeners: [{ name: 'listener-http', port: 80 }], pools: [{ name: 'pool-1', addresses: ['10.3.1.4'] }], rules: [['listener-http', 'pool-1']],
    }),
    vnet(IDS.vnetShop, 'westeurope', ['10.1.0.0/16'], [
      { name: 'appgw-subnet', prefix: '10.1.0.0/24', nsg: IDS.nsgAppgw, rt: IDS.rtAppgw, appgw: IDS.shop },
      { name: 'web-subnet', prefix: '10.1.2.0/24', nsg: IDS.nsgWeb },
    ]),
    vnet(IDS.vnetOther, 'westeurope', ['10.1.0.0/16'], [{ name: 'default', prefix: '10.1.2.0/24' }]),
    vnet(IDS.vnetApi, 'eastus', ['10.2.0.0/16'], [{ name: 'appgw-subnet', prefix: '10.2.0.0/24', appgw: IDS.api }]),
    vnet(IDS.vnetLegacy, 'eastus', ['10.3.0.0/16'], [{ name: 'appgw-subnet', prefix: '10.3.0.0/24', appgw: IDS.legacy }, { name: 'backend', prefix: '10.3.1.0/24' }]),
    nsg(IDS.nsgAppgw, 'westeurope', [
      rule(IDS.nsgAppgw, 'AllowGatewayManager', { direction: 'Inbound', priority: 100, access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'GatewayManager', destinationPortRange: '65200-65535' }),
      rule(IDS.nsgAppgw, 'DenyHttpFromInternet', { direction: 'Inbound', priority: 200, access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: 'Internet', destinationPortRange: '80' }),
      rule(IDS.nsgAppgw, 'AllowHttp8080', { direction: 'Inbound', priority: 300, access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: 'Internet', destinationPortRange: '8080' }),
    ], [shopSubnet]),
    nsg(IDS.nsgWeb, 'westeurope', [
      rule(IDS.nsgWeb, 'AllowFromGateway', { direction: 'Inbound', priority: 100, access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '10.1.0.0/24', destinationPortRange: '80' }),
    ], [webSubnet]),
    {
      name: 'rt-appgw', id: IDS.rtAppgw, type: 'Microsoft.Network/routeTables', location: 'westeurope',
      properties: {
        provisioningState: 'Succeeded', disableBgpRoutePropagation: false, subnets: [{ id: shopSubnet }],
        routes: [{ name: 'to-internet', id: sub(IDS.rtAppgw, 'routes', 'to-internet'), properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet', provisioningState: 'Succeeded' } }],
      },
    },
    publicIp(IDS.pipShop, 'westeurope', '20.1.2.3'),
    publicIp(IDS.pipApi, 'eastus', '20.2.2.3'),
    publicIp(IDS.pipLegacy, 'eastus', '20.3.2.3'),
    nic(IDS.nicWeb1, 'westeurope', '10.1.2.4', webSubnet, `${rg(SUB_A, 'rg-shop')}/providers/Microsoft.Compute/virtualMachines/vm-web1`),
    nic(IDS.nicWeb2, 'westeurope', '10.1.2.5', webSubnet, `${rg(SUB_A, 'rg-shop')}/providers/Microsoft.Compute/virtualMachines/vm-web2`),
    nic(IDS.nicDecoy, 'westeurope', '10.1.2.5', otherSubnet),
  ];
  return new Map(all.map((r) => [String(r.id).toLowerCase(), r]));
}

export const SUBSCRIPTIONS = [
  { id: `/subscriptions/${SUB_A}`, subscriptionId: SUB_A, tenantId: TENANT_ID, displayName: 'Shop (fake)', state: 'Enabled' },
  { id: `/subscriptions/${SUB_B}`, subscriptionId: SUB_B, tenantId: TENANT_ID, displayName: 'API (fake)', state: 'Enabled' },
];

/** Backend health (POST …/backendhealth, final result), by gateway id. */
export function backendHealth(gatewayId: string): Obj {
  const pool = (g: string, name: string, servers: Obj[]) => ({
    backendAddressPool: { id: sub(g, 'backendAddressPools', name) },
    backendHttpSettingsCollection: [{ backendHttpSettings: { id: sub(g, 'backendHttpSettingsCollection', 'settings-http') }, servers }],
  });
  if (gatewayId.toLowerCase() === IDS.shop.toLowerCase()) {
    return {
      backendAddressPools: [
        pool(IDS.shop, 'pool-web', [{
          address: '10.1.2.4',
          ipConfiguration: { id: sub(IDS.nicWeb1, 'ipConfigurations', 'ipconfig1') },
          health: 'Down',
          healthProbeLog: 'Cannot connect to backend server. Check whether any NSG/UDR/Firewall is blocking access to the server. Check if application is running on correct port.',
        }]),
        pool(IDS.shop, 'pool-web2', [{ address: '10.1.2.5', health: 'Up', healthProbeLog: 'Success. Received 200 status code' }]),
      ],
    };
  }
  if (gatewayId.toLowerCase() === IDS.api.toLowerCase()) return { backendAddressPools: [pool(IDS.api, 'pool-empty', [])] };
  return { backendAddressPools: [pool(gatewayId, 'pool-1', [{ address: '10.3.1.4', health: 'Up' }])] };
}

/** Effective NSG of a NIC (value list, as NetworkInterfaceEffectiveNSGList.json). */
export function effectiveNsg(nicId: string): Obj {
  return {
    value: [{
      association: { networkInterface: { id: nicId }, subnet: { id: webSubnet } },
      networkSecurityGroup: { id: IDS.nsgWeb },
      effectiveSecurityRules: [
        { name: 'securityRules/AllowFromGateway', protocol: 'Tcp', sourcePortRange: '0-65535', destinationPortRange: '80-80', sourceAddressPrefix: '10.1.0.0/24', destinationAddressPrefix: '0.0.0.0/0', access: 'Allow', priority: 100, direction: 'Inbound' },
        { name: 'defaultSecurityRules/AllowVnetInBound', protocol: 'All', sourcePortRange: '0-65535', destinationPortRange: '0-65535', sourceAddressPrefix: 'VirtualNetwork', expandedSourceAddressPrefix: ['10.1.0.0/16'], destinationAddressPrefix: 'VirtualNetwork', expandedDestinationAddressPrefix: ['10.1.0.0/16'], access: 'Allow', priority: 65000, direction: 'Inbound' },
        { name: 'defaultSecurityRules/DenyAllInBound', protocol: 'All', sourcePortRange: '0-65535', destinationPortRange: '0-65535', sourceAddressPrefix: '0.0.0.0/0', destinationAddressPrefix: '0.0.0.0/0', access: 'Deny', priority: 65500, direction: 'Inbound' },
        { name: 'defaultSecurityRules/AllowInternetOutBound', protocol: 'All', sourcePortRange: '0-65535', destinationPortRange: '0-65535', sourceAddressPrefix: '0.0.0.0/0', destinationAddressPrefix: 'Internet', access: 'Allow', priority: 65001, direction: 'Outbound' },
      ],
    }],
  };
}

/** Effective routes of a NIC (value list, as NetworkInterfaceEffectiveRouteTableList.json). */
export function effectiveRoutes(): Obj {
  const r = (prefix: string, hop: string) => ({ source: 'Default', state: 'Active', addressPrefix: [prefix], nextHopIpAddress: [], nextHopType: hop });
  return { value: [r('10.1.0.0/16', 'VnetLocal'), r('0.0.0.0/0', 'Internet'), r('10.0.0.0/8', 'None'), r('172.16.0.0/12', 'None'), r('192.168.0.0/16', 'None')] };
}
