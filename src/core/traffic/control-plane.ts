/**
 * Control-plane errors (a failed deployment, an update, an activity-log entry) pasted as JSON or text: the error
 * codes azure-facts.md names (sections 4, 8) with what each means and how to fix it, in English and Korean.
 * Sources: GUIDE-2026 and its related articles
 * (troubleshoot-application-gateway-deployment-scaling-deletion-failures, troubleshoot-appgw-failed-state-issues),
 * INFRA, PRIVATE.
 */
import type { SourceRef } from '../model/types';
import type { ControlPlaneError } from './types';

export interface CodeInfo {
  docs: string;
  title: { en: string; ko: string };
  explanation: { en: string; ko: string };
  fix: { en: string; ko: string };
  /** Commands (placeholders `{gateway}`, `{resourceGroup}`). */
  az: string[];
  powershell: string[];
}

const DEPLOY = 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-application-gateway-deployment-scaling-deletion-failures';
const FAILED = 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-appgw-failed-state-issues';
const GUIDE_2026 = 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway';
const INFRA = 'https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure';
const PRIVATE = 'https://learn.microsoft.com/azure/application-gateway/application-gateway-private-deployment';

/** A text in both languages: [English, Korean]. */
type Both = readonly [en: string, ko: string];

const both = ([en, ko]: Both) => ({ en, ko });

/** One code's entry: its docs, title, explanation and fix ([English, Korean] each), then its az and PowerShell lines. */
function code(docs: string, title: Both, explanation: Both, fix: Both, az: string[], powershell: string[]): CodeInfo {
  return { docs, title: both(title), explanation: both(explanation), fix: both(fix), az, powershell };
}

export const CONTROL_PLANE_CODES: Record<string, CodeInfo> = {
  ApplicationGatewaySubnetInboundTrafficBlockedByNetworkSecurityGroup: code(DEPLOY,
    ['The gateway subnet\'s NSG blocks the management ports', '게이트웨이 서브넷의 NSG가 관리 포트를 차단합니다'],
    ['Azure refused the change: an NSG on the subnet of a v2 gateway blocks inbound traffic from the GatewayManager service tag on TCP 65200-65535, which the platform needs to manage the instances and report backend health. The deployment or update fails; a gateway that still runs keeps its previous configuration.',
     'Azure가 변경을 거부했습니다. v2 게이트웨이 서브넷의 NSG가 GatewayManager 서비스 태그에서 오는 TCP 65200-65535 인바운드 트래픽을 차단합니다. 플랫폼은 이 포트로 인스턴스를 관리하고 백엔드 상태를 보고합니다. 배포나 업데이트는 실패하며, 이미 실행 중인 게이트웨이는 이전 구성을 유지합니다.'],
    ['Add an inbound Allow rule to the gateway subnet\'s NSG: source service tag GatewayManager, destination Any, TCP 65200-65535 (v1: 65503-65534), with a lower priority number than the Deny that blocks it; keep AzureLoadBalancer allowed. Then run the deployment again.',
     '게이트웨이 서브넷의 NSG에 인바운드 Allow 규칙을 추가하세요: 원본 서비스 태그 GatewayManager, 대상 Any, TCP 65200-65535(v1은 65503-65534), 차단하는 Deny보다 작은 우선순위 숫자. AzureLoadBalancer 허용도 유지하세요. 그런 다음 배포를 다시 실행하세요.'],
    ['az network nsg rule create -g <nsg-resource-group> --nsg-name <gateway-subnet-nsg> -n AllowGatewayManager --priority 100 --direction Inbound --access Allow --protocol Tcp --source-address-prefixes GatewayManager --destination-address-prefixes "*" --destination-port-ranges 65200-65535'],
    ['Get-AzNetworkSecurityGroup -Name <gateway-subnet-nsg> -ResourceGroupName <nsg-resource-group> | Add-AzNetworkSecurityRuleConfig -Name AllowGatewayManager -Priority 100 -Direction Inbound -Access Allow -Protocol Tcp -SourceAddressPrefix GatewayManager -SourcePortRange * -DestinationAddressPrefix * -DestinationPortRange 65200-65535 | Set-AzNetworkSecurityGroup']),
  ApplicationGatewayPortNotValidForProtocol: code(GUIDE_2026,
    ['Listener protocol and frontend port do not fit', '리스너 프로토콜과 프런트엔드 포트가 맞지 않습니다'],
    ['Azure refused a listener whose protocol does not fit its frontend port — for example an Http listener on port 443 (GUIDE-2026 Resolution E).',
     'Azure가 프런트엔드 포트와 프로토콜이 맞지 않는 리스너를 거부했습니다. 예를 들어 포트 443의 Http 리스너입니다(GUIDE-2026 해결 방법 E).'],
    ['Make the listener Https with a certificate when it uses port 443, or move an Http listener to a port such as 80; then deploy again.',
     '포트 443을 쓰는 리스너는 인증서와 함께 Https로 바꾸거나, Http 리스너는 80 같은 포트로 옮긴 뒤 다시 배포하세요.'],
    ['az network application-gateway http-listener list -g {resourceGroup} --gateway-name {gateway} -o table', 'az network application-gateway frontend-port list -g {resourceGroup} --gateway-name {gateway} -o table'],
    ['(Get-AzApplicationGateway -Name {gateway} -ResourceGroupName {resourceGroup}).HttpListeners | Select-Object Name, Protocol, FrontendPort']),
  ApplicationGatewayBackendHttpSettingsIncompatibleProbeSettingPickHostName: code(GUIDE_2026,
    ['Probe picks its host from settings that have none', '프로브가 호스트 이름이 없는 설정에서 호스트를 가져오려 합니다'],
    ['A custom probe has pickHostNameFromBackendHttpSettings = true, but the backend settings that use it have neither a hostName nor pickHostNameFromBackendAddress = true, so the probe would have no host to send (GUIDE-2026 step 3).',
     '사용자 지정 프로브의 pickHostNameFromBackendHttpSettings가 true인데, 이 프로브를 쓰는 백엔드 설정에 hostName도 없고 pickHostNameFromBackendAddress도 true가 아니어서 프로브가 보낼 호스트가 없습니다(GUIDE-2026 3단계).'],
    ['Give the probe an explicit host (and set pickHostNameFromBackendHttpSettings to false), or give the backend settings a host name (override with a specific domain name, or pick the host name from the backend target); then deploy again.',
     '프로브에 호스트를 직접 지정하고 pickHostNameFromBackendHttpSettings를 false로 하거나, 백엔드 설정에 호스트 이름(특정 도메인 이름으로 재정의 또는 백엔드 대상에서 호스트 이름 선택)을 지정한 뒤 다시 배포하세요.'],
    ['az network application-gateway probe update -g {resourceGroup} --gateway-name {gateway} -n <probe> --host <host-name> --host-name-from-http-settings false'],
    ['(Get-AzApplicationGateway -Name {gateway} -ResourceGroupName {resourceGroup}).Probes | Select-Object Name, Host, PickHostNameFromBackendHttpSettings']),
  ApplicationGatewayBackendHttpSettingsCannotHaveTrustedRootCertificate: code(GUIDE_2026,
    ['Trusted root certificate on non-HTTPS backend settings', 'HTTPS가 아닌 백엔드 설정에 신뢰할 수 있는 루트 인증서가 있습니다'],
    ['Azure refused backend settings that carry trusted root certificates while their protocol is not Https: root certificates only apply to HTTPS to the backend (GUIDE-2026 Resolution F).',
     'Azure가 프로토콜이 Https가 아닌데 신뢰할 수 있는 루트 인증서를 가진 백엔드 설정을 거부했습니다. 루트 인증서는 백엔드로 HTTPS를 쓸 때만 적용됩니다(GUIDE-2026 해결 방법 F).'],
    ['Set the backend settings to Https (usually port 443) first, then attach the root certificate; or remove the root certificate from settings that stay Http.',
     '먼저 백엔드 설정을 Https(보통 포트 443)로 바꾼 뒤 루트 인증서를 연결하세요. Http로 유지할 설정이라면 루트 인증서를 제거하세요.'],
    ['az network application-gateway http-settings update -g {resourceGroup} --gateway-name {gateway} -n <settings> --protocol Https --port 443 --root-certs <root-cert-name>'],
    ['(Get-AzApplicationGateway -Name {gateway} -ResourceGroupName {resourceGroup}).BackendHttpSettingsCollection | Select-Object Name, Protocol, Port, TrustedRootCertificates']),
  SubnetTooSmall: code(DEPLOY,
    ['The gateway subnet is too small', '게이트웨이 서브넷이 너무 작습니다'],
    ['The subnet has too few free addresses for the instances the gateway may scale to: Azure keeps 5 addresses per subnet, and the gateway needs one per instance plus one per private frontend IP (INFRA). v2 scales up to 125 instances (a /24 is recommended), v1 up to 32 (/26 recommended).',
     '게이트웨이가 확장할 수 있는 인스턴스 수에 비해 서브넷의 빈 주소가 부족합니다. Azure는 서브넷마다 주소 5개를 예약하고, 게이트웨이는 인스턴스마다 1개와 프라이빗 프런트엔드 IP마다 1개가 필요합니다(INFRA). v2는 최대 125개 인스턴스(/24 권장), v1은 최대 32개(/26 권장)까지 확장됩니다.'],
    ['Use a larger dedicated subnet for the gateway (a /24 for v2), or lower the maximum instance count (autoscale maxCapacity) to what the subnet can hold.',
     '게이트웨이 전용으로 더 큰 서브넷(v2는 /24)을 사용하거나, 최대 인스턴스 수(autoscale maxCapacity)를 서브넷이 수용할 수 있는 수로 낮추세요.'],
    ['az network application-gateway update -g {resourceGroup} -n {gateway} --max-capacity <instances-that-fit>'],
    ['Get-AzVirtualNetworkSubnetConfig -Name <gateway-subnet> -VirtualNetwork (Get-AzVirtualNetwork -Name <vnet> -ResourceGroupName <vnet-resource-group>)']),
  ApplicationGatewaySubnetUserDefinedRouteNotAllowed: code(INFRA,
    ['A route on the gateway subnet is not supported', '게이트웨이 서브넷의 경로가 지원되지 않습니다'],
    ['The route table on a v2 gateway subnet has a route Azure does not support there — typically 0.0.0.0/0 to a virtual appliance, a hub or on-premises (forced tunnelling). A standard v2 gateway supports only: BGP route propagation disabled, 0.0.0.0/0 with next hop Internet, and the AKS kubenet route table (INFRA). The private-only deployment (network isolation) allows such routes (PRIVATE).',
     'v2 게이트웨이 서브넷의 경로 테이블에 Azure가 지원하지 않는 경로가 있습니다. 보통 0.0.0.0/0을 가상 어플라이언스, 허브 또는 온-프레미스로 보내는 경로(강제 터널링)입니다. 표준 v2 게이트웨이는 BGP 경로 전파 비활성화, 다음 홉이 Internet인 0.0.0.0/0, AKS kubenet 경로 테이블만 지원합니다(INFRA). 프라이빗 전용 배포(네트워크 격리)에서는 이런 경로가 허용됩니다(PRIVATE).'],
    ['Route 0.0.0.0/0 to Internet on the gateway subnet and disable BGP route propagation on its route table (send only the backend prefixes to the appliance, symmetrically); or use the private-only v2 deployment if forced tunnelling is required.',
     '게이트웨이 서브넷에서 0.0.0.0/0의 다음 홉을 Internet으로 하고 경로 테이블의 BGP 경로 전파를 비활성화하세요(어플라이언스로는 백엔드 접두사만 대칭으로 보내세요). 강제 터널링이 꼭 필요하면 프라이빗 전용 v2 배포를 사용하세요.'],
    ['az network route-table route create -g <route-table-resource-group> --route-table-name <route-table> -n default-to-internet --address-prefix 0.0.0.0/0 --next-hop-type Internet', 'az network route-table update -g <route-table-resource-group> -n <route-table> --disable-bgp-route-propagation true'],
    ['Get-AzRouteTable -Name <route-table> -ResourceGroupName <route-table-resource-group> | Add-AzRouteConfig -Name default-to-internet -AddressPrefix 0.0.0.0/0 -NextHopType Internet | Set-AzRouteTable']),
  ApplicationGatewayFrontendIpCannotHavePublicIpAndSubnet: code(PRIVATE,
    ['Frontend IP configuration not accepted', '프런트엔드 IP 구성이 허용되지 않습니다'],
    ['A frontend IP configuration must be either public (a public IP address) or private (a subnet and a private IP), never both. azure-facts.md also records this code for a Standard_v2/WAF_v2 gateway deployed without a public frontend while the subscription lacks the EnableApplicationGatewayNetworkIsolation feature (private-only deployment, PRIVATE).',
     '프런트엔드 IP 구성은 퍼블릭(퍼블릭 IP 주소) 또는 프라이빗(서브넷과 프라이빗 IP) 중 하나여야 하며 둘 다일 수 없습니다. 또한 구독에 EnableApplicationGatewayNetworkIsolation 기능이 없는 상태에서 퍼블릭 프런트엔드 없이 Standard_v2/WAF_v2 게이트웨이를 배포할 때도 이 코드가 나옵니다(프라이빗 전용 배포, PRIVATE).'],
    ['Use two frontend IP configurations — one with only the public IP, one with only the subnet and private IP. For a private-only v2 gateway, register EnableApplicationGatewayNetworkIsolation on the subscription first (az feature register --namespace Microsoft.Network --name EnableApplicationGatewayNetworkIsolation).',
     '프런트엔드 IP 구성을 두 개로 나누세요. 하나는 퍼블릭 IP만, 다른 하나는 서브넷과 프라이빗 IP만 갖게 합니다. 프라이빗 전용 v2 게이트웨이라면 먼저 구독에 EnableApplicationGatewayNetworkIsolation을 등록하세요(az feature register --namespace Microsoft.Network --name EnableApplicationGatewayNetworkIsolation).'],
    ['az feature register --namespace Microsoft.Network --name EnableApplicationGatewayNetworkIsolation', 'az network application-gateway frontend-ip list -g {resourceGroup} --gateway-name {gateway} -o table'],
    ['Register-AzProviderFeature -FeatureName EnableApplicationGatewayNetworkIsolation -ProviderNamespace Microsoft.Network']),
  InvalidSubnet: code(DEPLOY,
    ['The subnet cannot hold this gateway', '이 서브넷에는 게이트웨이를 둘 수 없습니다'],
    ['The subnet is not valid for an application gateway: the gateway subnet must be dedicated (no VMs or other resources; v1 and v2 gateways cannot share it), must not be the GatewaySubnet reserved for VPN gateways, and must exist in the gateway\'s region (INFRA).',
     '이 서브넷은 애플리케이션 게이트웨이에 쓸 수 없습니다. 게이트웨이 서브넷은 전용이어야 하고(VM 등 다른 리소스가 없어야 하며, v1과 v2 게이트웨이는 함께 쓸 수 없음), VPN 게이트웨이용으로 예약된 GatewaySubnet이 아니어야 하며, 게이트웨이와 같은 지역에 있어야 합니다(INFRA).'],
    ['Create or pick a dedicated, empty subnet (not named GatewaySubnet) in the gateway\'s VNet and region, and deploy the gateway into it.',
     '게이트웨이의 VNet과 지역에 GatewaySubnet이 아닌 비어 있는 전용 서브넷을 만들거나 골라 그 서브넷에 게이트웨이를 배포하세요.'],
    ['az network vnet subnet show -g <vnet-resource-group> --vnet-name <vnet> -n <gateway-subnet> --query "{prefix:addressPrefix, ipConfigurations:ipConfigurations[].id, delegations:delegations}"'],
    ['Get-AzVirtualNetworkSubnetConfig -Name <gateway-subnet> -VirtualNetwork (Get-AzVirtualNetwork -Name <vnet> -ResourceGroupName <vnet-resource-group>)']),
  InvalidResourceReference: code(DEPLOY,
    ['A reference points at a resource that does not exist', '존재하지 않는 리소스를 참조합니다'],
    ['A resource id in the request does not resolve: a rule naming a listener, pool, settings or probe that is not in the gateway, a wrong subnet or public IP id, or a resource in another subscription or region. The message names the id.',
     '요청의 리소스 ID가 실제 리소스로 연결되지 않습니다. 게이트웨이에 없는 리스너·풀·설정·프로브를 가리키는 규칙, 잘못된 서브넷이나 퍼블릭 IP ID, 다른 구독이나 지역의 리소스 등입니다. 메시지에 해당 ID가 나옵니다.'],
    ['Correct the id the message names (same subscription, resource group, name and spelling), or create the missing resource first; then deploy again.',
     '메시지에 나온 ID(구독, 리소스 그룹, 이름, 철자)를 바로잡거나 빠진 리소스를 먼저 만든 뒤 다시 배포하세요.'],
    ['az resource show --ids <id-from-the-message>'],
    ['Get-AzResource -ResourceId <id-from-the-message>']),
  ApplicationGatewayKeyVaultSecretException: code(FAILED,
    ['The gateway cannot read its certificate from Key Vault', '게이트웨이가 Key Vault에서 인증서를 읽을 수 없습니다'],
    ['The gateway could not fetch a listener certificate from Key Vault, and the operation left it in the Failed state (troubleshoot-appgw-failed-state-issues). Usual causes: the gateway\'s user-assigned identity lost Get permission on secrets, the secret or certificate was disabled or deleted, the Key Vault firewall does not let trusted Microsoft services in, or DNS cannot resolve the vault (a top-level vaultcore.azure.net private zone breaks it).',
     '게이트웨이가 Key Vault에서 리스너 인증서를 가져오지 못해 작업 후 Failed 상태가 되었습니다(troubleshoot-appgw-failed-state-issues). 흔한 원인: 게이트웨이의 사용자 할당 ID에 비밀 Get 권한이 없어짐, 비밀이나 인증서가 비활성화·삭제됨, Key Vault 방화벽이 신뢰할 수 있는 Microsoft 서비스를 허용하지 않음, DNS가 볼트 이름을 확인하지 못함(최상위 vaultcore.azure.net 프라이빗 영역은 문제를 일으킴).'],
    ['Give the gateway\'s identity Get on secrets (the Key Vault Secrets User role, or an access policy), re-enable or restore the secret (reference it without a version), allow trusted Microsoft services through the vault firewall, and check DNS; then re-apply the configuration with a no-op update.',
     '게이트웨이 ID에 비밀 Get 권한(Key Vault Secrets User 역할 또는 액세스 정책)을 주고, 비밀을 다시 활성화하거나 복원하고(버전 없이 참조), 볼트 방화벽에서 신뢰할 수 있는 Microsoft 서비스를 허용하고, DNS를 확인하세요. 그런 다음 변경 없는 업데이트로 구성을 다시 적용하세요.'],
    ['az network application-gateway update -g {resourceGroup} -n {gateway}', 'az network application-gateway ssl-cert list -g {resourceGroup} --gateway-name {gateway} --query "[].{name:name, secret:keyVaultSecretId}"'],
    ['$gw = Get-AzApplicationGateway -Name {gateway} -ResourceGroupName {resourceGroup}', 'Set-AzApplicationGateway -ApplicationGateway $gw']),
};

export const KNOWN_CODES = Object.keys(CONTROL_PLANE_CODES);

const KNOWN_LOWER = new Map(KNOWN_CODES.map((c) => [c.toLowerCase(), c]));
const CODE_RE = new RegExp(`\\b(${KNOWN_CODES.join('|')})\\b`, 'gi');

export function canonicalCode(code: string): string {
  return KNOWN_LOWER.get(code.trim().toLowerCase()) ?? code.trim();
}

export function isKnownCode(code: string): boolean {
  return KNOWN_LOWER.has(code.trim().toLowerCase());
}

/** Does the text name a known control-plane code (cheap: used to sniff)? */
export function mentionsKnownCode(text: string): boolean {
  CODE_RE.lastIndex = 0;
  return CODE_RE.test(text);
}

const lowerKey = (k: string) => k.toLowerCase().replace(/_/g, '');

function prop(o: Record<string, unknown>, name: string): unknown {
  const want = name.toLowerCase();
  for (const k in o) if (lowerKey(k) === want) return o[k];
  return undefined;
}

const GENERIC = new Set(['deploymentfailed', 'resourcedeploymentfailure', 'badrequest', 'conflict', 'invalidtemplatedeployment', 'internalservererror']);

/**
 * Every `{code, message}` in a JSON value (ARM error bodies, deployment operations, activity-log entries whose
 * statusMessage is itself JSON). Wrapper codes (DeploymentFailed) are kept only when nothing more specific is there.
 */
export function errorsInJson(value: unknown, source: SourceRef): ControlPlaneError[] {
  const found: ControlPlaneError[] = [];
  const seen = new Set<string>();
  let budget = 20000;
  const walk = (v: unknown, ctx: { target?: string; operation?: string; time?: string }, depth: number): void => {
    if (budget-- <= 0 || depth > 40 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, ctx, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    const next = { ...ctx };
    const target = prop(o, 'targetresource');
    if (target && typeof target === 'object') next.target = String(prop(target as Record<string, unknown>, 'id') ?? prop(target as Record<string, unknown>, 'resourcename') ?? '') || next.target;
    const rid = prop(o, 'resourceid');
    if (typeof rid === 'string') next.target = rid;
    const op = prop(o, 'operationname');
    if (typeof op === 'string') next.operation = op;
    else if (op && typeof op === 'object') next.operation = String(prop(op as Record<string, unknown>, 'value') ?? '') || next.operation;
    const ts = prop(o, 'eventtimestamp') ?? prop(o, 'timestamp');
    if (typeof ts === 'string') next.time = ts;
    const code = prop(o, 'code');
    const message = prop(o, 'message');
    if (typeof code === 'string' && code.trim() && (typeof message === 'string' || prop(o, 'details') !== undefined)) {
      const key = `${code}|${message ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        found.push({ code: canonicalCode(code), message: typeof message === 'string' ? message : '', known: isKnownCode(code), target: next.target, operation: next.operation, time: next.time, source });
      }
    }
    for (const k in o) {
      const x = o[k];
      if (typeof x === 'string' && (lowerKey(k) === 'statusmessage' || lowerKey(k) === 'responsebody') && x.trim().startsWith('{')) {
        try {
          walk(JSON.parse(x), next, depth + 1);
        } catch {
          /* a plain message */
        }
      } else if (typeof x === 'object') walk(x, next, depth + 1);
    }
  };
  walk(value, {}, 0);
  const specific = found.filter((e) => !GENERIC.has(e.code.toLowerCase()));
  return specific.length ? specific : found;
}

/** Known codes in pasted text (az / PowerShell error output, portal notifications). */
export function errorsInText(text: string, source: SourceRef): ControlPlaneError[] {
  const out: ControlPlaneError[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    CODE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CODE_RE.exec(line))) {
      const code = canonicalCode(m[1]);
      if (seen.has(code)) continue;
      seen.add(code);
      // The message: after "(Code)" on the same line, else a following "Message:" / "ErrorMessage:" line, else the line.
      let message = line.slice(m.index + m[0].length).replace(/^[)\s:"]+/, '').replace(/[",]+$/, '').trim();
      if (!message || /^Code\b/i.test(message)) {
        const after = lines.slice(i + 1, i + 6).find((l) => /^\s*(Error)?Message\s*:/i.test(l));
        message = after ? after.replace(/^\s*(Error)?Message\s*:\s*/i, '').trim() : line.trim();
      }
      const target = /\/subscriptions\/[^\s"']+\/providers\/Microsoft\.Network\/applicationGateways\/[^\s"'/]+/i.exec(text)?.[0];
      out.push({ code, message, known: true, target, source: { ...source, pointer: `/line/${i + 1}`, line: i + 1 } });
    }
  });
  return out;
}
