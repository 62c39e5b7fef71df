/**
 * Trusted root data that does not parse as X.509: the other trusted-root checks could not run on it, and if
 * Azure holds the same bytes the backends relying on it cannot validate (CERTS). Unknown which: a warning.
 */
import { defineRule } from './types';
import { certificateUse, rootCommands } from './tls-trusted-root-not-ca';

export default defineRule({
  id: 'tls-trusted-root-unreadable',
  category: 'backend-tls',
  severity: 'warning',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/certificates-for-backend-authentication',
  text: {
    en: {
      title: 'Trusted root certificate data could not be read',
      message: 'The data of trusted root certificate {root} could not be read as an X.509 certificate: {problem}. Used by backend settings: {settings}.',
      effect: 'The root CA, expiry and name checks were skipped for it. If the gateway holds the same data, backends relying on this root fail chain validation (502); if only this copy was damaged (for example while pasting), nothing is wrong on the gateway. Listeners that rely on it: {listeners}.',
      fix: 'Export the gateway again (ConvertTo-Json -Depth 100, or az network application-gateway show) and re-run; if the data is still unreadable, upload the root CA certificate again as a Base-64 .CER (commands below).',
    },
    ko: {
      title: '신뢰할 수 있는 루트 인증서 데이터를 읽을 수 없습니다',
      message: '신뢰할 수 있는 루트 인증서 {root}의 데이터를 X.509 인증서로 읽을 수 없습니다: {problem}. 사용하는 백엔드 설정: {settings}.',
      effect: '이 인증서에 대한 루트 CA, 만료, 이름 검사를 건너뛰었습니다. 게이트웨이에도 같은 데이터가 있다면 이 루트에 의존하는 백엔드는 체인 검증에 실패합니다(502). 이 사본만 손상되었다면(예: 붙여 넣는 중) 게이트웨이에는 문제가 없습니다. 이 루트에 의존하는 리스너: {listeners}.',
      fix: '게이트웨이를 다시 내보내(ConvertTo-Json -Depth 100 또는 az network application-gateway show) 다시 실행하세요. 그래도 읽을 수 없으면 루트 CA 인증서를 Base-64 .CER로 다시 업로드하세요(아래 명령).',
    },
  },
  check(ctx) {
    const { gateway, certificates, report } = ctx;
    for (const c of gateway.trustedRootCertificates) {
      if (!c.data) continue;
      const parsed = certificates.get(c.data);
      if (!parsed || parsed.certificates.length) continue; // not parsed at all (no lookup) or fine
      const use = certificateUse(ctx, c, 'trustedRootCertificates');
      report({
        resource: { type: 'trustedRootCertificates', name: c.name, id: c.id },
        source: c.source,
        params: { root: c.name, problem: parsed.problems.join('; ') || 'no certificate found', settings: use.settings.map((s) => s.name).join(', ') || '—', listeners: use.affected.join('; ') || '—' },
        evidence: [{ path: `trustedRootCertificates[${c.name}].data`, value: c.data.length > 60 ? `${c.data.slice(0, 60)}… (${c.data.length} characters)` : c.data, source: c.source }],
        affected: use.relied ? use.affected : [],
        commands: rootCommands(gateway, c.name),
      });
    }
  },
});
