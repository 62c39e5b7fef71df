/**
 * One gateway JSON (any form: ps-json, cli-json, arm-rest, evaluated template, reconstructed ps-text)
 * → the model's `Gateway`. Facts: ../shared/reference/azure-facts.md (SKU names → v1/v2, section 7).
 */
import { arr, bool, field, find, get, getAny, innerOf, isObj, isTruncationMarker, num, refId, str, strs, allValues, unknownExpression, type Obj } from './access';
import { gatewayIdOf, makeRef, parseResourceId } from './ids';
import { plainMemberList } from './members';
import { DUPLICATES } from '../input/json';
import type {
  BackendAddress, BackendAddressPool, BackendHttpSettings, Certificate, FrontendIpConfiguration, FrontendPort, Gateway,
  GatewayIpConfiguration, Generation, HttpListener, LostPart, Named, PathRule, Probe, RedirectConfiguration, Ref,
  RequestRoutingRule, SourceRef, UrlPathMap,
} from './types';
import type { LostPart as Lost } from './types';

export interface NormalizeContext {
  document: string;
  form: string;
  /** Parts the parser already knows are missing. */
  lost?: LostPart[];
}

const V1_SKUS = /^(standard|waf)_(small|medium|large)$/i;

/** v1/v2 from sku name or tier (facts section 7: family is not the v1/v2 distinction). */
export function generationOf(skuName?: string, tier?: string): Generation {
  const n = (skuName ?? '').trim();
  const t = (tier ?? '').trim();
  if (V1_SKUS.test(n) || /^(standard|waf)$/i.test(t) && !/_v2$/i.test(n) && n !== '') return 'v1';
  if (/_v2$/i.test(n) || /_v2$/i.test(t) || /^basic/i.test(n) || /^basic/i.test(t)) return 'v2';
  if (n === '' && /^(standard|waf)$/i.test(t)) return 'v1';
  return 'unknown';
}

function ref(v: unknown): Ref | undefined {
  const id = refId(v);
  return id ? makeRef(id) : undefined;
}

/** An array of strings none of which is a truncation marker, as it is (what strs() would copy); else undefined. */
function plainStrings(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'string' || isTruncationMarker(x)) return undefined;
  }
  return v as string[];
}

function refs(v: unknown): Ref[] {
  const out: Ref[] = [];
  for (const x of arr(v)) {
    const r = ref(x);
    if (r) out.push(r);
  }
  return out;
}

interface Collected {
  obj: Obj;
  pointer: string;
  id: string;
  name: string;
}

export function normalizeGateway(raw: Obj, pointer: string, ctx: NormalizeContext): Gateway {
  const lost: Lost[] = [...(ctx.lost ?? [])];
  const lostSeen = new Set(lost.map((l) => l.part.toLowerCase()));
  const markLost = (part: string, reason: string) => {
    if (lostSeen.has(part.toLowerCase())) return;
    lostSeen.add(part.toLowerCase());
    lost.push({ part, reason });
  };
  const depthReason = (marker: string) =>
    `ConvertTo-Json stopped at its default depth and wrote "${marker.length > 90 ? marker.slice(0, 90) + '…' : marker}" instead of the data. Run Get-AzApplicationGateway -Name <name> -ResourceGroupName <rg> | ConvertTo-Json -Depth 100.`;
  const src = (p: string): SourceRef => ({ document: ctx.document, pointer: p });
  const noMarkers = ctx.form === 'arm-rest' || ctx.form === 'arm-template';

  // Names and ids: AGIC bodies carry neither; the gateway's id then comes from its sub-resources' ids.
  let id = str(get(raw, 'id'));
  if (!id) {
    for (const key of ['backendAddressPools', 'httpListeners', 'frontendPorts', 'requestRoutingRules', 'probes']) {
      for (const item of arr(get(raw, key))) {
        const sub = str(get(item, 'id'));
        const gid = sub && gatewayIdOf(sub);
        if (gid) {
          id = gid;
          break;
        }
      }
      if (id) break;
    }
  }
  const parsedId = id ? parseResourceId(id) : undefined;
  const name = str(get(raw, 'name')) ?? parsedId?.segments.find(([t]) => /^applicationGateways$/i.test(t))?.[1] ?? 'application-gateway';
  const resourceGroup = str(getAny(raw, 'resourceGroup', 'resourceGroupName')) ?? parsedId?.resourceGroup;
  const subscriptionId = parsedId?.subscriptionId;
  if (!id) {
    id = `/subscriptions/${subscriptionId ?? '-'}/resourceGroups/${resourceGroup ?? '-'}/providers/Microsoft.Network/applicationGateways/${name}`;
  }
  const gwId = id;

  /** Items of a collection, from the object itself or (PowerShell) its `…Text` JSON string. */
  const collection = (key: string, ...alt: string[]): Collected[] => {
    let found = find(raw, key);
    for (const a of alt) if (!found || found.value === undefined || found.value === null) found = find(raw, a);
    let items: unknown[] | undefined;
    let base = pointer + (found?.path ?? '/' + key);
    const textFound = find(raw, key + 'Text') ?? alt.map((a) => find(raw, a + 'Text')).find(Boolean);
    const marker = typeof found?.value === 'string' && isTruncationMarker(found.value) ? found.value : undefined;
    // Only PowerShell's ConvertTo-Json writes markers: ARM REST bodies and templates are not searched (120,000 members).
    const itemsTruncated = !noMarkers && Array.isArray(found?.value) && (found!.value as unknown[]).some((x) => hasMarker(x));
    if ((marker || itemsTruncated || found === undefined) && typeof textFound?.value === 'string') {
      try {
        const parsed = JSON.parse(textFound.value);
        items = Array.isArray(parsed) ? parsed : isObj(parsed) ? [parsed] : [];
        base = pointer + textFound.path;
      } catch {
        /* fall through to the truncated data */
      }
    }
    if (!items) {
      if (marker) {
        markLost(key, depthReason(marker));
        return [];
      }
      if (itemsTruncated) {
        const m = firstMarker(found!.value);
        if (m) markLost(key, depthReason(m));
      }
      items = Array.isArray(found?.value) ? (found!.value as unknown[]) : isObj(found?.value) ? [found!.value] : [];
    }
    const out: Collected[] = [];
    items.forEach((item, i) => {
      if (!isObj(item)) return;
      const itemName = str(get(item, 'name')) ?? `${key}-${i + 1}`;
      const itemId = str(get(item, 'id')) ?? `${gwId}/${key}/${itemName}`;
      out.push({ obj: item, pointer: `${base}/${i}`, id: itemId, name: itemName });
    });
    return out;
  };
  const named = (c: Collected): Named => ({ id: c.id, name: c.name, source: src(c.pointer) });

  /** A nested value that ConvertTo-Json truncated: record it once per collection. */
  const nested = (c: Collected, key: string, collectionKey: string, ...alt: string[]): unknown => {
    const v = getAny(c.obj, key, ...alt);
    if (isTruncationMarker(v)) markLost(`${collectionKey}.${key}`, depthReason(v));
    return v;
  };

  const skuRaw = get(raw, 'sku');
  const sku = isObj(skuRaw)
    ? { name: str(get(skuRaw, 'name')), tier: str(get(skuRaw, 'tier')), family: str(get(skuRaw, 'family')), capacity: num(get(skuRaw, 'capacity')) }
    : {};
  if (!isObj(skuRaw)) {
    const text = str(get(raw, 'skuText'));
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (isObj(parsed)) Object.assign(sku, { name: str(get(parsed, 'name')), tier: str(get(parsed, 'tier')), family: str(get(parsed, 'family')), capacity: num(get(parsed, 'capacity')) });
    else if (isTruncationMarker(skuRaw)) markLost('sku', depthReason(skuRaw));
    else if (!lostSeen.has('sku')) markLost('sku', 'The input does not show the SKU, so v1/v2 behaviour is unknown; include the gateway\'s sku (ConvertTo-Json -Depth 100).');
  }
  const autoscaleRaw = get(raw, 'autoscaleConfiguration');
  const autoscale = isObj(autoscaleRaw) ? { minCapacity: num(get(autoscaleRaw, 'minCapacity')), maxCapacity: num(get(autoscaleRaw, 'maxCapacity')) } : undefined;

  const gatewayIpConfigurations: GatewayIpConfiguration[] = collection('gatewayIPConfigurations', 'gatewayIpConfigurations').map((c) => ({
    ...named(c),
    subnet: ref(nested(c, 'subnet', 'gatewayIPConfigurations')),
  }));

  const frontendIpConfigurations: FrontendIpConfiguration[] = collection('frontendIPConfigurations', 'frontendIpConfigurations').map((c) => ({
    ...named(c),
    privateIpAddress: str(getAny(c.obj, 'privateIPAddress')),
    privateIpAllocationMethod: str(getAny(c.obj, 'privateIPAllocationMethod')),
    publicIpAddress: ref(nested(c, 'publicIPAddress', 'frontendIPConfigurations')),
    subnet: ref(nested(c, 'subnet', 'frontendIPConfigurations')),
  }));

  const frontendPorts: FrontendPort[] = collection('frontendPorts').map((c) => ({ ...named(c), port: num(get(c.obj, 'port')) }));

  const httpListeners: HttpListener[] = collection('httpListeners').map((c) => {
    const hostNames: string[] = [];
    const one = str(get(c.obj, 'hostName'));
    if (one) hostNames.push(one);
    for (const h of strs(nested(c, 'hostNames', 'httpListeners'))) if (h && !hostNames.includes(h)) hostNames.push(h);
    return {
      ...named(c),
      frontendIpConfiguration: ref(nested(c, 'frontendIPConfiguration', 'httpListeners')),
      frontendPort: ref(nested(c, 'frontendPort', 'httpListeners')),
      protocol: str(get(c.obj, 'protocol')),
      hostNames: hostNames.filter((h) => h.trim() !== ''),
      sslCertificate: ref(nested(c, 'sslCertificate', 'httpListeners')),
      sslProfile: ref(get(c.obj, 'sslProfile')),
      requireServerNameIndication: bool(get(c.obj, 'requireServerNameIndication')),
      firewallPolicy: ref(get(c.obj, 'firewallPolicy')),
    };
  });

  const requestRoutingRules: RequestRoutingRule[] = collection('requestRoutingRules').map((c) => ({
    ...named(c),
    ruleType: str(get(c.obj, 'ruleType')),
    priority: num(get(c.obj, 'priority')),
    httpListener: ref(nested(c, 'httpListener', 'requestRoutingRules')),
    backendAddressPool: ref(nested(c, 'backendAddressPool', 'requestRoutingRules')),
    backendHttpSettings: ref(nested(c, 'backendHttpSettings', 'requestRoutingRules')),
    urlPathMap: ref(nested(c, 'urlPathMap', 'requestRoutingRules')),
    redirectConfiguration: ref(nested(c, 'redirectConfiguration', 'requestRoutingRules')),
    rewriteRuleSet: ref(get(c.obj, 'rewriteRuleSet')),
  }));

  const urlPathMaps: UrlPathMap[] = collection('urlPathMaps').map((c) => {
    const rulesFound = find(c.obj, 'pathRules');
    const rulesVal = nested(c, 'pathRules', 'urlPathMaps');
    const pathRules: PathRule[] = [];
    const list = arr(rulesVal);
    const base = `${c.pointer}${rulesFound?.path ?? '/pathRules'}/`;
    for (let i = 0; i < list.length; i++) {
      const pr = list[i];
      if (!isObj(pr)) continue;
      const prName = str(get(pr, 'name')) ?? `pathRule-${i + 1}`;
      const inner = innerOf(pr);
      const paths = field(pr, inner, 'paths');
      pathRules.push({
        id: str(get(pr, 'id')) ?? `${c.id}/pathRules/${prName}`,
        name: prName,
        source: src(base + i),
        paths: plainStrings(paths) ?? strs(paths),
        backendAddressPool: ref(field(pr, inner, 'backendAddressPool')),
        backendHttpSettings: ref(field(pr, inner, 'backendHttpSettings')),
        redirectConfiguration: ref(field(pr, inner, 'redirectConfiguration')),
        rewriteRuleSet: ref(field(pr, inner, 'rewriteRuleSet')),
      });
    }
    return {
      ...named(c),
      defaultBackendAddressPool: ref(nested(c, 'defaultBackendAddressPool', 'urlPathMaps')),
      defaultBackendHttpSettings: ref(nested(c, 'defaultBackendHttpSettings', 'urlPathMaps')),
      defaultRedirectConfiguration: ref(get(c.obj, 'defaultRedirectConfiguration')),
      defaultRewriteRuleSet: ref(get(c.obj, 'defaultRewriteRuleSet')),
      pathRules,
    };
  });

  const redirectConfigurations: RedirectConfiguration[] = collection('redirectConfigurations').map((c) => ({
    ...named(c),
    redirectType: str(get(c.obj, 'redirectType')),
    targetListener: ref(get(c.obj, 'targetListener')),
    targetUrl: str(get(c.obj, 'targetUrl')),
    includePath: bool(get(c.obj, 'includePath')),
    includeQueryString: bool(get(c.obj, 'includeQueryString')),
  }));

  const backendAddressPools: BackendAddressPool[] = collection('backendAddressPools').map((c) => {
    const addrFound = find(c.obj, 'backendAddresses');
    const addrVal = nested(c, 'backendAddresses', 'backendAddressPools');
    let backendAddresses: BackendAddress[] = [];
    let blankAddresses = 0;
    const wholeList = unknownExpression(addrVal);
    const addressesSource = src(`${c.pointer}${addrFound?.path ?? '/backendAddresses'}`);
    if (wholeList) backendAddresses.push({ unresolved: wholeList, index: -1 });
    const list = arr(addrVal);
    // REST, az and templates write `{ipAddress}` / `{fqdn}` members: the list is the model's list as it is.
    const plain = wholeList ? undefined : plainMemberList(list, isTruncationMarker);
    if (plain) backendAddresses = plain;
    else for (let i = 0; i < list.length; i++) {
      const a = list[i];
      // The common shapes first (a pool can hold 1,200 members): `{ipAddress}` / `{fqdn}` (REST, az) or
      // `{IpAddress, Fqdn}` with a null (PowerShell): at most those two keys, strings or null. Read in place,
      // without an intermediate object (120,000 members at the limits).
      if (isObj(a) && readPlainAddress(a) && (a as Obj)[DUPLICATES] === undefined) {
        if (plainIp === undefined && plainFqdn === undefined) blankAddresses++;
        else {
          if (plainIp !== undefined) backendAddresses.push({ ipAddress: plainIp, index: i });
          if (plainFqdn !== undefined) backendAddresses.push({ fqdn: plainFqdn, index: i });
        }
        continue;
      }
      readOtherAddress(a, i);
    }
    function readOtherAddress(a: unknown, index: number): void {
      // The REST examples write plain strings; everything else writes {ipAddress} / {fqdn}.
      if (typeof a === 'string') {
        if (a.trim() === '') blankAddresses++;
        else if (/^[\d.]+$|:/.test(a.trim())) backendAddresses.push({ ipAddress: a.trim(), index });
        else backendAddresses.push({ fqdn: a.trim(), index });
        return;
      }
      const whole = unknownExpression(a);
      if (whole) {
        backendAddresses.push({ unresolved: whole, index });
        return;
      }
      if (!isObj(a)) {
        blankAddresses++;
        return;
      }
      const partUnknown = unknownExpression(get(a, 'ipAddress')) ?? unknownExpression(get(a, 'fqdn'));
      if (partUnknown) {
        backendAddresses.push({ unresolved: partUnknown, index });
        return;
      }
      const ips = allValues(a, 'ipAddress').map(str).filter((s): s is string => !!s && s.trim() !== '');
      const fqdns = allValues(a, 'fqdn').map(str).filter((s): s is string => !!s && s.trim() !== '');
      if (!ips.length && !fqdns.length) blankAddresses++;
      for (const ip of ips) backendAddresses.push({ ipAddress: ip.trim(), index });
      for (const f of fqdns) backendAddresses.push({ fqdn: f.trim(), index });
    }
    return {
      ...named(c),
      backendAddresses,
      addressesSource,
      backendIpConfigurations: refs(nested(c, 'backendIPConfigurations', 'backendAddressPools')),
      blankAddresses,
    };
  });

  const backendHttpSettingsCollection: BackendHttpSettings[] = collection('backendHttpSettingsCollection').map((c) => {
    const drain = get(c.obj, 'connectionDraining');
    return {
      ...named(c),
      port: num(get(c.obj, 'port')),
      protocol: str(get(c.obj, 'protocol')),
      requestTimeout: num(get(c.obj, 'requestTimeout')),
      hostName: str(get(c.obj, 'hostName')) || undefined,
      pickHostNameFromBackendAddress: bool(get(c.obj, 'pickHostNameFromBackendAddress')),
      probe: ref(nested(c, 'probe', 'backendHttpSettingsCollection')),
      probeEnabled: bool(get(c.obj, 'probeEnabled')),
      cookieBasedAffinity: str(get(c.obj, 'cookieBasedAffinity')),
      affinityCookieName: str(get(c.obj, 'affinityCookieName')),
      path: str(get(c.obj, 'path')) || undefined,
      connectionDraining: isObj(drain) ? { enabled: bool(get(drain, 'enabled')), drainTimeoutInSec: num(get(drain, 'drainTimeoutInSec')) } : undefined,
      authenticationCertificates: refs(nested(c, 'authenticationCertificates', 'backendHttpSettingsCollection')),
      trustedRootCertificates: refs(nested(c, 'trustedRootCertificates', 'backendHttpSettingsCollection')),
      validateCertChainAndExpiry: bool(get(c.obj, 'validateCertChainAndExpiry')),
      validateSNI: bool(getAny(c.obj, 'validateSNI', 'validateSni')),
      sniName: str(get(c.obj, 'sniName')) || undefined,
      dedicatedBackendConnection: bool(get(c.obj, 'dedicatedBackendConnection')),
    };
  });

  const probes: Probe[] = collection('probes').map((c) => {
    const match = nested(c, 'match', 'probes');
    return {
      ...named(c),
      protocol: str(get(c.obj, 'protocol')),
      host: str(get(c.obj, 'host')) || undefined,
      path: str(get(c.obj, 'path')),
      interval: num(get(c.obj, 'interval')),
      timeout: num(get(c.obj, 'timeout')),
      unhealthyThreshold: num(get(c.obj, 'unhealthyThreshold')),
      port: num(get(c.obj, 'port')),
      pickHostNameFromBackendHttpSettings: bool(get(c.obj, 'pickHostNameFromBackendHttpSettings')),
      minServers: num(get(c.obj, 'minServers')),
      match: isObj(match) ? { statusCodes: strs(get(match, 'statusCodes')), body: str(get(match, 'body')) } : undefined,
    };
  });

  const certs = (key: string): Certificate[] =>
    collection(key).map((c) => ({
      ...named(c),
      publicCertData: str(get(c.obj, 'publicCertData')) || undefined,
      data: str(get(c.obj, 'data')) || undefined,
      keyVaultSecretId: str(get(c.obj, 'keyVaultSecretId')) || undefined,
    }));

  const wafRaw = get(raw, 'webApplicationFirewallConfiguration');
  const tagsRaw = getAny(raw, 'tags', 'tag');
  const tags: Record<string, string> = {};
  if (isObj(tagsRaw)) for (const k in tagsRaw) tags[k] = String(str(tagsRaw[k]) ?? '');

  return {
    id: gwId,
    name,
    source: src(pointer),
    form: ctx.form,
    resourceGroup,
    subscriptionId,
    location: str(get(raw, 'location')),
    sku,
    generation: generationOf(sku.name, sku.tier),
    autoscale,
    operationalState: str(get(raw, 'operationalState')),
    provisioningState: str(get(raw, 'provisioningState')),
    zones: strs(get(raw, 'zones')),
    tags,
    enableHttp2: bool(get(raw, 'enableHttp2')),
    gatewayIpConfigurations,
    frontendIpConfigurations,
    frontendPorts,
    httpListeners,
    requestRoutingRules,
    urlPathMaps,
    redirectConfigurations,
    rewriteRuleSets: collection('rewriteRuleSets').map(named),
    backendAddressPools,
    backendHttpSettingsCollection,
    probes,
    sslCertificates: certs('sslCertificates'),
    trustedRootCertificates: certs('trustedRootCertificates'),
    authenticationCertificates: certs('authenticationCertificates'),
    sslProfiles: collection('sslProfiles').map(named),
    waf: isObj(wafRaw) ? { enabled: bool(get(wafRaw, 'enabled')), firewallMode: str(get(wafRaw, 'firewallMode')) } : undefined,
    firewallPolicy: ref(get(raw, 'firewallPolicy')),
    lost,
  };
}

function hasMarker(v: unknown, depth = 0): boolean {
  return firstMarker(v, depth) !== undefined;
}

/** What readPlainAddress read (module state: no object per member). */
let plainIp: string | undefined;
let plainFqdn: string | undefined;

/**
 * `{ipAddress?, fqdn?}` in any letter case with string or null values and nothing else: true, with the trimmed,
 * non-empty, non-marker values in plainIp / plainFqdn; false for any other shape (the general path reads it).
 */
function readPlainAddress(o: Obj): boolean {
  plainIp = plainFqdn = undefined;
  let n = 0;
  for (const k in o) {
    if (++n > 2) return false;
    const v = o[k];
    if (v !== null && typeof v !== 'string') return false;
    const t = typeof v === 'string' && !isTruncationMarker(v as unknown) ? v.trim() || undefined : undefined;
    if (k === 'ipAddress' || k === 'IpAddress' || (k.length === 9 && k.toLowerCase() === 'ipaddress')) plainIp = t;
    else if (k === 'fqdn' || k === 'Fqdn' || (k.length === 4 && k.toLowerCase() === 'fqdn')) plainFqdn = t;
    else return false;
  }
  return true;
}

function firstMarker(v: unknown, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  if (typeof v === 'string') return isTruncationMarker(v) ? v : undefined;
  if (typeof v !== 'object' || v === null) return undefined;
  if (depth === 3) return undefined; // the children of a container at depth 3 are past the limit
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x !== 'string' && (typeof x !== 'object' || x === null)) continue;
      const m = firstMarker(x, depth + 1);
      if (m) return m;
    }
  } else {
    for (const k in v) {
      const x = (v as Obj)[k];
      if (typeof x !== 'string' && (typeof x !== 'object' || x === null)) continue;
      if (k.endsWith('Text')) continue;
      const m = firstMarker(x, depth + 1);
      if (m) return m;
    }
  }
  return undefined;
}

/** Does this object look like an Application Gateway (by type, or by its collections)? */
export function looksLikeGateway(o: unknown): boolean {
  if (!isObj(o)) return false;
  const type = str(get(o, 'type'));
  if (type) return /^Microsoft\.Network\/applicationGateways$/i.test(type);
  let hits = 0;
  for (const k of ['backendAddressPools', 'httpListeners', 'requestRoutingRules', 'backendHttpSettingsCollection', 'frontendPorts', 'gatewayIPConfigurations']) {
    if (get(o, k) !== undefined) hits++;
  }
  return hits >= 2;
}
