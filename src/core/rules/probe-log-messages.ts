/**
 * What backend health says about a server (`healthProbeLog` text or `healthProbeErrorName` code) → cause → fix,
 * in English and Korean. The table follows azure-facts.md §6 (HEALTH:
 * https://learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting).
 *
 * Real logs are worded differently across versions, so a message matches on stable fragments,
 * case-insensitively; the error codes (an open set) are tried first when present. Anything else is
 * "unrecognised" and shown verbatim. Shared by the rules, the traffic analysis and the view.
 */

export type ProbeLogKind =
  | 'probe-timeout'
  | 'dns'
  | 'connect'
  | 'status-mismatch'
  | 'body-mismatch'
  | 'cert-name'
  | 'cert-expired'
  | 'chain-intermediate'
  | 'chain-leaf'
  | 'not-well-known-ca'
  | 'intermediate-not-signed'
  | 'root-mismatch'
  | 'cert-verify'
  | 'not-allow-listed'
  | 'health-not-retrieved'
  | 'success';

export interface LocalText {
  cause: string;
  fix: string;
}

export interface ProbeLogMessage {
  kind: ProbeLogKind;
  /** Lower-case fragments of the documented (and observed) wording; any one matches. */
  fragments: string[];
  /** `healthProbeErrorName` codes, compared case-insensitively. */
  errorNames: string[];
  /** Which part of the guide the cause belongs to (for grouping in views). */
  area: 'probe' | 'network' | 'dns' | 'backend-tls' | 'backend-app' | 'none';
  en: LocalText;
  ko: LocalText;
}

/** Order matters: the first entry whose fragment occurs wins (more specific wording first). */
export const PROBE_LOG_MESSAGES: ProbeLogMessage[] = [
  {
    kind: 'success',
    fragments: ['success. received', 'probe succeeded'],
    errorNames: ['SuccessWithStatusCode'],
    area: 'none',
    en: { cause: 'The probe succeeded.', fix: 'Nothing to do for this server.' },
    ko: { cause: '프로브가 성공했습니다.', fix: '이 서버에 대해 할 일은 없습니다.' },
  },
  {
    kind: 'health-not-retrieved',
    fragments: ['backend health status could not be retrieved'],
    errorNames: ['GatewayNotReachable'],
    area: 'network',
    en: {
      cause: 'The backend health status could not be retrieved: an NSG, UDR or firewall on the gateway subnet blocks the management ports (65503-65534 on v1, 65200-65535 on v2), or the FQDN of the pool member could not be resolved.',
      fix: 'On the gateway subnet, allow inbound TCP from the GatewayManager service tag to the management ports and from AzureLoadBalancer, do not deny outbound Internet, and remove a 0.0.0.0/0 route to a virtual appliance (or a BGP default route) on v2. For FQDN members, check that the VNet\'s DNS resolves them.',
    },
    ko: {
      cause: '백엔드 상태를 가져올 수 없었습니다. 게이트웨이 서브넷의 NSG, UDR 또는 방화벽이 관리 포트(v1은 65503-65534, v2는 65200-65535)를 막고 있거나, 풀 멤버의 FQDN을 확인(resolve)할 수 없습니다.',
      fix: '게이트웨이 서브넷에서 GatewayManager 서비스 태그로부터 관리 포트로의 인바운드 TCP와 AzureLoadBalancer 인바운드를 허용하고, 아웃바운드 Internet을 거부하지 마세요. v2에서는 0.0.0.0/0을 가상 어플라이언스로 보내는 경로(또는 BGP 기본 경로)를 제거하세요. FQDN 멤버는 VNet의 DNS가 해당 이름을 확인하는지 점검하세요.',
    },
  },
  {
    kind: 'probe-timeout',
    fragments: ['more than the timeout threshold', 'time taken by the backend to respond'],
    errorNames: ['Timeout'],
    area: 'probe',
    en: {
      cause: 'The backend took longer to answer the health probe than the probe\'s time-out.',
      fix: 'Find out why the probe path is slow on the server (load, a slow dependency, a heavy page) and probe a light path. Raising the time-out needs a custom probe, and only helps a backend that is reachable but slow: a blocked connection can also time out, so check NSGs and routes too.',
    },
    ko: {
      cause: '백엔드가 상태 프로브에 응답하는 데 프로브의 시간 제한보다 오래 걸렸습니다.',
      fix: '서버에서 프로브 경로가 느린 이유(부하, 느린 종속 서비스, 무거운 페이지)를 찾고 가벼운 경로를 프로브하세요. 시간 제한을 늘리려면 사용자 지정 프로브가 필요하며, 연결은 되지만 느린 백엔드에만 도움이 됩니다. 차단된 연결도 시간 초과로 보일 수 있으므로 NSG와 경로도 확인하세요.',
    },
  },
  {
    kind: 'dns',
    fragments: ['could not create a probe for this backend', 'fqdn of the backend has not been entered correctly'],
    errorNames: ['HostNameNotResolved'],
    area: 'dns',
    en: {
      cause: 'The gateway could not resolve the pool member\'s FQDN, so it could not create a probe for it.',
      fix: 'Check the FQDN for typos. With custom DNS servers on the VNet, make sure they resolve the name (private names: link the private DNS zone or forward to 168.63.129.16); test from a VM in the same VNet with nslookup. After changing the VNet\'s DNS servers, stop and start the gateway.',
    },
    ko: {
      cause: '게이트웨이가 풀 멤버의 FQDN을 확인(resolve)하지 못해 해당 멤버에 대한 프로브를 만들 수 없었습니다.',
      fix: 'FQDN에 오타가 없는지 확인하세요. VNet에 사용자 지정 DNS 서버가 있으면 그 서버가 이름을 확인하는지 점검하세요(사설 이름은 Private DNS 영역을 VNet에 연결하거나 168.63.129.16으로 전달). 같은 VNet의 VM에서 nslookup으로 테스트하고, VNet의 DNS 서버를 바꾼 뒤에는 게이트웨이를 중지했다가 다시 시작하세요.',
    },
  },
  {
    kind: 'connect',
    fragments: ['could not connect to the backend', 'failed to connect to backend', 'unable to connect to the backend', 'cannot connect to backend'],
    errorNames: ['AddressNotReachable', 'PortNotReachable', 'ServerNotReachable'],
    area: 'network',
    en: {
      cause: 'The gateway could not open a TCP connection to the server on the probe port.',
      fix: 'Check that the server listens on that port (and its own firewall allows the gateway). Check the NSGs on the backend subnet and NIC (they must allow the gateway subnet, or the gateway\'s public IP for public backends) and the routes on both subnets (an appliance in the path must let the traffic through, symmetrically).',
    },
    ko: {
      cause: '게이트웨이가 프로브 포트로 서버에 TCP 연결을 열지 못했습니다.',
      fix: '서버가 해당 포트에서 수신 대기하는지, 서버 자체 방화벽이 게이트웨이를 허용하는지 확인하세요. 백엔드 서브넷과 NIC의 NSG가 게이트웨이 서브넷(공용 백엔드는 게이트웨이의 공용 IP)을 허용하는지, 두 서브넷의 경로가 올바른지(경로에 어플라이언스가 있다면 양방향 모두 통과시키는지) 확인하세요.',
    },
  },
  {
    kind: 'status-mismatch',
    fragments: ['status code of the backend\'s http response did not match', 'status code of the backend', 'did not match the probe setting. expected'],
    errorNames: ['HttpStatusCodeMismatchWithStatusCode', 'HttpStatusCodeMismatch'],
    area: 'probe',
    en: {
      cause: 'The server answered the probe with a status code outside the probe\'s accepted codes.',
      fix: 'Make the probe path answer with an accepted code, or change the probe (path, host, or match status codes) to what a healthy server returns.',
    },
    ko: {
      cause: '서버가 프로브에 허용 범위 밖의 상태 코드로 응답했습니다.',
      fix: '프로브 경로가 허용되는 코드로 응답하도록 하거나, 정상 서버가 반환하는 응답에 맞게 프로브(경로, 호스트 또는 일치 상태 코드)를 바꾸세요.',
    },
  },
  {
    kind: 'body-mismatch',
    fragments: ['body of the backend\'s http response did not match', 'response body doesn\'t contain', 'response body does not contain'],
    errorNames: ['HttpResponseBodyMismatch'],
    area: 'probe',
    en: {
      cause: 'The server\'s answer to the probe does not contain the string the probe\'s body match requires.',
      fix: 'Fix the page so it contains the string, or change the probe\'s match body (a plain substring, no regular expression).',
    },
    ko: {
      cause: '서버가 프로브에 보낸 응답 본문에 프로브의 본문 일치(match body) 문자열이 없습니다.',
      fix: '페이지에 해당 문자열이 들어가도록 고치거나, 프로브의 match body(정규식이 아닌 단순 부분 문자열)를 바꾸세요.',
    },
  },
  {
    kind: 'root-mismatch',
    fragments: ['root certificate of the server certificate used by the backend', 'backend server certificate is not trusted by root'],
    errorNames: ['BackendServerCertificateNotTrustedByRootCertificates', 'TrustedCertsNotLoaded'],
    area: 'backend-tls',
    en: {
      cause: 'The root of the backend certificate\'s chain is not the trusted root certificate uploaded to the backend settings (or the backend sends an incomplete chain).',
      fix: 'Upload the correct root CA certificate (.CER) of the backend certificate\'s chain to the backend settings, and make the backend send its full chain.',
    },
    ko: {
      cause: '백엔드 인증서 체인의 루트가 백엔드 설정에 업로드된 신뢰할 수 있는 루트 인증서와 다릅니다(또는 백엔드가 불완전한 체인을 보냅니다).',
      fix: '백엔드 인증서 체인의 올바른 루트 CA 인증서(.CER)를 백엔드 설정에 업로드하고, 백엔드가 전체 체인을 보내도록 하세요.',
    },
  },
  {
    kind: 'intermediate-not-signed',
    fragments: ['intermediate certificate not signed by any root', 'intermediate certificate is not signed by any root'],
    errorNames: [],
    area: 'backend-tls',
    en: {
      cause: 'The backend presents a leaf and an intermediate certificate, but the root that signed the intermediate is not uploaded to the gateway.',
      fix: 'Upload the private CA\'s root certificate (.CER) as a trusted root certificate on the backend settings.',
    },
    ko: {
      cause: '백엔드가 리프 인증서와 중간 인증서를 보내지만, 중간 인증서를 서명한 루트 인증서가 게이트웨이에 업로드되어 있지 않습니다.',
      fix: '사설 CA의 루트 인증서(.CER)를 백엔드 설정의 신뢰할 수 있는 루트 인증서로 업로드하세요.',
    },
  },
  {
    kind: 'chain-intermediate',
    fragments: ['intermediate certificate is missing', 'only leaf certificate is present'],
    errorNames: ['IncompleteBackendCertificateChainOnlyLeafCertificateIsPresent'],
    area: 'backend-tls',
    en: {
      cause: 'The backend sends its leaf certificate without the intermediate certificate(s) (or uses a self-signed certificate that is not a CA).',
      fix: 'Install the intermediate certificates on the backend so it sends leaf → intermediate(s) → root, in that order.',
    },
    ko: {
      cause: '백엔드가 중간 인증서 없이 리프 인증서만 보냅니다(또는 CA가 아닌 자체 서명 인증서를 사용합니다).',
      fix: '백엔드에 중간 인증서를 설치해 리프 → 중간 인증서 → 루트 순서로 체인을 보내도록 하세요.',
    },
  },
  {
    kind: 'chain-leaf',
    fragments: ['leaf certificate is missing', 'leaf certificate is not the topmost'],
    errorNames: ['IncorrectBackendCertificateChainLeafCertificateIsNotTopmostCertificate', 'IncorrectBackendCertificateChainMissingLeafCertificate'],
    area: 'backend-tls',
    en: {
      cause: 'The certificate chain the backend sends is out of order: the leaf certificate is missing or not first.',
      fix: 'Reorder the chain on the backend (leaf first, then intermediates); check with openssl s_client -connect <ip>:443 -servername <sni> -showcerts.',
    },
    ko: {
      cause: '백엔드가 보내는 인증서 체인의 순서가 잘못되었습니다. 리프 인증서가 없거나 맨 앞에 있지 않습니다.',
      fix: '백엔드에서 체인 순서를 고치세요(리프가 먼저, 그다음 중간 인증서). openssl s_client -connect <ip>:443 -servername <sni> -showcerts로 확인할 수 있습니다.',
    },
  },
  {
    kind: 'cert-name',
    fragments: ['common name of the leaf certificate', 'common name (cn) of the backend certificate', 'does not match the probe or backend setting hostname', 'cn of the backend certificate'],
    errorNames: ['BackendCertInvalidCN', 'BackendCertificateCNMismatchWithProbeHostName'],
    area: 'backend-tls',
    en: {
      cause: 'The name in the backend certificate does not match the host name the gateway checks (v2: the probe host, else the settings host name; SAN first, CN only without SAN — v1: the pool member\'s FQDN against the CN).',
      fix: 'v2: set the probe\'s host, or the settings\' host name (override or pick from the backend target), to a name the certificate carries. v1: use that FQDN as the pool member. Or reissue the certificate for the name used.',
    },
    ko: {
      cause: '백엔드 인증서의 이름이 게이트웨이가 확인하는 호스트 이름과 다릅니다(v2: 프로브의 host, 없으면 백엔드 설정의 호스트 이름과 비교하며 SAN을 먼저 보고 SAN이 없을 때만 CN을 봄 — v1: 풀 멤버의 FQDN과 CN을 비교).',
      fix: 'v2: 프로브의 host 또는 백엔드 설정의 호스트 이름(재정의 또는 백엔드 대상에서 선택)을 인증서에 있는 이름으로 설정하세요. v1: 그 FQDN을 풀 멤버로 사용하세요. 또는 사용하는 이름으로 인증서를 다시 발급하세요.',
    },
  },
  {
    kind: 'cert-expired',
    fragments: ['current date is not within the', 'valid from" and "valid to', 'certificate has expired', 'certificate is expired'],
    errorNames: ['BackendServerCertificateExpired'],
    area: 'backend-tls',
    en: {
      cause: 'The backend certificate is expired or not yet valid.',
      fix: 'Renew the certificate on the backend and install it with its full chain. v1: upload the new .CER as the authentication certificate; v2 with a private CA: upload the new root if it changed.',
    },
    ko: {
      cause: '백엔드 인증서가 만료되었거나 아직 유효 기간이 시작되지 않았습니다.',
      fix: '백엔드의 인증서를 갱신하고 전체 체인과 함께 설치하세요. v1: 새 .CER를 인증 인증서로 업로드하세요. 사설 CA를 쓰는 v2: 루트가 바뀌었다면 새 루트를 업로드하세요.',
    },
  },
  {
    kind: 'not-well-known-ca',
    fragments: ['not signed by a well-known certificate authority', 'not signed by a well known certificate authority'],
    errorNames: ['BackendServerCertificateNotTrustedByWellKnownCAs'],
    area: 'backend-tls',
    en: {
      cause: 'The backend settings trust only well-known CAs, but the backend certificate comes from a private CA (or is self-signed).',
      fix: 'In the backend settings choose that the certificate is not from a well-known CA and upload the private root CA certificate (.CER) as a trusted root.',
    },
    ko: {
      cause: '백엔드 설정이 잘 알려진(well-known) CA만 신뢰하는데, 백엔드 인증서는 사설 CA에서 발급되었거나 자체 서명되었습니다.',
      fix: '백엔드 설정에서 잘 알려진 CA가 아님을 선택하고, 사설 루트 CA 인증서(.CER)를 신뢰할 수 있는 루트로 업로드하세요.',
    },
  },
  {
    kind: 'cert-verify',
    fragments: ['validity of the backend certificate could not be verified', 'openssl diagnostics'],
    errorNames: ['CertVerificationFailed', 'BackendCertInvalidCA', 'BackendSecureConnectionError'],
    area: 'backend-tls',
    en: {
      cause: 'The gateway could not verify the backend certificate.',
      fix: 'Look up the OpenSSL error code in the message and check how the certificate was created (key usage, chain, signature algorithm); test with openssl s_client against the backend.',
    },
    ko: {
      cause: '게이트웨이가 백엔드 인증서를 검증하지 못했습니다.',
      fix: '메시지의 OpenSSL 오류 코드를 확인하고 인증서가 어떻게 만들어졌는지(키 용도, 체인, 서명 알고리즘) 점검하세요. 백엔드에 openssl s_client로 테스트해 보세요.',
    },
  },
  {
    kind: 'not-allow-listed',
    fragments: ['isn\'t allow-listed', 'is not allow-listed', 'not allow-listed with application gateway', 'is not whitelisted', 'isn\'t whitelisted'],
    errorNames: ['BackendServerCertificateNotWhitelisted'],
    area: 'backend-tls',
    en: {
      cause: 'v1: the authentication certificate uploaded to the backend settings is not the certificate the server presents (with an IP member and no SNI, the server presents its default certificate).',
      fix: 'Export the server\'s certificate (.CER, public key) and upload it as the authentication certificate; its CN must match the pool member\'s FQDN.',
    },
    ko: {
      cause: 'v1: 백엔드 설정에 업로드된 인증 인증서가 서버가 제시하는 인증서와 다릅니다(IP 멤버라 SNI가 없으면 서버는 기본 인증서를 제시합니다).',
      fix: '서버 인증서(.CER, 공개 키)를 내보내 인증 인증서로 업로드하세요. 그 CN은 풀 멤버의 FQDN과 일치해야 합니다.',
    },
  },
];

/** Why a probe gets a status code, and what to do (HEALTH per-code advice; GUIDE-2026 for redirects). */
export function statusCodeAdvice(code: number): { en: string; ko: string } {
  if (code === 301 || code === 302 || code === 307 || code === 308) {
    return {
      en: `${code} is a redirect (often HTTP → HTTPS, or to a login page): accept it in the probe's match codes, or probe over the protocol and path that answer 200 directly.`,
      ko: `${code}은(는) 리디렉션입니다(대개 HTTP → HTTPS 또는 로그인 페이지로). 프로브의 일치 코드에 이 코드를 포함하거나, 200을 바로 반환하는 프로토콜과 경로로 프로브하세요.`,
    };
  }
  switch (code) {
    case 400:
      return {
        en: '400 Bad Request usually means the server rejects the Host header the probe sends (for example 127.0.0.1 or an IP): set the probe host to the site\'s name.',
        ko: '400 Bad Request는 대개 서버가 프로브가 보내는 Host 헤더(예: 127.0.0.1 또는 IP)를 거부한다는 뜻입니다. 프로브 host를 사이트 이름으로 설정하세요.',
      };
    case 401:
      return {
        en: '401 Unauthorized: probes send no credentials. Allow 401 in the probe\'s match codes, or probe a path that needs no authentication.',
        ko: '401 Unauthorized: 프로브는 자격 증명을 보내지 않습니다. 프로브의 일치 코드에 401을 허용하거나 인증이 필요 없는 경로를 프로브하세요.',
      };
    case 403:
      return {
        en: '403 Forbidden: the server refuses the probe (IP restrictions, access rules, a WAF on the backend). Allow the gateway\'s addresses or probe an open path.',
        ko: '403 Forbidden: 서버가 프로브를 거부합니다(IP 제한, 액세스 규칙, 백엔드의 WAF 등). 게이트웨이 주소를 허용하거나 열려 있는 경로를 프로브하세요.',
      };
    case 404:
      return {
        en: '404 Not Found: the probe path does not exist on the server, or the host name the probe sends selects another site (multi-site servers, App Service). Fix the path or the probe\'s host.',
        ko: '404 Not Found: 서버에 프로브 경로가 없거나, 프로브가 보내는 호스트 이름이 다른 사이트를 선택합니다(다중 사이트 서버, App Service). 경로 또는 프로브의 host를 고치세요.',
      };
    case 405:
      return {
        en: '405 Method Not Allowed: probes use GET; the path does not accept GET. Probe a path that does.',
        ko: '405 Method Not Allowed: 프로브는 GET을 사용하는데 이 경로는 GET을 받지 않습니다. GET을 받는 경로를 프로브하세요.',
      };
    case 421:
      return {
        en: '421 Misdirected Request: the server does not serve the host name (or SNI) the probe sends. Set the probe\'s host to the site\'s name.',
        ko: '421 Misdirected Request: 서버가 프로브가 보내는 호스트 이름(또는 SNI)을 제공하지 않습니다. 프로브 host를 사이트 이름으로 설정하세요.',
      };
    default:
      if (code >= 500) {
        return {
          en: `${code}: the application on the server fails on the probe path. Check the application's logs and its dependencies; a probe path that checks a database fails whenever the database does.`,
          ko: `${code}: 서버의 애플리케이션이 프로브 경로에서 실패합니다. 애플리케이션 로그와 종속 서비스를 확인하세요. 데이터베이스를 확인하는 프로브 경로는 데이터베이스가 실패할 때마다 함께 실패합니다.`,
        };
      }
      return {
        en: `${code}: make the probe path answer with an accepted code, or accept ${code} in the probe's match codes if it means healthy.`,
        ko: `${code}: 프로브 경로가 허용되는 코드로 응답하도록 하거나, ${code}이(가) 정상을 뜻한다면 프로브의 일치 코드에 포함하세요.`,
      };
  }
}

export interface ProbeLogMatch {
  message?: ProbeLogMessage;
  /** Status code the server returned (status mismatch). */
  received?: number;
  /** Expected codes as the log writes them. */
  expected?: string;
  /** The string a body match looked for. */
  bodyString?: string;
}

const byErrorName = new Map<string, ProbeLogMessage>();
for (const m of PROBE_LOG_MESSAGES) for (const n of m.errorNames) byErrorName.set(n.toLowerCase(), m);

// Pools of 1,200 servers repeat the same few messages: remember recent answers (bounded).
const matchCache = new Map<string, ProbeLogMatch | undefined>();
const MATCH_CACHE_MAX = 2000;

/** Match a server's probe log / error code; `message` is undefined for unrecognised text. */
export function matchProbeLog(log?: string, errorName?: string): ProbeLogMatch | undefined {
  const key = `${errorName ?? ''}\u0000${log ?? ''}`;
  if (matchCache.has(key)) return matchCache.get(key);
  const out = matchUncached(log, errorName);
  if (matchCache.size >= MATCH_CACHE_MAX) matchCache.clear();
  matchCache.set(key, out);
  return out;
}

function matchUncached(log?: string, errorName?: string): ProbeLogMatch | undefined {
  const text = (log ?? '').trim();
  const code = (errorName ?? '').trim();
  if (!text && !code) return undefined;
  let message = code ? byErrorName.get(code.toLowerCase()) : undefined;
  const lower = text.toLowerCase();
  if (!message && lower) message = PROBE_LOG_MESSAGES.find((m) => m.fragments.some((f) => lower.includes(f)));
  const out: ProbeLogMatch = { message };
  const st = /expected\s*:?\s*([^\n]*?)\s*received\s*:?\s*(\d{3})/i.exec(text);
  if (st) {
    out.expected = st[1].replace(/[.,;\s]+$/, '');
    out.received = Number(st[2]);
  } else if (message?.kind === 'status-mismatch' || message?.kind === 'success') {
    const m = /(?:received|status code)\D{0,12}(\d{3})\b/i.exec(text) ?? /(\d{3})$/.exec(code);
    if (m) out.received = Number(m[1]);
  }
  const body = /doesn'?t contain\s+(.+?)\.?\s*$|does not contain\s+(.+?)\.?\s*$/i.exec(text);
  if (body) out.bodyString = (body[1] ?? body[2]).trim();
  return out;
}

/** Cause and fix for a match in both languages, with the per-code advice for status mismatches. */
export function describeProbeLog(m: ProbeLogMatch): { en: LocalText; ko: LocalText } | undefined {
  if (!m.message) return undefined;
  const en = { ...m.message.en };
  const ko = { ...m.message.ko };
  if (m.message.kind === 'status-mismatch' && m.received !== undefined) {
    const a = statusCodeAdvice(m.received);
    en.cause = `The server answered ${m.received}${m.expected ? ` while the probe accepts ${m.expected}` : ''}.`;
    ko.cause = `서버가 ${m.received}(으)로 응답했습니다${m.expected ? `(프로브 허용 코드: ${m.expected})` : ''}.`;
    en.fix = a.en;
    ko.fix = a.ko;
  }
  if (m.message.kind === 'body-mismatch' && m.bodyString) {
    en.cause = `The server's answer does not contain ${m.bodyString}, which the probe's body match requires.`;
    ko.cause = `서버 응답에 프로브의 본문 일치 문자열 ${m.bodyString}이(가) 없습니다.`;
  }
  return { en, ko };
}
