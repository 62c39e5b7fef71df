/**
 * Control-plane errors pasted with the configuration (a failed deployment or update, an activity-log entry): each
 * code azure-facts.md names (sections 4 and 8) explained with its fix, in both languages (traffic/control-plane.ts).
 * An error that names another gateway is left to that gateway; one that names none belongs to the only gateway.
 */
import { defineRule } from './types';
import { fill } from './engine';
import { q, rgOf } from './commands';
import { CONTROL_PLANE_CODES } from '../traffic/control-plane';
import { idKey } from '../model/ids';
import type { Gateway } from '../model/types';
import type { ControlPlaneError } from '../traffic/types';

function belongs(e: ControlPlaneError, gateway: Gateway, gateways: number): boolean {
  const target = e.target?.trim();
  const gwIn = (s: string) => /\/applicationGateways\/([^/\s"']+)/i.exec(s)?.[1];
  const named = target ? gwIn(target) ?? (target.includes('/') ? undefined : target) : gwIn(e.message);
  if (named) return named.toLowerCase() === gateway.name.toLowerCase() || (!!target && idKey(target).startsWith(idKey(gateway.id)));
  return gateways === 1;
}

export default defineRule({
  id: 'control-plane-error',
  category: 'gateway',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-application-gateway-deployment-scaling-deletion-failures',
  text: {
    en: {
      title: 'Azure rejected a change: {code}',
      message: '{document}: Azure error {code} — "{azureMessage}".',
      effect: '{explanationEn}',
      fix: '{fixEn} Then run the deployment or update again.',
    },
    ko: {
      title: 'Azure가 변경을 거부했습니다: {code}',
      message: '{document}: Azure 오류 {code} — "{azureMessage}".',
      effect: '{explanationKo}',
      fix: '{fixKo} 그런 다음 배포나 업데이트를 다시 실행하세요.',
    },
  },
  check(ctx) {
    const errors = ctx.workspace.traffic?.controlPlaneErrors ?? [];
    const seen = new Set<string>();
    for (const e of errors) {
      if (!belongs(e, ctx.gateway, ctx.workspace.gateways.length)) continue;
      const key = `${e.code}|${e.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const info = CONTROL_PLANE_CODES[e.code];
      const names = { gateway: ctx.gateway.name, resourceGroup: rgOf(ctx.gateway) };
      const quoted = { gateway: q(ctx.gateway.name), resourceGroup: q(rgOf(ctx.gateway)) };
      ctx.report({
        resource: { type: 'applicationGateways', name: ctx.gateway.name, id: ctx.gateway.id },
        source: e.source,
        severity: info ? 'error' : 'warning',
        params: {
          code: e.code,
          document: e.source.document,
          azureMessage: e.message.length > 400 ? e.message.slice(0, 400) + '…' : e.message,
          explanationEn: info ? info.explanation.en : 'This code is not one the analyzer knows; the message above is what Azure wrote.',
          explanationKo: info ? info.explanation.ko : '분석기가 알지 못하는 코드입니다. 위 메시지는 Azure가 쓴 그대로입니다.',
          fixEn: info ? fill(info.fix.en, names) : 'Read the message and search the code on learn.microsoft.com; fix what it names.',
          fixKo: info ? fill(info.fix.ko, names) : '메시지를 읽고 learn.microsoft.com에서 코드를 검색해, 메시지가 가리키는 부분을 고치세요.',
        },
        evidence: [
          { path: 'error.code', value: e.code, source: e.source },
          { path: 'error.message', value: e.message, source: e.source },
          ...(e.operation ? [{ path: 'operationName', value: e.operation }] : []),
          ...(e.time ? [{ path: 'time', value: e.time }] : []),
          ...(info ? [{ path: 'docs', value: info.docs }] : []),
        ],
        commands: info ? { az: info.az.map((c) => fill(c, quoted)), powershell: info.powershell.map((c) => fill(c, quoted)) } : {},
        affected: [],
      });
    }
  },
});
