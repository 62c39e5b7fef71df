import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fqdnBackends, fqdnIssues, invalidFqdnMembers, ipInFqdnMembers, multiTenantMembersOf } from '../../../src/core/rules/network-context';
import { isMultiTenantFqdn } from '../../../src/core/rules/fqdn-suffixes';
import { isIp } from '../../../src/core/net/cidr';
import type { BackendAddress, BackendAddressPool, Gateway } from '../../../src/core/model/types';

// Names that look alike but differ in case, white space, form or validity.
const NAMES = [
  'app.contoso.com', 'App.Contoso.com', ' app.contoso.com', 'app.contoso.com ', 'APP.CONTOSO.COM', 'db.internal', 'Db.Internal',
  'bad_name.contoso.com', 'https://app.contoso.com/x', 'app.contoso.com:443', '10.0.0.4', ' 10.0.0.5 ', '   ', '', 'a..b', '-x.com',
  'single', '10.0.0.7/24', ' fd00::2 ', 'app.azurewebsites.net', 'App.AzureWebsites.NET.', ' api.azure-api.net', 'azurewebsites.net', 'x.blob.core.windows.net', 'notazurewebsites.net',
  'privatelink.blob.core.windows.net', 'x.privatelink.blob.core.windows.net', 'münchen.de', '*.contoso.com', 'fd00::1',
];

const gatewayOf = (pools: { fqdn?: string; ipAddress?: string }[][]): Gateway =>
  ({
    backendAddressPools: pools.map((members, p) => ({
      id: `/x/backendAddressPools/p${p}`, name: `p${p}`, source: { document: 'd', pointer: '' },
      addressesSource: { document: 'd', pointer: `/p/${p}` }, backendAddresses: members.map((m, index) => ({ ...m, index })), backendIpConfigurations: [], blankAddresses: 0,
    })) as BackendAddressPool[],
  }) as Gateway;

const member = fc.oneof(fc.constantFrom(...NAMES).map((fqdn) => ({ fqdn })), fc.constant({ ipAddress: '10.1.1.1' }));

describe('FQDN members, one pass', () => {
  it('the invalid list is every member (in order) whose FQDN has problems of form, IPs excepted', () => {
    fc.assert(fc.property(fc.array(fc.array(member, { maxLength: 12 }), { maxLength: 4 }), (pools) => {
      const g = gatewayOf(pools);
      const naive: [string, BackendAddress, string[]][] = [];
      for (const pool of g.backendAddressPools) for (const a of pool.backendAddresses) {
        if (a.fqdn === undefined || a.fqdn === '' || isIp(a.fqdn.trim())) continue;
        const issues = fqdnIssues(a.fqdn);
        if (issues.length) naive.push([pool.name, a, issues]);
      }
      expect(invalidFqdnMembers(g).map((x) => [x.pool.name, x.address, [...x.issues]])).toEqual(naive);
    }), { seed: 20261125, numRuns: 300 });
  });
  it('the IP-in-fqdn list is every member (in order) whose fqdn field holds an IP address', () => {
    fc.assert(fc.property(fc.array(fc.array(member, { maxLength: 12 }), { maxLength: 4 }), (pools) => {
      const g = gatewayOf(pools);
      const naive = g.backendAddressPools.flatMap((pool) => pool.backendAddresses.filter((a) => !!a.fqdn && isIp(a.fqdn.trim())).map((a) => [pool.name, a]));
      expect(ipInFqdnMembers(g).map((x) => [x.pool.name, x.address])).toEqual(naive);
    }), { seed: 20261125, numRuns: 300 });
  });
  it('the multi-tenant lists are, per pool, the members with multi-tenant PaaS names', () => {
    fc.assert(fc.property(fc.array(fc.array(member, { maxLength: 12 }), { maxLength: 4 }), (pools) => {
      const g = gatewayOf(pools);
      for (const pool of g.backendAddressPools) {
        expect(multiTenantMembersOf(g, pool)).toEqual(pool.backendAddresses.filter((a) => !!a.fqdn && isMultiTenantFqdn(a.fqdn)));
      }
    }), { seed: 20261125, numRuns: 300 });
  });
  it('the distinct list has one entry per name ignoring case and white space, with every pool that holds it, in order', () => {
    fc.assert(fc.property(fc.array(fc.array(member, { maxLength: 12 }), { maxLength: 4 }), (pools) => {
      const g = gatewayOf(pools);
      const naive = new Map<string, string[]>();
      for (const pool of g.backendAddressPools) for (const a of pool.backendAddresses) {
        if (!a.fqdn || a.fqdn.trim() === '' || isIp(a.fqdn)) continue;
        const k = a.fqdn.trim().toLowerCase();
        const l = naive.get(k) ?? naive.set(k, []).get(k)!;
        if (!l.includes(pool.name)) l.push(pool.name);
      }
      expect(fqdnBackends(g).map((f) => [f.fqdn.trim().toLowerCase(), f.pools.map((p) => p.name)])).toEqual([...naive]);
    }), { seed: 20261125, numRuns: 300 });
  });
});

describe('FQDN members at the member limit', () => {
  it('a name met again after 100,000 others is still one entry (the facts cache is not emptied mid-pass)', () => {
    const many = Array.from({ length: 100_001 }, (_, i) => ({ fqdn: `vm${i}.limit-test.contoso.com` }));
    const g = gatewayOf([many, [{ fqdn: 'vm0.limit-test.contoso.com' }, { fqdn: 'VM1.limit-test.contoso.com ' }]]);
    const all = fqdnBackends(g);
    expect(all.length).toBe(100_001);
    expect(all[0]!.pools.map((p) => p.name)).toEqual(['p0', 'p1']);
    expect(all[1]!.pools.map((p) => p.name)).toEqual(['p0', 'p1']);
  });
});
