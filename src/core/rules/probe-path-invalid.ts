/**
 * A probe path must start with "/" (PROBE; SPEC: "Valid path starts from '/'"); the probe is sent to
 * `<protocol>://<host>:<port><path>`. ARM rejects anything else.
 */
import { defineRule } from './types';
import { q } from './commands';
import { affectedBy, listenersText, probeUpdateCommands, usageOf } from './backend-support';

export default defineRule({
  id: 'probe-path-invalid',
  category: 'custom-probe',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview',
  text: {
    en: {
      title: 'Probe path must start with "/"',
      message: 'Probe {probe} has the path "{path}"; a probe path must start with "/", without spaces around it.',
      effect: 'Azure rejects this probe: a deployment or update that contains it fails, and the gateway keeps its previous configuration. Settings using it: {settingsList}; listeners behind them: {listenersEn}.',
      fix: 'Set the path to one that starts with "/" and that every server answers with 200–399 without authentication, for example "/" or "/{suggested}".',
    },
    ko: {
      title: '프로브 경로는 "/"로 시작해야 합니다',
      message: '프로브 {probe}의 경로가 "{path}"입니다. 프로브 경로는 앞뒤 공백 없이 "/"로 시작해야 합니다.',
      effect: 'Azure는 이 프로브를 거부하므로 이 프로브가 포함된 배포나 업데이트는 실패하고, 게이트웨이는 이전 구성을 유지합니다. 이 프로브를 쓰는 설정: {settingsList}, 그 뒤의 리스너: {listenersKo}.',
      fix: '"/"로 시작하고 모든 서버가 인증 없이 200–399로 응답하는 경로(예: "/" 또는 "/{suggested}")로 설정하세요.',
    },
  },
  check(ctx) {
    const { gateway, report } = ctx;
    const usage = usageOf(ctx);
    for (const probe of gateway.probes) {
      if (probe.path === undefined) continue;
      const path = probe.path;
      const trimmed = path.trim();
      if (trimmed.startsWith('/') && trimmed === path) continue;
      const empty = trimmed === '';
      const whyEn = empty ? 'is empty' : trimmed.startsWith('/') ? 'has spaces around it' : 'does not start with "/"';
      const whyKo = empty ? '비어 있습니다' : trimmed.startsWith('/') ? '앞뒤에 공백이 있습니다' : '"/"로 시작하지 않습니다';
      const suggested = empty ? '' : trimmed.startsWith('/') ? trimmed.slice(1) : trimmed.replace(/^https?:\/\/[^/]*\/?/i, '');
      const users = usage.settingsByProbe.get(probe) ?? [];
      const affected = affectedBy(gateway, (p) => !!p.settings && users.includes(p.settings));
      const lt = listenersText(affected);
      report({
        resource: { type: 'probes', name: probe.name, id: probe.id },
        source: probe.source,
        params: {
          probe: probe.name,
          path,
          whyEn,
          whyKo,
          suggested,
          settingsList: users.length ? users.map((s) => s.name).join(', ') : '—',
          listenersEn: lt.en,
          listenersKo: lt.ko,
        },
        evidence: [{ path: `probes[${probe.name}].path`, value: JSON.stringify(path), source: probe.source }],
        affected,
        commands: probeUpdateCommands(gateway, probe, [`Path = '/${suggested.replace(/'/g, "''")}'`], `--path ${q('/' + suggested)}`),
      });
    }
  },
});
