/**
 * Backend settings whose protocol is the other one of the port's convention (Http to 443, Https to 80).
 * Azure accepts it, but a backend listening with TLS on 443 answers a plain HTTP request with an error or
 * drops it, and a plain-HTTP backend on 80 fails the TLS handshake: probes fail and requests get 502.
 * Not certain (a backend may use either protocol on any port), hence a warning (SETTINGS).
 */
import { affectedListeners } from '../model/topology';
import { az, ps, q } from './commands';
import { defineRule } from './types';

export default defineRule({
  id: 'gateway-backend-port-protocol-mismatch',
  category: 'gateway',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-http-settings',
  text: {
    en: {
      title: 'Backend settings protocol does not fit the port',
      message: 'Backend settings {settings} connect to the backend with {protocol} on port {port}.',
      effect:
        'Port {port} usually serves {expected}. If the backend does, every connection fails (a TLS handshake against plain HTTP, or plain HTTP against a TLS port): probes mark the members unhealthy and clients get 502. Listeners affected: {listeners}.',
      fix: 'Use the protocol the backend really serves on that port: {expected} on {port}, or keep {protocol} and change the port to the one the backend listens on. A custom probe on these settings must use the same protocol.',
    },
    ko: {
      title: '백엔드 설정의 프로토콜이 포트와 맞지 않습니다',
      message: '백엔드 설정 {settings}이(가) 포트 {port}에서 {protocol}(으)로 백엔드에 연결합니다.',
      effect:
        '포트 {port}은(는) 보통 {expected}을(를) 제공합니다. 백엔드도 그렇다면 모든 연결이 실패합니다(일반 HTTP 서버에 TLS 핸드셰이크를 시도하거나 TLS 포트에 일반 HTTP를 보냄). 프로브가 멤버를 비정상으로 표시하고 클라이언트는 502를 받습니다. 영향받는 리스너: {listeners}.',
      fix: '백엔드가 그 포트에서 실제로 제공하는 프로토콜을 사용하세요. 포트 {port}에는 {expected}을(를) 쓰거나, {protocol}을(를) 유지하고 백엔드가 수신하는 포트로 바꾸세요. 이 설정에 연결된 사용자 지정 프로브도 같은 프로토콜을 사용해야 합니다.',
    },
  },
  check({ gateway, report }) {
    for (const s of gateway.backendHttpSettingsCollection) {
      const protocol = s.protocol?.trim();
      if (!protocol || s.port === undefined) continue;
      const p = protocol.toLowerCase();
      const httpTo443 = s.port === 443 && p === 'http';
      const httpsTo80 = s.port === 80 && p === 'https';
      if (!httpTo443 && !httpsTo80) continue;
      const affected = affectedListeners(gateway, (x) => x.settings === s);
      if (!affected.length) continue; // settings no rule uses carry no traffic and are not probed
      const expected = httpTo443 ? 'Https' : 'Http';
      report({
        resource: { type: 'backendHttpSettingsCollection', name: s.name, id: s.id },
        source: s.source,
        params: { settings: s.name, protocol, port: s.port, expected, listeners: affected.join('; ') },
        evidence: [
          { path: `backendHttpSettingsCollection[${s.name}].protocol`, value: protocol, source: s.source },
          { path: `backendHttpSettingsCollection[${s.name}].port`, value: String(s.port), source: s.source },
        ],
        affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}`,
            `$s.Protocol = '${expected}'`,
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'http-settings update', `-n ${q(s.name)} --protocol ${expected}`)],
        },
      });
    }
  },
});
