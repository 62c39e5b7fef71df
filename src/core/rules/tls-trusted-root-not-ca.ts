/**
 * v2 trusted root certificates must be the root CA of the backend's chain (azure-facts.md §5, CERTS). A leaf
 * uploaded as "root" never matches ("The root certificate of the server certificate used by the backend
 * doesn't match the trusted root certificate added to the application gateway"); a self-signed certificate
 * that is not a CA is reported as a missing intermediate (HEALTH). Data that cannot be read:
 * tls-trusted-root-unreadable. Severity: error when HTTPS traffic relies on it with chain validation on,
 * info otherwise.
 */
import type { BackendHttpSettings, Certificate, Gateway } from '../model/types';
import type { CertSummary } from './certificates';
import { az, ps, q } from './commands';
import { defineRule, type RuleContext } from './types';
import { backendRoutes, isHttps } from './tls-host-vs-certificate';

export interface RootUse {
  settings: BackendHttpSettings[];
  affected: string[];
  /** Some HTTPS settings that carry traffic rely on it with chain validation on. */
  relied: boolean;
}

/** Which settings use a trusted root (or authentication certificate) and whether live traffic relies on it. */
export function certificateUse(ctx: RuleContext, cert: Certificate, kind: 'trustedRootCertificates' | 'authenticationCertificates'): RootUse {
  const resolve = kind === 'trustedRootCertificates' ? ctx.gw.trustedRoot : ctx.gw.authenticationCertificate;
  const settings = ctx.gateway.backendHttpSettingsCollection.filter((s) => s[kind].some((r) => resolve(r) === cert));
  const affected: string[] = [];
  let relied = false;
  for (const r of backendRoutes(ctx.gateway)) {
    if (!settings.includes(r.settings) || !isHttps(r.settings)) continue;
    for (const a of r.affected) if (!affected.includes(a)) affected.push(a);
    if (r.settings.validateCertChainAndExpiry !== false) relied = true;
  }
  return { settings, affected, relied };
}

/** The certificate that plays the root: the first CA in the data, else the first certificate. */
export function rootOf(certs: CertSummary[]): CertSummary | undefined {
  return certs.find((c) => c.isCA) ?? certs[0];
}

export function rootCommands(gateway: Gateway, name: string) {
  return {
    powershell: [
      ps.getGateway(gateway),
      `Set-AzApplicationGatewayTrustedRootCertificate -ApplicationGateway $gw -Name ${q(name)} -CertificateFile .\\root-ca.cer`,
      ps.setGateway(),
    ],
    az: [az.sub(gateway, 'root-cert update', `-n ${q(name)} --cert-file root-ca.cer`), az.backendHealth(gateway)],
  };
}

export default defineRule({
  id: 'tls-trusted-root-not-ca',
  category: 'backend-tls',
  severity: 'error',
  appliesTo: ['v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/certificates-for-backend-authentication',
  text: {
    en: {
      title: 'Trusted root certificate is not a CA certificate',
      message: 'Trusted root certificate {root} is {subject}, issued by {issuer}: it is not a CA certificate (basicConstraints cA is not TRUE). Used by backend settings: {settings}.',
      effect:
        'A leaf certificate uploaded in place of its root CA never matches the backend\'s chain: backend health shows "The root certificate of the server certificate used by the backend doesn\'t match the trusted root certificate added to the application gateway"; a self-signed certificate that is not a CA is reported as a missing intermediate certificate. The members turn unhealthy and clients get 502. Listeners affected: {listeners}.',
      fix: 'Upload the root CA certificate of the backend\'s chain (the top certificate, with basicConstraints CA:TRUE, as Base-64 .CER) in place of this one (commands below). If the backend uses a self-signed certificate, replace it with one issued by a private CA whose root you upload, or one that is itself a CA certificate.',
    },
    ko: {
      title: '신뢰할 수 있는 루트 인증서가 CA 인증서가 아닙니다',
      message: '신뢰할 수 있는 루트 인증서 {root}은(는) {issuer}이(가) 발급한 {subject}이며, CA 인증서가 아닙니다(basicConstraints cA가 TRUE가 아님). 사용하는 백엔드 설정: {settings}.',
      effect:
        '루트 CA 대신 리프 인증서를 업로드하면 백엔드 체인과 절대 일치하지 않습니다. 백엔드 상태에 "The root certificate of the server certificate used by the backend doesn\'t match the trusted root certificate added to the application gateway"가 표시되고, CA가 아닌 자체 서명 인증서는 중간 인증서 누락으로 보고됩니다. 멤버가 비정상이 되어 클라이언트는 502를 받습니다. 영향받는 리스너: {listeners}.',
      fix: '이 인증서 대신 백엔드 체인의 루트 CA 인증서(맨 위 인증서, basicConstraints CA:TRUE, Base-64 .CER)를 업로드하세요(아래 명령). 백엔드가 자체 서명 인증서를 사용한다면, 루트를 업로드할 수 있는 사설 CA가 발급한 인증서나 그 자체가 CA인 인증서로 바꾸세요.',
    },
  },
  check(ctx) {
    const { gateway, certificates, report } = ctx;
    for (const c of gateway.trustedRootCertificates) {
      if (!c.data) continue;
      const parsed = certificates.get(c.data);
      if (!parsed?.certificates.length) continue;
      if (parsed.certificates.some((x) => x.isCA)) continue;
      const cert = parsed.certificates[0];
      const use = certificateUse(ctx, c, 'trustedRootCertificates');
      report({
        resource: { type: 'trustedRootCertificates', name: c.name, id: c.id },
        source: c.source,
        severity: use.relied ? 'error' : 'info',
        params: { root: c.name, subject: cert.subject, issuer: cert.selfSigned ? `${cert.issuer} (self-signed)` : cert.issuer, settings: use.settings.map((s) => s.name).join(', ') || '—', listeners: use.affected.join('; ') || '—' },
        evidence: [
          { path: `trustedRootCertificates[${c.name}].data`, value: `subject ${cert.subject}; issuer ${cert.issuer}; CA ${cert.isCA}`, source: c.source },
          ...use.settings.map((s) => ({ path: `backendHttpSettingsCollection[${s.name}].trustedRootCertificates`, value: c.name, source: s.source })),
        ],
        affected: use.relied ? use.affected : [],
        commands: rootCommands(gateway, c.name),
      });
    }
  },
});
