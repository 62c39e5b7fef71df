import { memberSource } from '../model/members';
import { defineRule } from './types';
import { fqdnFragments, fqdnHost, fqdnIssueText, fqdnIssues, invalidFqdnMembers, type FqdnIssue } from './network-context';
import { affectedListeners } from '../model/topology';
import { az, ps, q } from './commands';
import type { BackendAddressPool } from '../model/types';

/**
 * An FQDN member that cannot resolve by its form (azure-facts.md section 4 / HEALTH: "Application Gateway could not
 * create a probe for this backend. This usually happens when the FQDN of the backend has not been entered
 * correctly."): spaces, a scheme, a path or port, underscores, stray characters, empty or over-long labels.
 * Non-ASCII alone is a warning (whether Azure converts it to punycode is not documented). An IP address written in
 * the fqdn field is dns-ip-in-fqdn-field's.
 */
export default defineRule({
  id: 'dns-invalid-fqdn',
  category: 'dns',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-backend-health-troubleshooting',
  text: {
    en: {
      title: 'Backend FQDN cannot resolve as written',
      message: 'Backend pool {pool} lists "{fqdn}" as an FQDN, which is not a valid host name: {found}.',
      effect: '{problemsEn}. {effectEn}',
      fix: '{fixEn}',
    },
    ko: {
      title: '백엔드 FQDN이 적힌 그대로는 확인(resolve)될 수 없습니다',
      message: '백엔드 풀 {pool}에 FQDN으로 "{fqdn}"이(가) 들어 있으며, 올바른 호스트 이름이 아닙니다: {found}.',
      effect: '{problemsKo}. {effectKo}',
      fix: 'FQDN 수정: {fixKo}',
    },
  },
  check(ctx) {
    // Members that are IPs written in the fqdn field are not here: dns-ip-in-fqdn-field speaks.
    for (const { pool, address: a, issues: found } of invalidFqdnMembers(ctx.gateway)) {
      {
        if (a.fqdn === undefined) continue;
        const issues = found as FqdnIssue[];
        const listeners = affectedListeners(ctx.gateway, (p) => p.pool === pool);
        const lt = listeners.join(', ') || '-';
        const onlyNonAscii = issues.every((i) => i === 'non-ascii');
        const host = fqdnHost(a.fqdn);
        const problems = fqdnIssueText(issues);
        const fixed = host && !fqdnIssues(host).length ? host : '<host-name>';
        const servers = serversWith(pool, a.fqdn, fixed);
        ctx.report({
          resource: { type: 'backendAddressPools', name: pool.name, id: pool.id },
          source: memberSource(pool, a),
          severity: onlyNonAscii ? 'warning' : 'error',
          params: {
            pool: pool.name, fqdn: a.fqdn, found: fqdnFragments(a.fqdn, issues), problemsEn: cap(problems.en), problemsKo: problems.ko,
            effectEn: `The gateway cannot resolve this member: backend health shows "Application Gateway could not create a probe for this backend" (or Unknown), the member never turns healthy, and requests to ${lt} get 502 when no other member of ${pool.name} is healthy.`,
            effectKo: `게이트웨이가 이 멤버를 확인할 수 없어 백엔드 상태에 "Application Gateway could not create a probe for this backend"(또는 Unknown)가 표시되고 멤버가 정상 상태가 되지 않습니다. ${pool.name}에 정상 멤버가 없으면 ${lt}에 대한 요청은 502를 받습니다.`,
            fixEn: host && !fqdnIssues(host).length
              ? `Write only the host name: ${host} (scheme, path and port go in the backend settings and probe, not in the pool).`
              : 'Write only a valid host name (letters, digits, hyphens and dots); the scheme, path and port go in the backend settings and probe, not in the pool.',
            fixKo: host && !fqdnIssues(host).length
              ? `호스트 이름만 적으세요: ${host} (스킴, 경로, 포트는 풀이 아니라 백엔드 설정과 프로브에 지정합니다).`
              : '올바른 호스트 이름(문자, 숫자, 하이픈, 점)만 적으세요. 스킴, 경로, 포트는 풀이 아니라 백엔드 설정과 프로브에 지정합니다.',
          },
          evidence: [{ path: `backendAddressPools[${pool.name}].backendAddresses[].fqdn`, value: JSON.stringify(a.fqdn), source: memberSource(pool, a) }],
          commands: {
            // Edit the one member in place (works for pools of any size).
            powershell: [
              ps.getGateway(ctx.gateway),
              `$pool = Get-AzApplicationGatewayBackendAddressPool -ApplicationGateway $gw -Name ${q(pool.name)}`,
              `($pool.BackendAddresses | Where-Object { $_.Fqdn -eq ${psString(a.fqdn)} }).Fqdn = ${psString(fixed)}`,
              ps.setGateway(),
            ],
            // az replaces the whole member list: only offered for pools small enough to print.
            az: servers.ips.length + servers.fqdns.length <= 50
              ? [az.sub(ctx.gateway, 'address-pool update', `-n ${q(pool.name)} --servers ${[...servers.ips, ...servers.fqdns].map(q).join(' ')}`)]
              : [az.sub(ctx.gateway, 'address-pool show', `-n ${q(pool.name)}`)],
          },
          affected: listeners,
        });
      }
    }
  },
});

/** The pool's members with `bad` replaced by `host` (the pool commands replace the whole list). */
function serversWith(pool: BackendAddressPool, bad: string, fixed: string): { ips: string[]; fqdns: string[] } {
  const ips: string[] = [];
  const fqdns: string[] = [];
  for (const a of pool.backendAddresses) {
    if (a.ipAddress) ips.push(a.ipAddress);
    else if (a.fqdn === bad) fqdns.push(fixed);
    else if (a.fqdn) fqdns.push(a.fqdn);
  }
  return { ips, fqdns };
}

/** A single-quoted PowerShell string (exact, spaces and all). */
function psString(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
