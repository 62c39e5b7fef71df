/**
 * An HTTP probe whose match codes leave out 301/302 (the default 200–399 includes them, PROBE) fails as
 * soon as the backend redirects HTTP to HTTPS or to a login page (GUIDE-2026 Resolution B). Warning: the
 * input does not show whether the backend redirects. Silent when backend health proves the probe works.
 */
import { defineRule } from './types';
import { affectedBy, codeAccepted, healthView, listenersText, parseStatusCodes, probeUpdateCommands, provenHealthy, usageOf } from './backend-support';
import { psMatch } from './probe-match-excludes-status';

export default defineRule({
  id: 'probe-match-excludes-redirects',
  category: 'custom-probe',
  severity: 'warning',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview',
  text: {
    en: {
      title: 'HTTP probe does not accept redirects',
      message: 'HTTP probe {probe} accepts status codes {codes}, which leave out {missing}.',
      effect: 'If the backend redirects HTTP to HTTPS (or to a login page) on the probe path, it answers 301/302: the servers go Unhealthy and {listenersEn} get 502 Bad Gateway. The default range 200–399 would accept redirects.',
      fix: 'Check what the probe path answers over HTTP on a server (curl -i with the probe\'s host and path). If it redirects, accept 300–399 in the match codes, or probe a path (or protocol) that answers 200 without redirecting.',
    },
    ko: {
      title: 'HTTP 프로브가 리디렉션을 허용하지 않음',
      message: 'HTTP 프로브 {probe}은(는) 상태 코드 {codes}을(를) 허용하며, {missing}은(는) 빠져 있습니다.',
      effect: '백엔드가 프로브 경로에서 HTTP를 HTTPS(또는 로그인 페이지)로 리디렉션하면 301/302로 응답하므로 서버가 Unhealthy가 되고 {listenersKo}이(가) 502 Bad Gateway를 받습니다. 기본 범위 200–399라면 리디렉션도 허용됩니다.',
      fix: '서버에서 프로브 경로가 HTTP로 무엇을 반환하는지 확인하세요(프로브의 host와 경로로 curl -i). 리디렉션한다면 일치 코드에 300–399를 포함하거나, 리디렉션 없이 200을 반환하는 경로(또는 프로토콜)로 프로브하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    const view = healthView(ctx);
    for (const [probe, users] of usage.settingsByProbe) {
      if ((probe.protocol ?? '').toLowerCase() !== 'http') continue;
      const used = users.filter((s) => usage.pathsBySettings.has(s));
      if (!used.length || provenHealthy(view, used)) continue;
      const ranges = parseStatusCodes(probe.match?.statusCodes);
      if (!ranges.length) continue;
      const missing = [301, 302].filter((c) => !codeAccepted(ranges, c));
      if (!missing.length) continue;
      const codes = probe.match?.statusCodes?.length ? probe.match.statusCodes : ['200-399'];
      const next = [...codes.filter((c) => c.trim() !== ''), '300-399'];
      const affected = affectedBy(gateway, (p) => !!p.settings && used.includes(p.settings));
      const lt = listenersText(affected);
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: { probe: probe.name, codes: codes.join(', '), missing: missing.join(', '), listenersEn: lt.en, listenersKo: lt.ko },
        evidence: [
          { path: `probes[${probe.name}].protocol`, value: probe.protocol ?? 'Http', source: probe.source },
          { path: `probes[${probe.name}].match.statusCodes`, value: codes.join(', '), source: probe.source },
        ],
        affected,
        commands: probeUpdateCommands(gateway, probe, [`Match = ${psMatch(next, probe.match?.body)}`], `--match-status-codes ${next.join(' ')}`),
      });
    }
  },
});
