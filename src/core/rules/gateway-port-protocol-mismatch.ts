/**
 * A listener whose protocol is the other one of its port's convention: `Http` on 443 is rejected by ARM
 * (ApplicationGatewayPortNotValidForProtocol, azure-facts.md §8 step 8 / GUIDE-2026 Resolution E), so it is
 * an error; `Https` on 80 deploys but clients that type http:// reach a TLS listener and fail (warning).
 */
import { affectedListeners } from '../model/topology';
import { az, ps, q } from './commands';
import { defineRule } from './types';

export default defineRule({
  id: 'gateway-port-protocol-mismatch',
  category: 'gateway',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'Listener protocol does not fit its port',
      message: 'Listener {listener} uses protocol {protocol} on frontend port {port} ({frontendPort}).',
      effect:
        'Azure rejects Http on port 443 (ApplicationGatewayPortNotValidForProtocol), so such a configuration does not deploy. Https on port 80 deploys, but clients that use http:// on port 80 reach a TLS listener and their connections fail. Host names affected: {listeners}.',
      fix: 'Use Https (with a certificate) on port 443 and Http on port 80: attach the listener to a frontend port whose number fits its protocol (commands below; create the port first if the gateway has none), or change the listener\'s protocol.',
    },
    ko: {
      title: '리스너 프로토콜이 포트와 맞지 않습니다',
      message: '리스너 {listener}이(가) 프런트엔드 포트 {port}({frontendPort})에서 {protocol} 프로토콜을 사용합니다.',
      effect:
        'Azure는 443 포트의 Http를 거부하므로(ApplicationGatewayPortNotValidForProtocol) 이 구성은 배포되지 않습니다. 80 포트의 Https는 배포되지만, 80 포트에 http://로 접속하는 클라이언트는 TLS 리스너에 연결되어 연결이 실패합니다. 영향받는 호스트 이름: {listeners}.',
      fix: '443 포트에는 인증서와 함께 Https를, 80 포트에는 Http를 사용하세요. 리스너를 프로토콜에 맞는 번호의 프런트엔드 포트에 연결하거나(아래 명령, 해당 포트가 없으면 먼저 만드세요) 리스너의 프로토콜을 바꾸세요.',
    },
  },
  check({ gateway, gw, report }) {
    for (const l of gateway.httpListeners) {
      const fp = gw.frontendPort(l.frontendPort);
      const port = fp?.port;
      const protocol = l.protocol?.trim();
      if (!fp || port === undefined || !protocol) continue;
      const p = protocol.toLowerCase();
      const httpOn443 = port === 443 && p === 'http';
      const httpsOn80 = port === 80 && p === 'https';
      if (!httpOn443 && !httpsOn80) continue;
      const affected = affectedListeners(gateway, (x) => x.listener === l);
      const hosts = affected.length ? affected : [l.hostNames.length ? `${l.name} (${l.hostNames.join(', ')})` : l.name];
      // Move the listener to a port that fits its protocol: the smallest change that keeps its host names and certificate.
      const wantedPort = httpOn443 ? 80 : 443;
      const existing = gateway.frontendPorts.find((x) => x.port === wantedPort);
      const portName = existing ? q(existing.name) : `<port-${wantedPort}-name>`;
      report({
        resource: { type: 'httpListeners', name: l.name, id: l.id },
        source: l.source,
        severity: httpOn443 ? 'error' : 'warning',
        params: { listener: l.name, protocol, port, frontendPort: fp.name, listeners: hosts.join('; ') },
        evidence: [
          { path: `httpListeners[${l.name}].protocol`, value: protocol, source: l.source },
          { path: `frontendPorts[${fp.name}].port`, value: String(port), source: fp.source },
        ],
        affected: hosts,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `$l = Get-AzApplicationGatewayHttpListener -ApplicationGateway $gw -Name ${q(l.name)}`,
            `$l.FrontendPort.Id = (Get-AzApplicationGatewayFrontendPort -ApplicationGateway $gw -Name ${portName}).Id`,
            ps.setGateway(),
          ],
          az: [az.sub(gateway, 'http-listener update', `-n ${q(l.name)} --frontend-port ${portName}`)],
        },
      });
    }
  },
});
