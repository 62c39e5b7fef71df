/**
 * Backend health that does not fit the configuration — pools, settings or servers the configuration does not
 * have, or routed pools the health does not mention — was probably taken at another time or from another
 * gateway (a stale paste). Health-based findings are then unreliable; say so.
 */
import { idKey } from '../model/ids';
import { defineRule } from './types';
import { ps, az, q, rgOf } from './commands';
import { gatewayResource, healthView, listText, poolMembersUnknown, usageOf } from './backend-support';
import type { BackendAddressPool } from '../model/types';

export default defineRule({
  id: 'backend-health-pool-mismatch',
  category: 'unhealthy-backend',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting',
  text: {
    en: {
      title: 'Backend health does not match the configuration',
      message: 'The backend health given for gateway {gateway} does not fit its configuration. Pools it lists that the configuration lacks: {unknownPools}. Settings it lists that the configuration lacks: {unknownSettings}. Servers that are not members of their pool: {strangers}. Routed pools it does not mention: {missing}.',
      effect: 'The health output was probably taken at another time than the configuration (or from another gateway), so findings built on it may be wrong or missing.',
      fix: 'Export the configuration and the backend health again, one right after the other, and analyse them together.',
    },
    ko: {
      title: '백엔드 상태가 구성과 일치하지 않음',
      message: '게이트웨이 {gateway}에 대해 입력한 백엔드 상태가 구성과 맞지 않습니다. 구성에 없는 풀: {unknownPools}. 구성에 없는 설정: {unknownSettings}. 풀의 멤버가 아닌 서버: {strangers}. 상태에 나오지 않는 라우팅된 풀: {missing}.',
      effect: '상태 출력을 구성과 다른 시점에(또는 다른 게이트웨이에서) 가져온 것으로 보이므로, 이를 바탕으로 한 결과가 틀리거나 누락될 수 있습니다.',
      fix: '구성과 백엔드 상태를 연달아 다시 내보내 함께 분석하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const view = healthView(ctx);
    if (!view) return;
    const usage = usageOf(ctx);
    const unknownPools: string[] = [];
    const unknownSettings = new Set<string>();
    const strangers: string[] = [];
    const evidence: { path: string; value: string; source?: (typeof view.documents)[number]['source'] }[] = [];
    const membersUnknown = poolMembersUnknown(gateway);
    for (const g of view.pools) {
      if (!g.pool) {
        unknownPools.push(g.name);
        evidence.push({ path: `backendHealth.backendAddressPools[${g.name}]`, value: g.poolRef?.id ?? g.name, source: g.settings[0]?.servers[0]?.source ?? view.documents[0].source });
      }
      for (const s of g.settings) {
        if (!s.settings && s.settingsRef) unknownSettings.add(s.settingsRef.name);
        if (!g.pool || membersUnknown) continue;
        for (const server of s.servers) {
          if (!isMember(g.pool, server.address, server.ipConfiguration?.id)) {
            strangers.push(`${server.address} (${g.pool.name})`);
            if (evidence.length < 15) evidence.push({ path: `backendHealth.backendAddressPools[${g.pool.name}].servers[${server.address}]`, value: server.health, source: server.source });
          }
        }
      }
    }
    // Routed pools with members that a full health output does not mention.
    const missing: string[] = [];
    if (view.documents.some((d) => !d.onDemand && d.pools.length > 0)) {
      const mentioned = new Set(view.pools.map((g) => g.pool).filter(Boolean));
      for (const pool of usage.pathsByPool.keys()) {
        if (!mentioned.has(pool) && (pool.backendAddresses.length || pool.backendIpConfigurations.length)) missing.push(pool.name);
      }
    }
    if (!unknownPools.length && !unknownSettings.size && !strangers.length && !missing.length) return;
    for (const name of missing.slice(0, 5)) evidence.push({ path: `backendAddressPools[${name}]`, value: '(not in backend health)', source: gateway.backendAddressPools.find((p) => p.name === name)?.source });
    const show = (items: string[]) => (items.length ? listText(items, 5).en : '—');
    report({
      resource: gatewayResource(gateway),
      source: view.documents[0].source,
      params: { unknownPools: show(unknownPools), unknownSettings: show([...unknownSettings]), strangers: show(strangers), missing: show(missing) },
      evidence,
      commands: {
        powershell: [`${ps.exportGateway(gateway)} | Out-File -Encoding utf8 ${q(gateway.name + '.json')}`, `${ps.backendHealth(gateway)} | Out-File -Encoding utf8 ${q(gateway.name + '-health.json')}`],
        az: [`az network application-gateway show -g ${q(rgOf(gateway))} -n ${q(gateway.name)} > ${q(gateway.name + '.json')}`, `${az.backendHealth(gateway)} > ${q(gateway.name + '-health.json')}`],
      },
    });
  },
});

const memberKeys = new WeakMap<BackendAddressPool, { addresses: Set<string>; ipConfigurations: Set<string>; hasFqdn: boolean }>();

function keysOf(pool: BackendAddressPool) {
  let k = memberKeys.get(pool);
  if (!k) {
    const addresses = new Set<string>();
    for (const m of pool.backendAddresses) {
      if (m.ipAddress) addresses.add(m.ipAddress.trim().toLowerCase());
      if (m.fqdn) addresses.add(m.fqdn.trim().toLowerCase().replace(/\.$/, ''));
    }
    k = { addresses, ipConfigurations: new Set(pool.backendIpConfigurations.map((r) => idKey(r.id))), hasFqdn: pool.backendAddresses.some((m) => !!m.fqdn) };
    memberKeys.set(pool, k);
  }
  return k;
}

/** Is the health server one of the pool's configured members? Unknown (true) when the input cannot tell. */
function isMember(pool: BackendAddressPool, address: string, ipConfigurationId: string | undefined): boolean {
  const k = keysOf(pool);
  if (ipConfigurationId && k.ipConfigurations.size) return k.ipConfigurations.has(idKey(ipConfigurationId));
  const a = address.trim().toLowerCase().replace(/\.$/, '');
  if (!a || k.addresses.has(a)) return true;
  // An FQDN member shows in health by its name or a resolved address; NIC members by their private IP.
  return k.hasFqdn || k.ipConfigurations.size > 0;
}
