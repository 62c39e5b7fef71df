/**
 * One end-to-end test per seed cause of the 502 guide: a realistic gateway in each of the ps-json,
 * arm-rest and arm-template forms (plus its VNet, NSGs and backend health), with that one fault injected,
 * gives a finding of that category on the right resource; the same input without the fault gives no error.
 */
import { describe, it, expect } from 'vitest';
import { analyze, type InputDocument } from '../../src/core/analyze';
import { restGateway, restVnet, restGatewayNsg, restBackendNsg, toPsJson, toTemplate, GW_ID, GW_SUBNET_ID, SUB, RG } from '../fixtures/forms';

type J = any;
const NOW = new Date('2026-11-25T00:00:00Z');
const RT_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/routeTables/rt-appgw`;

interface Scenario {
  gateway: J;
  vnet: J;
  nsgs: J[];
  routeTables: J[];
  health: J;
}

function healthOf(gw: J, state = 'Up', pools?: string[]): J {
  return {
    backendAddressPools: gw.properties.backendAddressPools
      .filter((p: J) => !pools || pools.includes(p.name))
      .map((p: J) => ({
        backendAddressPool: { id: p.id },
        backendHttpSettingsCollection: [
          {
            backendHttpSettings: { id: `${GW_ID}/backendHttpSettingsCollection/${p.name === 'pool-api' ? 'settings-api' : 'settings-web'}` },
            servers: (p.properties.backendAddresses as J[]).map((a) => ({ address: a.ipAddress ?? a.fqdn, health: state, healthProbeLog: state === 'Up' ? 'Success. Received 200 status code' : 'Application Gateway could not connect to the backend. Check that the backend responds on the port used for the probe. Also check whether any NSG/UDR/Firewall is blocking access to the Ip and port of this backend.' })),
          },
        ],
      })),
  };
}

function clean(): Scenario {
  const gateway = restGateway();
  return { gateway, vnet: restVnet(), nsgs: [restGatewayNsg(), restBackendNsg()], routeTables: [], health: healthOf(gateway) };
}

type Form = 'ps-json' | 'arm-rest' | 'arm-template';

function inputs(s: Scenario, form: Form): InputDocument[] {
  const health = { name: 'health.json', text: JSON.stringify(s.health) };
  if (form === 'arm-template') {
    return [{ name: 'template.json', text: toTemplate(s.gateway, [s.vnet, ...s.nsgs, ...s.routeTables]) }, health];
  }
  const gw = form === 'ps-json' ? toPsJson(s.gateway, 100) : JSON.stringify(s.gateway);
  return [
    { name: `gateway.${form}.json`, text: gw },
    { name: 'vnet.json', text: JSON.stringify(s.vnet) },
    ...s.nsgs.map((n, i) => ({ name: `nsg${i}.json`, text: JSON.stringify(n) })),
    ...s.routeTables.map((r, i) => ({ name: `rt${i}.json`, text: JSON.stringify(r) })),
    health,
  ];
}

const pool = (s: Scenario, name: string) => s.gateway.properties.backendAddressPools.find((p: J) => p.name === name);
const settingsOf = (s: Scenario, name: string) => s.gateway.properties.backendHttpSettingsCollection.find((p: J) => p.name === name);
const probeOf = (s: Scenario, name: string) => s.gateway.properties.probes.find((p: J) => p.name === name);

/** category → [fault, resource the finding must be on] */
const FAULTS: Record<string, [(s: Scenario) => void, string]> = {
  nsg: [
    (s) => {
      s.nsgs[1].properties.securityRules.unshift({ name: 'DenyAppGw', properties: { priority: 90, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '10.10.1.0/24', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '80' } });
    },
    'nsg-backend',
  ],
  udr: [
    (s) => {
      s.routeTables.push({ name: 'rt-appgw', id: RT_ID, type: 'Microsoft.Network/routeTables', properties: { disableBgpRoutePropagation: true, routes: [{ name: 'default-to-fw', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.10.0.4' } }] } });
      s.vnet.properties.subnets[0].properties.routeTable = { id: RT_ID };
    },
    'rt-appgw',
  ],
  dns: [
    (s) => {
      s.vnet.properties.dhcpOptions.dnsServers = ['10.50.0.4'];
      pool(s, 'pool-web').properties.backendAddresses = [{ fqdn: 'web01.shop.internal' }];
      s.health = healthOf(s.gateway);
    },
    'pool-web',
  ],
  'default-probe': [
    (s) => {
      delete settingsOf(s, 'settings-api').properties.probe;
      s.gateway.properties.probes = s.gateway.properties.probes.filter((p: J) => p.name !== 'probe-api');
      // The API answers / with 404: the default probe (GET / on 8080) marks it Unhealthy.
      const api = healthOf(s.gateway, 'Down', ['pool-api']).backendAddressPools;
      api[0].backendHttpSettingsCollection[0].servers[0].healthProbeLog = 'Status code of the backend\'s HTTP response did not match the probe setting. Expected:200-399 Received:404.';
      s.health = { backendAddressPools: [...healthOf(s.gateway, 'Up', ['pool-web']).backendAddressPools, ...api] };
    },
    'settings-api',
  ],
  'custom-probe': [(s) => void (probeOf(s, 'probe-web').properties.path = 'health'), 'probe-web'],
  'request-timeout': [(s) => void (settingsOf(s, 'settings-api').properties.requestTimeout = 1), 'settings-api'],
  'empty-pool': [
    (s) => {
      pool(s, 'pool-api').properties.backendAddresses = [];
      s.health = healthOf(s.gateway);
    },
    'pool-api',
  ],
  'unhealthy-backend': [(s) => void (s.health = { backendAddressPools: [...healthOf(s.gateway, 'Down', ['pool-web']).backendAddressPools, ...healthOf(s.gateway, 'Up', ['pool-api']).backendAddressPools] }), 'pool-web'],
  'backend-tls': [
    (s) => {
      Object.assign(settingsOf(s, 'settings-web').properties, { protocol: 'Https', port: 443, pickHostNameFromBackendAddress: true });
      probeOf(s, 'probe-web').properties.protocol = 'Https';
      s.nsgs[1].properties.securityRules[0].properties.destinationPortRanges = ['443', '8080'];
    },
    'settings-web',
  ],
  gateway: [
    (s) => {
      s.gateway.properties.frontendPorts[0].properties.port = 443;
    },
    'listener-www',
  ],
};

const FORMS: Form[] = ['ps-json', 'arm-rest', 'arm-template'];

describe('the clean gateway', () => {
  for (const form of FORMS) {
    it(`${form}: no error-severity finding`, async () => {
      const { report } = await analyze(inputs(clean(), form), { now: NOW });
      expect(report.documents.every((d) => d.problems.length === 0)).toBe(true);
      expect(report.gateways).toHaveLength(1);
      expect(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.resource.name}: ${f.message}`)).toEqual([]);
    });
  }
});

describe('each seed cause, in each form', () => {
  for (const [category, [inject, resource]] of Object.entries(FAULTS)) {
    for (const form of FORMS) {
      it(`${category} (${form}) → a ${category} finding on ${resource}`, async () => {
        const s = clean();
        inject(s);
        const { report } = await analyze(inputs(s, form), { now: NOW });
        const hits = report.findings.filter((f) => f.category === category && f.resource.name === resource);
        expect(hits.length, report.findings.map((f) => `${f.severity} ${f.category} ${f.ruleId} ${f.resource.name}`).join('\n')).toBeGreaterThan(0);
        expect(hits[0].fix.length).toBeGreaterThan(0);
      });
    }
  }
});
