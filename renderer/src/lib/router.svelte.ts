import { untrack } from 'svelte';

// Hash routing (#/runs, #/run/3, #/compare?ids=1,2): the server only ever serves /.
export interface Route {
  screen: 'runs' | 'run' | 'compare' | 'neighbours' | 'masks' | 'datasets';
  id: number | null;
  params: URLSearchParams;
}

const SCREENS = ['runs', 'run', 'compare', 'neighbours', 'masks', 'datasets'] as const;

function parse(hash: string): Route {
  const [p, q = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name, id] = p.split('/');
  const screen = (SCREENS as readonly string[]).includes(name) ? (name as Route['screen']) : 'runs';
  return { screen, id: id && /^\d+$/.test(id) ? Number(id) : null, params: new URLSearchParams(q) };
}

class Router {
  route = $state<Route>(parse(location.hash));
  constructor() {
    addEventListener('hashchange', () => (this.route = parse(location.hash)));
  }
  go(path: string): void {
    location.hash = `#/${path.replace(/^#?\/?/, '')}`;
  }
  /** Change the query of the current screen without adding history entries. */
  setParams(params: Record<string, string | number | null | undefined>): void {
    untrack(() => this.replaceParams(params));
  }
  private replaceParams(params: Record<string, string | number | null | undefined>): void {
    const q = new URLSearchParams(this.route.params);
    for (const [k, v] of Object.entries(params)) {
      if (v === null || v === undefined || v === '') q.delete(k);
      else q.set(k, String(v));
    }
    const base = location.hash.replace(/^#\/?/, '').split('?')[0];
    const s = q.toString();
    history.replaceState(history.state, '', `#/${base}${s ? `?${s}` : ''}`);
    this.route = parse(location.hash);
  }
}

export const router = new Router();
