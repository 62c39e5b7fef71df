/**
 * HTTPS default probe to IP members (azure-facts.md §5): v2 probes send SNI from the custom probe host, else
 * the settings' host name, else the pool member's FQDN — never an IP, never 127.0.0.1 — so an IP member
 * gets no SNI and answers with its default certificate. v1 with an IP member also sends no SNI: the
 * server must return a default certificate that is allow-listed. With pickHostNameFromBackendAddress,
 * IP members are not supported over HTTPS.
 */
import { memberSource } from '../model/members';
import { defineRule } from './types';
import { affectedBy, healthView, listText, listenersText, newProbeCommands, provenHealthy, usageOf } from './backend-support';

export default defineRule({
  id: 'default-probe-https-ip',
  category: 'default-probe',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/ssl-overview',
  text: {
    en: {
      title: 'HTTPS default probe to IP addresses sends no SNI',
      message: 'Backend settings {settings} use HTTPS with the default probe and no host name, and pool {pools} has IP members ({ips}).',
      effect: '{detailEn} If the certificate a server returns without SNI does not pass the check — or the server refuses a handshake without SNI — the probe fails, the servers go Unhealthy and {listenersEn} get 502 Bad Gateway.',
      fix: 'Give the gateway a name to send: use the servers\' FQDNs in the pool (names their certificates carry), or set a host name on the settings, or add a custom HTTPS probe whose host is a name in the certificate. Then check backend health for certificate messages on these servers.',
    },
    ko: {
      title: 'IP 주소로 보내는 HTTPS 기본 프로브에는 SNI가 없음',
      message: '백엔드 HTTP 설정 {settings}은(는) 호스트 이름 없이 HTTPS 기본 프로브를 사용하며, 풀 {pools}에 IP 멤버({ips})가 있습니다.',
      effect: '{detailKo} SNI 없이 서버가 반환하는 인증서가 검사를 통과하지 못하거나 서버가 SNI 없는 핸드셰이크를 거부하면 프로브가 실패해 서버가 Unhealthy가 되고 {listenersKo}이(가) 502 Bad Gateway를 받습니다.',
      fix: '게이트웨이가 보낼 이름을 지정하세요. 풀에 서버의 FQDN(인증서에 있는 이름)을 사용하거나, 설정에 호스트 이름을 지정하거나, 인증서에 있는 이름을 host로 하는 사용자 지정 HTTPS 프로브를 추가하세요. 그다음 백엔드 상태에서 이 서버들의 인증서 관련 메시지를 확인하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    const view = healthView(ctx);
    for (const [settings] of usage.pathsBySettings) {
      if (settings.probe || settings.hostName) continue;
      if ((settings.protocol ?? '').toLowerCase() !== 'https') continue;
      if (provenHealthy(view, [settings])) continue;
      const pools = (usage.poolsBySettings.get(settings) ?? []).filter((p) => p.backendAddresses.some((a) => a.ipAddress) || p.backendIpConfigurations.length > 0);
      if (!pools.length) continue;
      const ips: string[] = [];
      const evidence = [{ path: `backendHttpSettingsCollection[${settings.name}].protocol`, value: settings.protocol ?? 'Https', source: settings.source }];
      for (const pool of pools) {
        for (const a of pool.backendAddresses) {
          if (!a.ipAddress) continue;
          ips.push(a.ipAddress);
          if (evidence.length < 8) evidence.push({ path: `backendAddressPools[${pool.name}].backendAddresses.ipAddress`, value: a.ipAddress, source: memberSource(pool, a) });
        }
        for (const ic of pool.backendIpConfigurations) {
          ips.push(`NIC ${ic.id.split('/networkInterfaces/')[1]?.split('/')[0] ?? ic.name}`);
          if (evidence.length < 8) evidence.push({ path: `backendAddressPools[${pool.name}].backendIPConfigurations`, value: ic.id, source: pool.source });
        }
      }
      const pick = !!settings.pickHostNameFromBackendAddress;
      const gen = gateway.generation;
      const v2En = 'On v2 the probe\'s SNI comes from the probe host, else the settings\' host name, else the member\'s FQDN — never an IP — so these servers get no SNI and return their default certificate, whose name must pass the gateway\'s check.';
      const v2Ko = 'v2에서 프로브의 SNI는 프로브 host, 없으면 설정의 호스트 이름, 없으면 멤버의 FQDN에서 오며 IP는 쓰지 않습니다. 따라서 이 서버들은 SNI를 받지 못해 기본 인증서를 반환하고, 그 인증서의 이름이 게이트웨이의 검사를 통과해야 합니다.';
      const v1En = 'On v1 an IP member gets no SNI either: the server must return a default certificate that matches the authentication certificate uploaded to the settings.';
      const v1Ko = 'v1에서도 IP 멤버에는 SNI가 가지 않으므로 서버는 설정에 업로드된 인증 인증서와 일치하는 기본 인증서를 반환해야 합니다.';
      const pickEn = pick ? ' The settings also pick the host name from the backend address, which is not supported for IP members over HTTPS.' : '';
      const pickKo = pick ? ' 또한 설정이 백엔드 주소에서 호스트 이름을 가져오는데, HTTPS에서는 IP 멤버에 이 방식이 지원되지 않습니다.' : '';
      const detailEn = (gen === 'v1' ? v1En : gen === 'v2' ? v2En : `${v2En} ${v1En}`) + pickEn;
      const detailKo = (gen === 'v1' ? v1Ko : gen === 'v2' ? v2Ko : `${v2Ko} ${v1Ko}`) + pickKo;
      if (pick) evidence.push({ path: `backendHttpSettingsCollection[${settings.name}].pickHostNameFromBackendAddress`, value: 'true', source: settings.source });
      const affected = affectedBy(gateway, (p) => p.settings === settings && pools.includes(p.pool!));
      const lt = listenersText(affected);
      report({
        resource: { type: 'backendHttpSettingsCollection', name: settings.name, id: settings.id },
        source: settings.source,
        params: {
          settings: settings.name,
          pools: listText(pools.map((p) => p.name), 5).en,
          ips: listText(ips, 5).en,
          detailEn,
          detailKo,
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence,
        affected,
        commands: newProbeCommands(gateway, settings, { protocol: 'Https', path: '/', host: '<name-in-the-backend-certificate>' }),
      });
    }
  },
});
