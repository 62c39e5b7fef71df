import { describe, expect, it } from 'vitest';
import { PROBE_LOG_MESSAGES, describeProbeLog, matchProbeLog, statusCodeAdvice } from '../../../src/core/rules/probe-log-messages';
import { codeAccepted, parseStatusCodes, publicAddress } from '../../../src/core/rules/backend-support';
import { isMultiTenantFqdn } from '../../../src/core/rules/fqdn-suffixes';

// The documented messages (HEALTH, azure-facts.md §6) and a few observed variants → the kind they map to.
const CASES: [string, string][] = [
  ['Time taken by the backend to respond to application gateway\'s health probe is more than the timeout threshold in the probe setting.', 'probe-timeout'],
  ['Application Gateway could not create a probe for this backend. This usually happens when the FQDN of the backend has not been entered correctly.', 'dns'],
  ['Application Gateway could not connect to the backend. Check that the backend responds on the port used for the probe.', 'connect'],
  ['Failed to connect to backend server. Timeout exceeded.', 'connect'],
  ['Status code of the backend\'s HTTP response did not match the probe setting. Expected:200-399 Received:403.', 'status-mismatch'],
  ['Body of the backend\'s HTTP response did not match the probe setting. Received response body doesn\'t contain healthy.', 'body-mismatch'],
  ['The Common Name of the leaf certificate presented by the backend server does not match the Probe or Backend Setting hostname of the application gateway.', 'cert-name'],
  ['The Common Name (CN) of the backend certificate doesn\'t match', 'cert-name'],
  ['Backend certificate is invalid. Current date is not within the "Valid from" and "Valid to" date range on the certificate.', 'cert-expired'],
  ['The Intermediate certificate is missing from the certificate chain presented by the backend server.', 'chain-intermediate'],
  ['The Leaf certificate is not the topmost certificate in the chain presented by the backend server.', 'chain-leaf'],
  ['The backend Server certificate is not signed by a well-known Certificate Authority (CA).', 'not-well-known-ca'],
  ['The Intermediate certificate not signed by any Root certificates uploaded to the application gateway.', 'intermediate-not-signed'],
  ['The root certificate of the server certificate used by the backend doesn\'t match the trusted root certificate added to the application gateway. Ensure that you add the correct root certificate to allowlist the backend.', 'root-mismatch'],
  ['The root certificate of the server certificate used by the backend does not match the trusted root certificate added to the application gateway. Ensure that you add the correct root certificate to whitelist the backend', 'root-mismatch'],
  ['The validity of the backend certificate could not be verified. To find out the reason, check OpenSSL diagnostics for the message associated with error code 20', 'cert-verify'],
  ['Backend server certificate isn\'t allow-listed with Application Gateway.', 'not-allow-listed'],
  ['Backend server certificate is not whitelisted with Application Gateway.', 'not-allow-listed'],
  ['The backend health status could not be retrieved. This happens when an NSG/UDR/Firewall on the application gateway subnet is blocking traffic on ports 65503-65534', 'health-not-retrieved'],
  ['Success. Received 200 status code', 'success'],
];

describe('probe log messages', () => {
  it.each(CASES)('%s', (log, kind) => {
    expect(matchProbeLog(log)?.message?.kind).toBe(kind);
    expect(matchProbeLog(log.toUpperCase())?.message?.kind).toBe(kind);
  });

  it('reads expected and received codes', () => {
    const m = matchProbeLog('Status code of the backend\'s HTTP response did not match the probe setting. Expected:200-399 Received:401.')!;
    expect(m.expected).toBe('200-399');
    expect(m.received).toBe(401);
    expect(describeProbeLog(m)!.en.fix).toContain('401 Unauthorized');
  });

  it('reads the body string', () => {
    expect(matchProbeLog('Body of the backend\'s HTTP response did not match the probe setting. Received response body doesn\'t contain healthy.')!.bodyString).toBe('healthy');
  });

  it('prefers the error code, and falls back to the text for an unknown code', () => {
    expect(matchProbeLog('whatever', 'HostNameNotResolved')?.message?.kind).toBe('dns');
    expect(matchProbeLog('Application Gateway could not connect to the backend.', 'SomeNewCode')?.message?.kind).toBe('connect');
    expect(matchProbeLog('completely new wording', 'SomeNewCode')?.message).toBeUndefined();
    expect(matchProbeLog(undefined, undefined)).toBeUndefined();
  });

  it('has both languages for every entry and every code', () => {
    for (const m of PROBE_LOG_MESSAGES) {
      for (const t of [m.en, m.ko]) expect(t.cause.length * t.fix.length).toBeGreaterThan(0);
      expect(m.ko.cause).toMatch(/[\uac00-\ud7a3]/);
      for (const f of m.fragments) expect(f).toBe(f.toLowerCase());
    }
    for (const c of [301, 400, 401, 403, 404, 405, 421, 500, 503, 418]) expect(statusCodeAdvice(c).ko).toMatch(/[\uac00-\ud7a3]/);
  });
});

describe('backend support', () => {
  it('parses match status codes', () => {
    expect(parseStatusCodes(undefined)).toEqual([{ lo: 200, hi: 399 }]);
    const r = parseStatusCodes(['200', ' 300 - 302 ', 'bad', '500-400']);
    expect(r).toEqual([{ lo: 200, hi: 200 }, { lo: 300, hi: 302 }]);
    expect(codeAccepted(r, 301)).toBe(true);
    expect(codeAccepted(r, 303)).toBe(false);
  });

  it('knows multi-tenant host names by suffix only', () => {
    expect(isMultiTenantFqdn('app.azurewebsites.net')).toBe(true);
    expect(isMultiTenantFqdn('APP.AzureWebsites.NET.')).toBe(true);
    expect(isMultiTenantFqdn('acct.blob.core.windows.net')).toBe(true);
    expect(isMultiTenantFqdn('myazurewebsites.net')).toBe(false);
    expect(isMultiTenantFqdn('vm1.koreacentral.cloudapp.azure.com')).toBe(false);
  });

  it('tells public addresses', () => {
    expect(publicAddress({ ipAddress: '20.1.2.3' })).toBe('ip');
    expect(publicAddress({ ipAddress: '10.1.2.3' })).toBeUndefined();
    expect(publicAddress({ ipAddress: '100.64.0.1' })).toBeUndefined();
    expect(publicAddress({ ipAddress: '127.0.0.1' })).toBeUndefined();
    expect(publicAddress({ fqdn: 'app.azurewebsites.net' })).toBe('fqdn');
    expect(publicAddress({ fqdn: 'app.privatelink.azurewebsites.net' })).toBeUndefined();
    expect(publicAddress({ fqdn: 'intranet.contoso.local' })).toBeUndefined();
  });
});
