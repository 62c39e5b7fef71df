/**
 * Collect scripts for people who cannot (or would rather not) sign in here: for one gateway, a PowerShell
 * script (Az module) and a bash script (az CLI) that read the gateway (full depth), its subnet's VNet, NSG
 * and route table, the frontend public IP, backend health, and the backend NICs with their subnets' NSGs
 * and route tables and their effective NSG and routes — and write them into one bundle file
 * (src/core/input/formats/bundle.ts) to drop into the app. Pure: strings in, strings out.
 *
 * The scripts only read (Get-Az… / az … show, list, show-backend-health, show-effective-…). A step that fails
 * (e.g. a Reader cannot run backend health) is kept in the bundle as its error text, so the app can say what
 * is missing, and the script goes on. The commands are the guide's own (../shared/reference/azure-facts.md §1).
 */

export interface CollectScriptInput {
  gatewayName: string;
  resourceGroup: string;
  /** Optional: the subscription (id or name); the current one otherwise. */
  subscription?: string;
  /** Backend NICs read at most (default 16). */
  maxNics?: number;
}

// Azure naming rules (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules):
// Microsoft.Network/applicationGateways: 1-80, alphanumerics, underscores, periods, hyphens; start alphanumeric,
// end alphanumeric or underscore. Resource groups: 1-90, alphanumerics, underscores, parentheses, hyphens,
// periods (not at the end) and Unicode letters.
const GATEWAY = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;
const GROUP = /^[\p{L}\p{N}_().-]{1,90}$/u;
const SUBSCRIPTION = /^[\p{L}\p{N} _().-]{1,64}$/u;

/** Why these names cannot go into a script (empty when they can). */
export function scriptInputProblems(i: CollectScriptInput): string[] {
  const out: string[] = [];
  if (!GATEWAY.test(i.gatewayName)) out.push('The gateway name must be 1-80 letters, digits, "_", "." or "-", starting with a letter or digit and ending with a letter, digit or "_".');
  if (!GROUP.test(i.resourceGroup) || i.resourceGroup.endsWith('.')) out.push('The resource group name must be 1-90 letters, digits, "_", "(", ")", "-" or "." (not ending with ".").');
  if (i.subscription && !SUBSCRIPTION.test(i.subscription)) out.push('The subscription must be its id (GUID) or its name.');
  if (i.maxNics !== undefined && (!Number.isInteger(i.maxNics) || i.maxNics < 0 || i.maxNics > 200)) out.push('The number of backend NICs must be a whole number from 0 to 200.');
  return out;
}

function check(i: CollectScriptInput): void {
  const p = scriptInputProblems(i);
  if (p.length) throw new Error(p.join(' '));
}

/** Single-quoted for bash: '…' with ' as '\'' (the names are validated; this is belt and braces). */
export function bashQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Single-quoted for PowerShell: '…' with ' doubled (also the typographic quotes PowerShell treats as quotes). */
export function psQuote(s: string): string {
  return `'${s.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

export function scriptFileNames(i: Pick<CollectScriptInput, 'gatewayName'>): { powershell: string; bash: string } {
  const safe = i.gatewayName.replace(/[^A-Za-z0-9_.-]/g, '_');
  return { powershell: `collect-${safe}.ps1`, bash: `collect-${safe}.sh` };
}

export function powershellScript(i: CollectScriptInput): string {
  check(i);
  const maxNics = i.maxNics ?? 16;
  return `#Requires -Modules Az.Accounts, Az.Network
<#
  AppGW 502 Doctor — collect script (Azure PowerShell)
  Gateway ${i.gatewayName} in resource group ${i.resourceGroup}${i.subscription ? `, subscription ${i.subscription}` : ''}.

  Reads only (Get-Az… cmdlets): nothing in Azure is changed. Sign in first (Connect-AzAccount), then run:
      ./${scriptFileNames(i).powershell}
  It writes appgw502-<gateway>-<time>.json: drop that file into AppGW 502 Doctor.
  Backend health and effective NSG/routes need the actions
  Microsoft.Network/applicationGateways/backendhealth/action and
  Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action, …/effectiveRouteTable/action
  (Network Contributor, or a custom role with them); without them the bundle holds the error instead.
#>
param(
  [string] $GatewayName = ${psQuote(i.gatewayName)},
  [string] $ResourceGroupName = ${psQuote(i.resourceGroup)},
  [string] $Subscription = ${psQuote(i.subscription ?? '')},
  [int] $MaxNics = ${maxNics},
  [string] $OutFile = ''
)
$ErrorActionPreference = 'Stop'
$started = (Get-Date).ToUniversalTime()
if (-not $OutFile) { $OutFile = Join-Path (Get-Location) ("appgw502-{0}-{1}.json" -f $GatewayName, $started.ToString('yyyyMMddTHHmmssZ')) }
if ($Subscription) { Set-AzContext -Subscription $Subscription -Scope Process | Out-Null }

$documents = New-Object System.Collections.ArrayList
$seen = @{}

function Add-Document([string] $DocName, $Content) {
  [void]$documents.Add([ordered]@{ name = $DocName; content = $Content })
}

# Runs one read; keeps its output, or its error as text, and goes on.
function Read-Step([string] $DocName, [scriptblock] $Read) {
  Write-Host "reading $DocName..."
  try {
    $value = & $Read
    if ($null -ne $value) { Add-Document "$DocName.json" $value }
    return $value
  } catch {
    Write-Warning "$($DocName): $($_.Exception.Message)"
    Add-Document "error-$DocName.txt" ("ERROR: " + $_.Exception.Message)
    return $null
  }
}

function Split-ResourceId([string] $Id) {
  if ($Id -match '/resourceGroups/([^/]+)/providers/[^/]+/[^/]+/([^/]+)$') { return @{ ResourceGroup = $Matches[1]; Name = $Matches[2] } }
  return $null
}

# A subnet's VNet (DNS servers, address space, subnets), its NSG and its route table; each read once.
function Read-SubnetContext([string] $SubnetId) {
  $vnetId = $SubnetId -replace '/subnets/[^/]+$', ''
  $v = Split-ResourceId $vnetId
  if (-not $v) { return }
  if (-not $seen.ContainsKey($vnetId.ToLower())) {
    $seen[$vnetId.ToLower()] = Read-Step "vnet-$($v.Name)" { Get-AzVirtualNetwork -ResourceGroupName $v.ResourceGroup -Name $v.Name }
  }
  $vnet = $seen[$vnetId.ToLower()]
  if (-not $vnet) { return }
  $subnet = $vnet.Subnets | Where-Object { $_.Id -eq $SubnetId } | Select-Object -First 1
  if (-not $subnet) { return }
  if ($subnet.NetworkSecurityGroup -and -not $seen.ContainsKey($subnet.NetworkSecurityGroup.Id.ToLower())) {
    $n = Split-ResourceId $subnet.NetworkSecurityGroup.Id
    $seen[$subnet.NetworkSecurityGroup.Id.ToLower()] = Read-Step "nsg-$($n.Name)" { Get-AzNetworkSecurityGroup -ResourceGroupName $n.ResourceGroup -Name $n.Name }
  }
  if ($subnet.RouteTable -and -not $seen.ContainsKey($subnet.RouteTable.Id.ToLower())) {
    $r = Split-ResourceId $subnet.RouteTable.Id
    $seen[$subnet.RouteTable.Id.ToLower()] = Read-Step "route-table-$($r.Name)" { Get-AzRouteTable -ResourceGroupName $r.ResourceGroup -Name $r.Name }
  }
}

function Save-Bundle {
  $bundle = [ordered]@{
    appgw502doctorBundle = 1
    collectedAt = $started.ToString('o')
    source = 'collect-script/powershell'
    documents = $documents
  }
  $json = ConvertTo-Json -InputObject $bundle -Depth 100
  [System.IO.File]::WriteAllText($OutFile, $json, (New-Object System.Text.UTF8Encoding($false)))
  Write-Host "Wrote $OutFile ($($documents.Count) documents). Drop it into AppGW 502 Doctor."
}

# 1. The gateway, full depth.
$gw = Read-Step "gateway-$GatewayName" { Get-AzApplicationGateway -Name $GatewayName -ResourceGroupName $ResourceGroupName }
if (-not $gw) { Save-Bundle; exit 1 }

# 2. Its subnet: VNet, NSG, route table.
$gatewaySubnets = @($gw.GatewayIPConfigurations | ForEach-Object { $_.Subnet.Id } | Where-Object { $_ } | Select-Object -Unique)
foreach ($s in $gatewaySubnets) { Read-SubnetContext $s }

# 3. Frontend public IP addresses.
foreach ($pipId in @($gw.FrontendIpConfigurations | ForEach-Object { if ($_.PublicIPAddress) { $_.PublicIPAddress.Id } } | Select-Object -Unique)) {
  $p = Split-ResourceId $pipId
  [void](Read-Step "public-ip-$($p.Name)" { Get-AzPublicIpAddress -ResourceGroupName $p.ResourceGroup -Name $p.Name })
}

# 4. Backend health (a long-running operation: may take a minute).
[void](Read-Step "backend-health-$GatewayName" { Get-AzApplicationGatewayBackendHealth -Name $GatewayName -ResourceGroupName $ResourceGroupName })

# 5. Backend NICs: the pools' NIC references, and NICs holding the pools' private addresses in the gateway's
#    VNet or a VNet peered with it.
$nicIds = New-Object System.Collections.ArrayList
foreach ($c in @($gw.BackendAddressPools | ForEach-Object { $_.BackendIpConfigurations } | Where-Object { $_ })) {
  $id = $c.Id -replace '/ipConfigurations/[^/]+$', ''
  if (-not $nicIds.Contains($id)) { [void]$nicIds.Add($id) }
}
$privateIps = @($gw.BackendAddressPools | ForEach-Object { $_.BackendAddresses } | ForEach-Object { $_.IpAddress } |
  Where-Object { $_ -match '^(10\\.|192\\.168\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.)' } | Select-Object -Unique)
if ($privateIps.Count -gt 0) {
  $vnets = @{}
  foreach ($s in $gatewaySubnets) {
    $vid = ($s -replace '/subnets/[^/]+$', '').ToLower()
    $vnets[$vid] = $true
    if ($seen[$vid]) { foreach ($peer in @($seen[$vid].VirtualNetworkPeerings)) { if ($peer.RemoteVirtualNetwork) { $vnets[$peer.RemoteVirtualNetwork.Id.ToLower()] = $true } } }
  }
  try {
    foreach ($nic in @(Get-AzNetworkInterface)) {
      foreach ($ipc in @($nic.IpConfigurations)) {
        $inVnet = $ipc.Subnet -and $vnets.ContainsKey(($ipc.Subnet.Id -replace '/subnets/[^/]+$', '').ToLower())
        if ($inVnet -and ($privateIps -contains $ipc.PrivateIpAddress) -and -not $nicIds.Contains($nic.Id)) { [void]$nicIds.Add($nic.Id) }
      }
    }
  } catch { Write-Warning "listing network interfaces: $($_.Exception.Message)" }
}
if ($nicIds.Count -gt $MaxNics) { Write-Warning "$($nicIds.Count) backend NICs: reading the first $MaxNics." }

# 6. Each backend NIC: the NIC, its subnet's VNet/NSG/route table, its own NSG, effective NSG and routes.
foreach ($nicId in @($nicIds | Select-Object -First $MaxNics)) {
  $n = Split-ResourceId $nicId
  $nic = Read-Step "nic-$($n.Name)" { Get-AzNetworkInterface -ResourceId $nicId }
  if (-not $nic) { continue }
  foreach ($ipc in @($nic.IpConfigurations)) { if ($ipc.Subnet) { Read-SubnetContext $ipc.Subnet.Id } }
  if ($nic.NetworkSecurityGroup -and -not $seen.ContainsKey($nic.NetworkSecurityGroup.Id.ToLower())) {
    $g = Split-ResourceId $nic.NetworkSecurityGroup.Id
    $seen[$nic.NetworkSecurityGroup.Id.ToLower()] = Read-Step "nsg-$($g.Name)" { Get-AzNetworkSecurityGroup -ResourceGroupName $g.ResourceGroup -Name $g.Name }
  }
  if ($nic.VirtualMachine) {
    [void](Read-Step "effective-nsg-$($n.Name)" { ,@(Get-AzEffectiveNetworkSecurityGroup -NetworkInterfaceName $n.Name -ResourceGroupName $n.ResourceGroup) })
    [void](Read-Step "effective-routes-$($n.Name)" { ,@(Get-AzEffectiveRouteTable -NetworkInterfaceName $n.Name -ResourceGroupName $n.ResourceGroup) })
  }
}

Save-Bundle
`;
}

export function bashScript(i: CollectScriptInput): string {
  check(i);
  const maxNics = i.maxNics ?? 16;
  return `#!/usr/bin/env bash
# AppGW 502 Doctor — collect script (az CLI)
# Gateway ${i.gatewayName} in resource group ${i.resourceGroup}${i.subscription ? `, subscription ${i.subscription}` : ''}.
#
# Reads only (az … show / list / show-backend-health / show-effective-…): nothing in Azure is changed.
# Sign in first (az login), then run:   bash ${scriptFileNames(i).bash}
# It writes appgw502-<gateway>-<time>.json: drop that file into AppGW 502 Doctor.
# Backend health and effective NSG/routes need the actions
# Microsoft.Network/applicationGateways/backendhealth/action and
# Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups/action, …/effectiveRouteTable/action
# (Network Contributor, or a custom role with them); without them the bundle holds the error instead.
set -u -o pipefail

GATEWAY=${bashQuote(i.gatewayName)}
RESOURCE_GROUP=${bashQuote(i.resourceGroup)}
SUBSCRIPTION=${bashQuote(i.subscription ?? '')}
MAX_NICS=${maxNics}

STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
OUT="\${OUT:-appgw502-\${GATEWAY}-$(date -u +%Y%m%dT%H%M%SZ).json}"
SUB=()
if [ -n "$SUBSCRIPTION" ]; then SUB=(--subscription "$SUBSCRIPTION"); fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
N=0
SEEN=" "

say() { printf '%s\\n' "$*" >&2; }

# A JSON string of stdin (no jq needed): backslashes, quotes, tabs, control characters, newlines.
json_string() {
  printf '"'
  tr -d '\\r' | tr '\\t' ' ' | tr -d '\\000-\\010\\013\\014\\016-\\037' | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g' | awk 'NR > 1 { printf "\\\\n" } { printf "%s", $0 }'
  printf '"'
}

# step NAME COMMAND...: runs one read; keeps its JSON output, or its error text, and goes on.
step() {
  local name="$1"; shift
  say "reading $name..."
  N=$((N + 1))
  if "$@" -o json > "$WORK/$N.json" 2> "$WORK/$N.err" && [ -s "$WORK/$N.json" ]; then
    printf '%s\\t%s\\n' "$name.json" "$N.json" >> "$WORK/index"
    return 0
  fi
  [ -s "$WORK/$N.err" ] || echo "ERROR: no output" > "$WORK/$N.err"
  say "  failed: $(head -c 300 "$WORK/$N.err")"
  printf '%s\\t%s\\n' "error-$name.txt" "$N.err" >> "$WORK/index"
  return 1
}

# once ID: true the first time an id is seen.
once() {
  local id
  id="$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]')"
  case "$SEEN" in *" $id "*) return 1 ;; esac
  SEEN="$SEEN$id "
  return 0
}

# query COMMAND...: one value per line (az --query … -o tsv), nothing on failure.
query() { "$@" -o tsv 2> /dev/null | tr -d '\\r' | grep -v '^$' || true; }

# The VNet (DNS servers, address space, subnets), NSG and route table of a subnet.
subnet_context() {
  local subnet="$1" vnet nsg rt
  vnet="\${subnet%/subnets/*}"
  if once "$vnet"; then step "vnet-\${vnet##*/}" az network vnet show --ids "$vnet" || true; fi
  nsg="$(query az network vnet subnet show --ids "$subnet" --query networkSecurityGroup.id)"
  rt="$(query az network vnet subnet show --ids "$subnet" --query routeTable.id)"
  if [ -n "$nsg" ] && once "$nsg"; then step "nsg-\${nsg##*/}" az network nsg show --ids "$nsg" || true; fi
  if [ -n "$rt" ] && once "$rt"; then step "route-table-\${rt##*/}" az network route-table show --ids "$rt" || true; fi
}

write_bundle() {
  {
    printf '{"appgw502doctorBundle": 1, "collectedAt": "%s", "source": "collect-script/bash", "documents": [\\n' "$STARTED"
    local first=1 name file
    if [ -f "$WORK/index" ]; then
      while IFS="$(printf '\\t')" read -r name file; do
        [ "$first" = 1 ] || printf ',\\n'
        first=0
        printf '{"name": %s, "content": ' "$(printf '%s' "$name" | json_string)"
        case "$file" in
          *.json) cat "$WORK/$file" ;;
          *) json_string < "$WORK/$file" ;;
        esac
        printf '}'
      done < "$WORK/index"
    fi
    printf '\\n]}\\n'
  } > "$OUT"
  say "Wrote $OUT. Drop it into AppGW 502 Doctor."
}

# 1. The gateway, full depth.
if ! step "gateway-$GATEWAY" az network application-gateway show -g "$RESOURCE_GROUP" -n "$GATEWAY" \${SUB[@]+"\${SUB[@]}"}; then
  write_bundle
  exit 1
fi
gw() { query az network application-gateway show -g "$RESOURCE_GROUP" -n "$GATEWAY" \${SUB[@]+"\${SUB[@]}"} --query "$1"; }

# 2. Its subnet: VNet, NSG, route table.
GATEWAY_SUBNETS="$(gw 'gatewayIPConfigurations[].subnet.id' | sort -u)"
for s in $GATEWAY_SUBNETS; do subnet_context "$s"; done

# 3. Frontend public IP addresses.
for pip in $(gw 'frontendIPConfigurations[].publicIPAddress.id' | sort -u); do
  step "public-ip-\${pip##*/}" az network public-ip show --ids "$pip" || true
done

# 4. Backend health (a long-running operation: may take a minute).
step "backend-health-$GATEWAY" az network application-gateway show-backend-health -g "$RESOURCE_GROUP" -n "$GATEWAY" \${SUB[@]+"\${SUB[@]}"} || true

# 5. Backend NICs: the pools' NIC references, and NICs holding the pools' private addresses in the gateway's
#    VNet or a VNet peered with it.
NICS="$(gw 'backendAddressPools[].backendIPConfigurations[].id' | sed -e 's#/ipConfigurations/[^/]*$##' | sort -u)"
IPS="$(gw 'backendAddressPools[].backendAddresses[].ipAddress' | grep -E '^(10\\.|192\\.168\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.)' | sort -u || true)"
if [ -n "$IPS" ]; then
  VNETS=""
  for s in $GATEWAY_SUBNETS; do
    v="\${s%/subnets/*}"
    VNETS="$VNETS $(printf '%s' "$v" | tr '[:upper:]' '[:lower:]') $(query az network vnet show --ids "$v" --query 'virtualNetworkPeerings[].remoteVirtualNetwork.id' | tr '[:upper:]' '[:lower:]' | tr '\\n' ' ')"
  done
  LIST="$(printf "'%s'," $IPS)"
  while IFS="$(printf '\\t')" read -r ipc subnet; do
    [ -n "$ipc" ] || continue
    nic="\${ipc%/ipConfigurations/*}"
    v="$(printf '%s' "\${subnet%/subnets/*}" | tr '[:upper:]' '[:lower:]')"
    case " $VNETS " in *" $v "*) NICS="$NICS
$nic" ;; esac
  done <<EOF
$(query az network nic list \${SUB[@]+"\${SUB[@]}"} --query "[].ipConfigurations[?contains([\${LIST%,}], privateIPAddress)][].[id, subnet.id]")
EOF
fi
NICS="$(printf '%s\\n' "$NICS" | grep -v '^$' | sort -u || true)"
COUNT="$(printf '%s\\n' "$NICS" | grep -c . || true)"
if [ "$COUNT" -gt "$MAX_NICS" ]; then say "$COUNT backend NICs: reading the first $MAX_NICS."; fi

# 6. Each backend NIC: the NIC, its subnet's VNet/NSG/route table, its own NSG, effective NSG and routes.
for nic in $(printf '%s\\n' "$NICS" | head -n "$MAX_NICS"); do
  step "nic-\${nic##*/}" az network nic show --ids "$nic" || continue
  for s in $(query az network nic show --ids "$nic" --query 'ipConfigurations[].subnet.id' | sort -u); do subnet_context "$s"; done
  nsg="$(query az network nic show --ids "$nic" --query networkSecurityGroup.id)"
  if [ -n "$nsg" ] && once "$nsg"; then step "nsg-\${nsg##*/}" az network nsg show --ids "$nsg" || true; fi
  if [ -n "$(query az network nic show --ids "$nic" --query virtualMachine.id)" ]; then
    step "effective-nsg-\${nic##*/}" az network nic list-effective-nsg --ids "$nic" || true
    step "effective-routes-\${nic##*/}" az network nic show-effective-route-table --ids "$nic" || true
  fi
done

write_bundle
`;
}
