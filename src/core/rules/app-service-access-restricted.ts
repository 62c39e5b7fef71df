/**
 * App Service access restrictions that turn the gateway away (GUIDE-2026 Resolution I): the app's rules default to
 * Deny (ipSecurityRestrictionsDefaultAction Deny, or — in older outputs — the implicit Deny once any rule exists) and
 * no rule lets in the gateway: neither its subnet (a virtual-network rule, which needs the Microsoft.Web service
 * endpoint on the gateway subnet) nor its public IP address. App Service then answers 403 to probes and requests:
 * members unhealthy, clients get 502.
 */
import { defineRule, type Evidence } from './types';
import { idKey } from '../model/ids';
import { parseCidr, prefixContains } from '../net/cidr';
import { requestPaths } from '../model/topology';
import { affectedBy } from './backend-support';
import { appLabel, appServices, appsInPool } from './app-service-support';
import { gatewayNetwork } from './network-context';
import { q } from './commands';
import type { AccessRestrictionRule, AppService } from '../traffic/types';

type Verdict = { access: 'Allow' | 'Deny' | 'Unknown'; rule?: AccessRestrictionRule; why: string };

function isAny(r: AccessRestrictionRule): boolean {
  const ip = (r.ipAddress ?? '').trim().toLowerCase();
  return ip === 'any' || ip === '0.0.0.0/0' || ip === '::/0';
}

function defaultActionOf(app: AppService): 'Allow' | 'Deny' {
  const ar = app.accessRestrictions!;
  if (ar.defaultAction) return /^deny$/i.test(ar.defaultAction) ? 'Deny' : 'Allow';
  // Older outputs: with any rule there is an implicit Deny at the end (they also show it as "Deny all", Any).
  return ar.rules.some((r) => !isAny(r)) ? 'Deny' : 'Allow';
}

/** First rule (by priority) that matches the source decides; header-filtered rules never match the gateway's requests. */
function evaluate(app: AppService, source: { subnetId?: string; ip?: string }): Verdict {
  for (const r of app.accessRestrictions!.rules) {
    if (r.headers && Object.keys(r.headers).length) continue;
    if (isAny(r)) return { access: /^deny$/i.test(r.action) ? 'Deny' : 'Allow', rule: r, why: `rule ${r.name ?? r.priority} (Any)` };
    if (source.subnetId && r.subnetId && idKey(r.subnetId) === idKey(source.subnetId)) return { access: /^deny$/i.test(r.action) ? 'Deny' : 'Allow', rule: r, why: `rule ${r.name ?? r.priority} (subnet)` };
    if (source.ip && r.ipAddress && parseCidr(r.ipAddress) && prefixContains(r.ipAddress.includes('/') ? r.ipAddress : `${r.ipAddress}/32`, source.ip)) {
      return { access: /^deny$/i.test(r.action) ? 'Deny' : 'Allow', rule: r, why: `rule ${r.name ?? r.priority} (${r.ipAddress})` };
    }
  }
  return { access: defaultActionOf(app), why: 'default action' };
}

export default defineRule({
  id: 'app-service-access-restricted',
  category: 'backend-app',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway',
  text: {
    en: {
      title: 'App Service access restrictions turn the gateway away',
      message: 'App Service {app} ({member}, pool {pool}) restricts access with default action {defaultAction} and {count} rule(s); the gateway subnet {subnet}: {subnetVerdict}; the gateway\'s public IP {pip}: {pipVerdict}.',
      effect: '{effectEn} Listeners affected: {listeners}.',
      fix: '{fixEn} Check the result with az webapp config access-restriction show.',
    },
    ko: {
      title: 'App Service 액세스 제한이 게이트웨이를 막습니다',
      message: 'App Service {app}({member}, 풀 {pool})은(는) 기본 동작 {defaultAction}과 규칙 {count}개로 액세스를 제한합니다. 게이트웨이 서브넷 {subnet}: {subnetVerdict}, 게이트웨이 퍼블릭 IP {pip}: {pipVerdict}.',
      effect: '{effectKo} 영향받는 리스너: {listeners}.',
      fix: '{fixKo} 결과는 az webapp config access-restriction show로 확인하세요.',
    },
  },
  check(ctx) {
    const apps = appServices(ctx.workspace).filter((a) => a.accessRestrictions && !/^disabled$/i.test(a.publicNetworkAccess ?? ''));
    if (!apps.length) return;
    const g = gatewayNetwork(ctx);
    const subnetId = g.subnetRef?.id;
    const pips = ctx.gateway.frontendIpConfigurations.map((f) => ctx.net.publicIp(f.publicIpAddress)).filter((p) => !!p);
    const pipIp = pips.find((p) => p!.ipAddress)?.ipAddress;
    const hasPublicFrontend = ctx.gateway.frontendIpConfigurations.some((f) => f.publicIpAddress);
    // An access-restriction output carries no app name: with one App Service backend it is that one.
    const named = apps.filter((a) => a.name || a.defaultHostName || a.hostNames.length);
    const seen = new Set<AppService>();
    for (const p of requestPaths(ctx.gateway)) {
      if (!p.pool) continue;
      let matches = appsInPool(named, p.pool);
      if (!matches.length && apps.length === 1 && !named.length) {
        const m = p.pool.backendAddresses.find((a) => a.fqdn && /\.azurewebsites\.net\.?$/i.test(a.fqdn));
        if (m) matches = [{ app: apps[0], fqdn: m.fqdn!.toLowerCase() }];
      }
      for (const { app, fqdn } of matches) {
        if (seen.has(app)) continue;
        seen.add(app);
        const def = defaultActionOf(app);
        if (def !== 'Deny') {
          // Allow by default: only an explicit Deny that matches the gateway could block it.
          const v = evaluate(app, { subnetId, ip: pipIp });
          if (v.access !== 'Deny' || !v.rule) continue;
        }
        const bySubnet = subnetId ? evaluate(app, { subnetId }) : ({ access: 'Unknown', why: 'gateway subnet not in the input' } as Verdict);
        const byIp = pipIp ? evaluate(app, { ip: pipIp }) : ({ access: 'Unknown', why: hasPublicFrontend ? 'public IP address not in the input' : 'no public frontend' } as Verdict);
        if (bySubnet.access === 'Allow' && byIp.access === 'Allow') continue;
        let severity: 'error' | 'warning';
        let effect: { en: string; ko: string };
        if (bySubnet.access === 'Allow' || byIp.access === 'Allow') {
          severity = 'warning';
          effect = bySubnet.access === 'Allow'
            ? { en: 'Only the gateway subnet is allowed: App Service sees the subnet only when the gateway subnet has the Microsoft.Web service endpoint; otherwise requests arrive from the gateway\'s public IP and get 403 — verify the service endpoint.', ko: '게이트웨이 서브넷만 허용됩니다. 게이트웨이 서브넷에 Microsoft.Web 서비스 엔드포인트가 있어야 App Service가 서브넷을 인식하며, 없으면 요청이 게이트웨이 퍼블릭 IP에서 들어와 403을 받습니다. 서비스 엔드포인트를 확인하세요.' }
            : { en: 'Only the gateway\'s public IP is allowed: if the gateway subnet has the Microsoft.Web service endpoint, App Service sees the subnet instead and answers 403 — verify which applies.', ko: '게이트웨이 퍼블릭 IP만 허용됩니다. 게이트웨이 서브넷에 Microsoft.Web 서비스 엔드포인트가 있으면 App Service는 대신 서브넷을 보고 403을 반환합니다. 어느 쪽인지 확인하세요.' };
        } else if (bySubnet.access === 'Unknown' || byIp.access === 'Unknown') {
          severity = 'warning';
          effect = { en: 'No rule lets in what the input shows of the gateway; the part the input does not show (its subnet or public IP address) must be verified against the rules: if it is not allowed, App Service answers 403, probes fail and clients get 502.', ko: '입력에 나타난 게이트웨이 정보와 맞는 허용 규칙이 없습니다. 입력에 없는 부분(서브넷 또는 퍼블릭 IP 주소)이 규칙에 허용되는지 확인하세요. 허용되지 않으면 App Service가 403을 반환해 프로브가 실패하고 클라이언트는 502를 받습니다.' };
        } else {
          severity = 'error';
          effect = { en: 'Neither the gateway subnet nor its public IP is allowed: App Service answers 403 to the gateway\'s probes and requests, the app is marked unhealthy and clients get 502.', ko: '게이트웨이 서브넷도 퍼블릭 IP도 허용되지 않습니다. App Service가 게이트웨이의 프로브와 요청에 403을 반환해 앱이 비정상으로 표시되고 클라이언트는 502를 받습니다.' };
        }
        const name = appLabel(app);
        const rg = app.resourceGroup ?? '<app-resource-group>';
        const verdictText = (v: Verdict) => `${v.access} (${v.why})`;
        const listeners = affectedBy(ctx.gateway, (x) => x.pool === p.pool);
        const ar = app.accessRestrictions!;
        const evidence: Evidence[] = [
          { path: `appService[${name}].ipSecurityRestrictionsDefaultAction`, value: ar.defaultAction ?? `(not in the output: ${def})`, source: ar.source },
          ...ar.rules.slice(0, 8).map((r) => ({ path: `appService[${name}].ipSecurityRestrictions[${r.name ?? r.priority}]`, value: `${r.action} ${r.ipAddress ?? r.subnetId ?? r.serviceTag ?? ''} priority ${r.priority}${r.headers && Object.keys(r.headers).length ? ' (with header filters)' : ''}`, source: ar.source })),
        ];
        ctx.report({
          resource: { type: 'backendAddressPools', name: p.pool.name, id: p.pool.id },
          source: p.pool.source,
          severity,
          params: {
            app: name, member: fqdn, pool: p.pool.name, defaultAction: ar.defaultAction ?? `${def} (implicit)`, count: ar.rules.filter((r) => !isAny(r)).length,
            subnet: g.prefixes[0] ?? g.subnetName, subnetVerdict: verdictText(bySubnet), pip: pipIp ?? '?', pipVerdict: verdictText(byIp),
            effectEn: effect.en, effectKo: effect.ko, listeners: listeners.join(', ') || '-',
            fixEn: `Add an Allow rule for the gateway to App Service ${name}: for the subnet (${g.subnetName}; needs the Microsoft.Web service endpoint on it) or for the public IP ${pipIp ?? '<gateway-public-ip>'}, with a lower priority number than any Deny that matches.`,
            fixKo: `App Service ${name}에 게이트웨이를 허용하는 Allow 규칙을 추가하세요. 서브넷(${g.subnetName}, Microsoft.Web 서비스 엔드포인트 필요) 또는 퍼블릭 IP ${pipIp ?? '<gateway-public-ip>'}에 대해, 일치하는 Deny보다 작은 우선순위 숫자로 추가합니다.`,
          },
          evidence,
          affected: listeners,
          commands: {
            az: [
              `az webapp config access-restriction show -g ${q(rg)} -n ${q(name)}`,
              subnetId
                ? `az webapp config access-restriction add -g ${q(rg)} -n ${q(name)} --rule-name AllowAppGateway --action Allow --priority 100 --subnet ${q(subnetId)}`
                : `az webapp config access-restriction add -g ${q(rg)} -n ${q(name)} --rule-name AllowAppGateway --action Allow --priority 100 --ip-address ${pipIp ? `${pipIp}/32` : '<gateway-public-ip>/32'}`,
            ],
            powershell: [
              subnetId
                ? `Add-AzWebAppAccessRestrictionRule -ResourceGroupName ${q(rg)} -WebAppName ${q(name)} -Name AllowAppGateway -Action Allow -Priority 100 -SubnetId ${q(subnetId)}`
                : `Add-AzWebAppAccessRestrictionRule -ResourceGroupName ${q(rg)} -WebAppName ${q(name)} -Name AllowAppGateway -Action Allow -Priority 100 -IpAddress ${pipIp ? `${pipIp}/32` : '<gateway-public-ip>/32'}`,
            ],
          },
        });
      }
    }
  },
});
