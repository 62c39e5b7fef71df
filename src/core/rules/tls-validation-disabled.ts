/**
 * validateCertChainAndExpiry / validateSNI set to false (API 2025-01-01 and later; SETTINGS): Microsoft
 * describes turning them off as for testing and development. It hides backend-TLS faults instead of fixing
 * them (azure-facts.md §3, §8 step 7).
 */
import { ps, q } from './commands';
import { defineRule } from './types';
import { backendRoutes, isHttps } from './tls-host-vs-certificate';

export default defineRule({
  id: 'tls-validation-disabled',
  category: 'backend-tls',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/configuration-http-settings',
  text: {
    en: {
      title: 'Backend certificate validation is turned off',
      message: 'Backend settings {settings} turn off backend certificate checks: {flags}.',
      effect:
        'Microsoft documents these switches for testing and development. With them off the gateway accepts a backend certificate that is expired, from an untrusted chain or issued for another name: a real certificate problem stays hidden (and reappears as 502 when the checks are turned back on), and a spoofed backend would not be noticed. Listeners that use these settings: {listeners}.',
      fix: 'Fix the backend certificate (valid dates, complete chain, a name that covers the host name sent, a trusted root), then turn the checks back on (commands below). In production keep both true.',
    },
    ko: {
      title: '백엔드 인증서 검증이 꺼져 있습니다',
      message: '백엔드 설정 {settings}에서 백엔드 인증서 검사가 꺼져 있습니다: {flags}.',
      effect:
        'Microsoft는 이 스위치를 테스트 및 개발 용도로 설명합니다. 끄면 게이트웨이가 만료되었거나, 신뢰할 수 없는 체인이거나, 다른 이름으로 발급된 백엔드 인증서도 받아들입니다. 실제 인증서 문제가 가려지고(검사를 다시 켜면 502로 다시 나타남) 위장된 백엔드도 알아차리지 못합니다. 이 설정을 사용하는 리스너: {listeners}.',
      fix: '백엔드 인증서(유효 기간, 완전한 체인, 보내는 호스트 이름을 포함하는 이름, 신뢰할 수 있는 루트)를 먼저 고친 뒤 검사를 다시 켜세요(아래 명령). 프로덕션에서는 둘 다 true로 유지하세요.',
    },
  },
  check({ gateway, report }) {
    for (const s of gateway.backendHttpSettingsCollection) {
      if (!isHttps(s)) continue;
      const flags: string[] = [];
      if (s.validateCertChainAndExpiry === false) flags.push('validateCertChainAndExpiry = false');
      if (s.validateSNI === false) flags.push('validateSNI = false');
      if (!flags.length) continue;
      const affected = [...new Set(backendRoutes(gateway).filter((r) => r.settings === s).flatMap((r) => r.affected))];
      report({
        resource: { type: 'backendHttpSettingsCollection', name: s.name, id: s.id },
        source: s.source,
        params: { settings: s.name, flags: flags.join(', '), listeners: affected.join('; ') || '—' },
        evidence: flags.map((f) => ({ path: `backendHttpSettingsCollection[${s.name}].${f.split(' ')[0]}`, value: 'false', source: s.source })),
        affected,
        commands: {
          powershell: [
            ps.getGateway(gateway),
            `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}`,
            '$s.ValidateCertChainAndExpiry = $true; $s.ValidateSni = $true',
            ps.setGateway(),
          ],
        },
      });
    }
  },
});
