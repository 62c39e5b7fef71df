import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/dns-invalid-fqdn';
import { fqdnIssues } from '../../src/core/rules/network-context';
import { gatewayWith, pool, run, ruleTester, workspace } from './helpers';

const ws = (fqdns: string[], extraIps: string[] = []) => workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [...extraIps.map((ipAddress) => ({ ipAddress })), ...fqdns.map((fqdn) => ({ fqdn }))])] })] });

describe('dns-invalid-fqdn', () => {
  ruleTester(rule, {
    valid: [
      { name: 'plain FQDN', ws: ws(['app.contoso.com']) },
      { name: 'trailing dot (absolute name)', ws: ws(['app.contoso.com.']) },
      { name: 'single label and punycode', ws: ws(['web01', 'xn--bcher-kva.example']) },
      { name: 'IP members', ws: ws([], ['10.0.1.4']) },
      { name: 'an IP in the fqdn field is dns-ip-in-fqdn-field\'s', ws: ws(['10.0.1.9']) },
    ],
    invalid: [
      { name: 'scheme and path', ws: ws(['https://app.contoso.com/health']), expect: [{ severity: 'error', messageIncludes: '"https://", "/health"' }] },
      { name: 'port', ws: ws(['app.contoso.com:8443']), expect: [{ severity: 'error', messageIncludes: '":8443"' }] },
      { name: 'space inside', ws: ws(['app .contoso.com']), expect: [{ severity: 'error', messageIncludes: 'host name: " "' }] },
      { name: 'trailing space', ws: ws(['app.contoso.com ']), expect: [{ severity: 'error', messageIncludes: '" "' }] },
      { name: 'underscore', ws: ws(['my_app.contoso.com']), expect: [{ severity: 'error', messageIncludes: '"_"' }] },
      { name: 'trailing garbage', ws: ws(['app.contoso.com;']), expect: [{ severity: 'error', messageIncludes: '";"' }] },
      { name: 'double dot', ws: ws(['app..contoso.com']), expect: [{ severity: 'error', messageIncludes: '".."' }] },
      { name: 'wildcard', ws: ws(['*.contoso.com']), expect: [{ severity: 'error', messageIncludes: '"*"' }] },
      { name: 'non-ASCII only: warning', ws: ws(['bücher.example']), expect: [{ severity: 'warning', messageIncludes: '"ü"' }] },
      { name: 'invalid dotted address', ws: ws(['10.0.1.400']), expect: [{ severity: 'error', messageIncludes: '"10.0.1.400"' }] },
      { name: 'two bad members, two findings', ws: ws(['http://a.contoso.com', 'b.contoso.com:80']), expect: [{ messageIncludes: 'http://a.contoso.com' }, { messageIncludes: 'b.contoso.com:80' }] },
    ],
  }, it);

  it('suggests the host name and edits the member in place', () => {
    const [f] = run(rule, ws(['https://app.contoso.com/health'], ['10.0.1.4']));
    expect(f!.text.en.effect).toContain('It starts with a scheme (http:// or https://); it contains a path');
    expect(f!.text.ko.effect).toContain('스킴');
    expect(f!.text.en.fix).toContain('Write only the host name: app.contoso.com');
    expect(f!.commands.powershell).toContain("($pool.BackendAddresses | Where-Object { $_.Fqdn -eq 'https://app.contoso.com/health' }).Fqdn = 'app.contoso.com'");
    expect(f!.commands.az).toEqual(['az network application-gateway address-pool update -g rg1 --gateway-name gw1 -n pool1 --servers 10.0.1.4 app.contoso.com']);
    expect(f!.affected).toEqual(['listener1']);
  });

  it('fqdnIssues lists every problem', () => {
    expect(fqdnIssues('https://my_app.contoso.com:8443/x')).toEqual(['scheme', 'path', 'port', 'underscore']);
    expect(fqdnIssues('-bad-.contoso.com')).toEqual(['hyphen']);
    expect(fqdnIssues(`${'a'.repeat(64)}.com`)).toEqual(['label-length']);
    expect(fqdnIssues('2001:db8::1')).toEqual([]);
    expect(fqdnIssues('')).toEqual(['empty-label']);
  });
});
