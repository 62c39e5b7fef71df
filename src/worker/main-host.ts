/** The engine on the page's own thread: the single-file build (file://) and the fallback when a worker cannot start. */
import type { EngineHost } from './protocol';

export function mainThreadHost(): EngineHost {
  return {
    where: 'main',
    async analyze(inputs, { locale, now }) {
      const started = performance.now();
      const { analyze } = await import('../core/analyze');
      const { report, workspace } = await analyze(inputs, { locale, now });
      return { report, workspace, ms: performance.now() - started, where: 'main' };
    },
  };
}
