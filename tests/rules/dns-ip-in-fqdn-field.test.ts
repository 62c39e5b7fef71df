import { describe, it } from 'vitest';
import rule from '../../src/core/rules/dns-ip-in-fqdn-field';
import { gatewayWith, pool, ruleTester, workspace } from './helpers';

const ws = (addresses: { ipAddress?: string; fqdn?: string }[]) => workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', addresses)] })] });

describe('dns-ip-in-fqdn-field', () => {
  ruleTester(rule, {
    valid: [
      { name: 'names in the fqdn field', ws: ws([{ fqdn: 'app.contoso.com' }]) },
      { name: 'addresses in the ipAddress field', ws: ws([{ ipAddress: '10.0.1.4' }]) },
      { name: 'an invalid dotted address is dns-invalid-fqdn\'s', ws: ws([{ fqdn: '10.0.1.400' }]) },
    ],
    invalid: [
      { name: 'IPv4 in the fqdn field', ws: ws([{ fqdn: '10.0.1.9' }]), expect: [{ resource: 'pool1', severity: 'info', messageIncludes: '10.0.1.9' }] },
      { name: 'IPv6 with spaces around it', ws: ws([{ fqdn: ' 2001:db8::5 ' }]), expect: [{ messageIncludes: 'lists 2001:db8::5 in' }] },
    ],
  }, it);
});
