/** Hash routing (no server rules needed on any static host, and it works from file://). */
export type Route = { name: 'analyze' } | { name: 'history' } | { name: 'azure' } | { name: 'report'; id: string };

function parse(hash: string): Route {
  const h = hash.replace(/^#/, '');
  if (h === '/history') return { name: 'history' };
  if (h === '/azure') return { name: 'azure' };
  const m = /^\/report\/([\w-]+)$/.exec(h);
  if (m) return { name: 'report', id: m[1] };
  return { name: 'analyze' };
}

const state = $state({ route: parse(typeof location !== 'undefined' ? location.hash : '') });

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    state.route = parse(location.hash);
  });
}

export const router = {
  get route(): Route {
    return state.route;
  },
};

export function go(hash: '#/' | '#/history' | '#/azure' | `#/report/${string}`): void {
  if (location.hash === hash) state.route = parse(hash);
  else location.hash = hash;
}
