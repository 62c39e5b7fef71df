/**
 * Azure Resource Manager over `fetch`, read-only: GET, plus the read-only POST actions (backend health,
 * effective NSG, effective routes) and Resource Graph's POST query. Nothing here writes to Azure.
 *
 * - Paging: follows `nextLink` (ARM lists) and `$skipToken` (Resource Graph); a page that fails keeps the
 *   pages already read.
 * - Retries 429 and 5xx (and network errors) with back-off, honouring `Retry-After`
 *   (https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling).
 * - Long-running operations: 202 + `Location` / `Azure-AsyncOperation`, polled after `Retry-After`
 *   (https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations).
 * - Bounded parallelism (one limit for every request of a client) and cancel through an AbortSignal.
 * - HTTP failures are values (`ArmFailure`), never throws; only a cancel throws (an AbortError).
 * - A 403 names the denied action and the built-in roles that grant it
 *   (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/networking).
 * - The bearer token is only ever sent to the ARM endpoint's own origin: a nextLink or Location that points
 *   elsewhere is refused.
 */
import { trimSlash } from './endpoints';

/** API versions: stable ones that every cloud (public, US Gov, China) serves. */
export const API = {
  network: '2023-09-01',
  subscriptions: '2022-12-01',
  resourceGraph: '2022-10-01',
} as const;

export interface MissingPermission {
  /** The denied action, e.g. Microsoft.Network/applicationGateways/backendhealth/action. */
  action: string;
  /** Built-in roles that grant it (a custom role with the action works too). */
  roles: string[];
  scope?: string;
}

export type FailureKind = 'forbidden' | 'not-found' | 'throttled' | 'server' | 'network' | 'timeout' | 'unauthorized' | 'client';

export interface ArmFailure {
  ok: false;
  /** HTTP status; 0 when no answer came (network error, refused link). */
  status: number;
  kind: FailureKind;
  code?: string;
  message: string;
  url: string;
  permission?: MissingPermission;
}

export interface ArmSuccess<T> {
  ok: true;
  status: number;
  body: T;
  url: string;
}

export type ArmResult<T> = ArmSuccess<T> | ArmFailure;

export interface Progress {
  /** What is being read, in words: "backend health of appgw". */
  step: string;
  phase: 'start' | 'waiting' | 'retry' | 'done' | 'failed';
  /** Since the step started. */
  elapsedMs: number;
  /** One line for people: "reading backend health of appgw… 12 s". */
  message: string;
}

export interface ArmClientOptions {
  /** https://management.azure.com (or a sovereign cloud's, or a test server's). */
  endpoint: string;
  /** A bearer token for the ARM scope; `fresh` after a 401 (the cached one was refused). */
  getToken: (fresh?: boolean) => Promise<string>;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Requests in flight at once (default 6). */
  concurrency?: number;
  /** Retries after a 429/5xx/network error (default 4). */
  maxRetries?: number;
  /** First back-off when no Retry-After is given (default 1000 ms; doubles, with jitter). */
  backoffMs?: number;
  /** Longest wait this client accepts from one Retry-After (default 60 s). */
  maxRetryAfterMs?: number;
  /** Poll interval of a long-running operation that gives no Retry-After (default 2000 ms). */
  pollMs?: number;
  /** Give up on a long-running operation after this long (default 5 minutes). */
  operationTimeoutMs?: number;
  onProgress?: (p: Progress) => void;
  /** Test hooks. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  state?: string;
  tenantId?: string;
}

export interface GatewaySummary {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location?: string;
  sku?: string;
  tier?: string;
  operationalState?: string;
  provisioningState?: string;
}

export interface Listed<T> {
  items: T[];
  /** Set when the list stopped early; `items` holds what was read before. */
  failure?: ArmFailure;
}

function abortError(): Error {
  try {
    return new DOMException('The operation was aborted.', 'AbortError');
  } catch {
    return Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
  }
}

export function isAbort(e: unknown): boolean {
  return (e as { name?: string })?.name === 'AbortError';
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `Retry-After`: delta seconds or an HTTP date → milliseconds to wait (undefined when absent or unreadable). */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Counts in-flight work and makes the rest wait its turn. */
export function limiter(max: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async function run<T>(fn: () => Promise<T>): Promise<T> {
    if (active >= max) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

// ------------------------------------------------------------------ permissions

const ACTION_ROLES: [RegExp, string[]][] = [
  // Reader has */read only; these actions are in Network Contributor (Microsoft.Network/*), Contributor and Owner.
  [/^Microsoft\.Network\/applicationGateways\/backendhealth\/action$/i, ['Network Contributor', 'Contributor', 'Owner']],
  [/^Microsoft\.Network\/networkInterfaces\/effectiveNetworkSecurityGroups\/action$/i, ['Network Contributor', 'Contributor', 'Owner']],
  [/^Microsoft\.Network\/networkInterfaces\/effectiveRouteTable\/action$/i, ['Network Contributor', 'Contributor', 'Owner']],
  [/\/read$/i, ['Reader', 'Network Contributor', 'Contributor', 'Owner']],
];

/** The action a request needs, from its method and path: POST .../applicationGateways/x/backendhealth → ...backendhealth/action. */
export function actionOf(method: string, url: string): string {
  let path = url;
  try {
    path = new URL(url, 'https://x').pathname;
  } catch {
    /* keep as is */
  }
  if (/\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(path)) return 'Microsoft.ResourceGraph/resources/read';
  if (/^\/subscriptions\/?$/i.test(path)) return 'Microsoft.Resources/subscriptions/read';
  const m = /\/providers\/([^/]+)\/(.+)$/i.exec(path);
  if (!m) return method.toUpperCase() === 'GET' ? 'Microsoft.Resources/subscriptions/resourceGroups/read' : 'unknown';
  const segments = m[2].split('/');
  // type/name/type/name/.../[action]: keep the types, drop the names.
  const types: string[] = [];
  for (let i = 0; i < segments.length; i += 2) types.push(segments[i]);
  const action = segments.length % 2 === 1 && method.toUpperCase() === 'POST' ? types.pop() : undefined;
  return `${m[1]}/${types.join('/')}/${action ? `${action}/action` : 'read'}`;
}

export function rolesFor(action: string): string[] {
  for (const [re, roles] of ACTION_ROLES) if (re.test(action)) return roles;
  return ['Owner', 'Contributor'];
}

/** ARM's `{"error": {"code", "message"}}` (also the older `{"code", "message"}`). */
function errorOf(body: unknown): { code?: string; message?: string } {
  if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    const e = (o.error && typeof o.error === 'object' ? o.error : o) as Record<string, unknown>;
    return { code: typeof e.code === 'string' ? e.code : undefined, message: typeof e.message === 'string' ? e.message : undefined };
  }
  return {};
}

function kindOf(status: number): FailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  return 'client';
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

// ------------------------------------------------------------------ the client

export class ArmClient {
  readonly endpoint: string;
  private readonly origin: string;
  private readonly opts: Required<Omit<ArmClientOptions, 'signal' | 'onProgress' | 'fetch'>> & Pick<ArmClientOptions, 'signal' | 'onProgress'>;
  private readonly fetchFn: typeof fetch;
  private readonly limit: ReturnType<typeof limiter>;

  constructor(options: ArmClientOptions, shared?: { limit: ReturnType<typeof limiter> }) {
    this.endpoint = trimSlash(options.endpoint);
    this.origin = new URL(this.endpoint).origin;
    this.fetchFn = options.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));
    this.opts = {
      endpoint: this.endpoint,
      getToken: options.getToken,
      signal: options.signal,
      concurrency: options.concurrency ?? 6,
      maxRetries: options.maxRetries ?? 4,
      backoffMs: options.backoffMs ?? 1000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      pollMs: options.pollMs ?? 2000,
      operationTimeoutMs: options.operationTimeoutMs ?? 5 * 60_000,
      onProgress: options.onProgress,
      sleep: options.sleep ?? defaultSleep,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
    };
    this.limit = shared?.limit ?? limiter(this.opts.concurrency);
  }

  /** A client that shares this one's settings and request limit but answers to another signal and progress listener. */
  withSignal(signal: AbortSignal | undefined, onProgress = this.opts.onProgress): ArmClient {
    return new ArmClient({ ...this.opts, fetch: this.fetchFn, signal, onProgress }, { limit: this.limit });
  }

  private progress(step: string, phase: Progress['phase'], started: number, message: string): void {
    this.opts.onProgress?.({ step, phase, elapsedMs: this.opts.now() - started, message });
  }

  /** Path (with api-version) → absolute URL on the ARM endpoint; absolute URLs must be on its origin. */
  url(pathOrUrl: string, apiVersion?: string): string | undefined {
    let u: URL;
    try {
      u = /^https?:\/\//i.test(pathOrUrl) ? new URL(pathOrUrl) : new URL(this.endpoint + (pathOrUrl.startsWith('/') ? '' : '/') + pathOrUrl);
    } catch {
      return undefined;
    }
    if (u.origin !== this.origin) return undefined;
    if (apiVersion && !u.searchParams.has('api-version')) u.searchParams.set('api-version', apiVersion);
    return u.toString();
  }

  /**
   * One request with retries: 429/5xx/network errors wait (Retry-After, else exponential back-off with
   * jitter) and try again up to maxRetries; a 401 gets one fresh token.
   */
  async request<T = unknown>(method: 'GET' | 'POST', pathOrUrl: string, init: { apiVersion?: string; body?: unknown; step?: string } = {}): Promise<ArmResult<T> & { headers?: Headers }> {
    const signal = this.opts.signal;
    signal?.throwIfAborted();
    const url = this.url(pathOrUrl, init.apiVersion);
    if (!url) {
      return { ok: false, status: 0, kind: 'client', url: pathOrUrl, message: `Refused to send the sign-in token to ${pathOrUrl}: it is not on ${this.origin}.` };
    }
    const step = init.step ?? `${method} ${new URL(url).pathname}`;
    const started = this.opts.now();
    let freshToken = false;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      let res: Response | undefined;
      let networkError: string | undefined;
      let text = '';
      let token: string;
      try {
        token = await this.opts.getToken(freshToken);
      } catch (e) {
        if (isAbort(e) || signal?.aborted) throw abortError();
        return { ok: false, status: 0, kind: 'unauthorized', url, message: `No sign-in token: ${String((e as Error)?.message ?? e)}` };
      }
      try {
        res = await this.limit(async () => {
          const r = await this.fetchFn(url, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              accept: 'application/json',
              ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
            signal,
          });
          text = await r.text();
          return r;
        });
      } catch (e) {
        if (isAbort(e) || signal?.aborted) throw abortError();
        networkError = String((e as Error)?.message ?? e);
      }
      const body = res ? parseBody(text) : undefined;
      if (res && res.ok) return { ok: true, status: res.status, body: body as T, url, headers: res.headers };
      if (res?.status === 401 && !freshToken) {
        freshToken = true;
        continue;
      }
      const retryable = !res || RETRY_STATUS.has(res.status);
      if (retryable && attempt < this.opts.maxRetries) {
        const after = res ? retryAfterMs(res.headers.get('retry-after'), this.opts.now()) : undefined;
        const backoff = this.opts.backoffMs * 2 ** attempt * (0.5 + this.opts.random() / 2);
        const wait = Math.min(after ?? backoff, this.opts.maxRetryAfterMs);
        const why = res ? (res.status === 429 ? 'throttled by Azure (429)' : `Azure answered ${res.status}`) : `network error (${networkError})`;
        this.progress(step, 'retry', started, `${step}: ${why}; trying again in ${seconds(wait)}`);
        await this.opts.sleep(wait, signal);
        continue;
      }
      if (!res) return { ok: false, status: 0, kind: 'network', url, message: `No answer from ${this.origin}: ${networkError}` };
      const err = errorOf(body);
      const failure: ArmFailure = {
        ok: false,
        status: res.status,
        kind: kindOf(res.status),
        code: err.code,
        message: err.message ?? (typeof body === 'string' && body ? body.slice(0, 500) : `HTTP ${res.status}`),
        url,
      };
      if (res.status === 403) {
        const action = /perform action '([^']+)'/i.exec(failure.message)?.[1] ?? actionOf(method, url);
        const scope = /over scope '([^']+)'/i.exec(failure.message)?.[1];
        failure.permission = { action, roles: rolesFor(action), ...(scope ? { scope } : {}) };
      }
      return { ...failure, headers: res.headers };
    }
  }

  get<T = unknown>(pathOrUrl: string, apiVersion: string, step?: string): Promise<ArmResult<T>> {
    return this.request<T>('GET', pathOrUrl, { apiVersion, step });
  }

  /** Every page of an ARM list (`{value, nextLink}`). */
  async list<T = unknown>(path: string, apiVersion: string, step?: string): Promise<Listed<T>> {
    const items: T[] = [];
    let next: string | undefined = path;
    let first = true;
    while (next) {
      const r: ArmResult<{ value?: T[]; nextLink?: string }> = await this.request('GET', next, { apiVersion: first ? apiVersion : undefined, step });
      first = false;
      if (!r.ok) return { items, failure: r };
      items.push(...(Array.isArray(r.body?.value) ? r.body.value : []));
      next = typeof r.body?.nextLink === 'string' && r.body.nextLink ? r.body.nextLink : undefined;
    }
    return { items };
  }

  /**
   * A POST action that may run long: 200 → its body; 202 → poll `Location` (or `Azure-AsyncOperation`)
   * after each `Retry-After` until the result is there, with "waiting" progress events.
   */
  async postAction<T = unknown>(path: string, apiVersion: string, step: string, body?: unknown): Promise<ArmResult<T>> {
    const started = this.opts.now();
    this.progress(step, 'start', started, `reading ${step}…`);
    const first = await this.request<T>('POST', path, { apiVersion, body, step });
    if (!first.ok || first.status !== 202) return this.finish(step, started, first);
    const location = first.headers?.get('location') ?? undefined;
    const asyncOp = first.headers?.get('azure-asyncoperation') ?? undefined;
    if (!location && !asyncOp) {
      return this.finish(step, started, {
        ok: false, status: 202, kind: 'client', url: first.url,
        message: 'Azure accepted the request (202) but its answer had no readable Location or Azure-AsyncOperation header to poll.',
      });
    }
    let wait = retryAfterMs(first.headers?.get('retry-after'), this.opts.now()) ?? this.opts.pollMs;
    let pollUrl = location ?? asyncOp!;
    let polling: 'location' | 'async' = location ? 'location' : 'async';
    for (;;) {
      if (this.opts.now() - started + wait > this.opts.operationTimeoutMs) {
        return this.finish(step, started, { ok: false, status: 0, kind: 'timeout', url: pollUrl, message: `Azure did not finish ${step} within ${seconds(this.opts.operationTimeoutMs)}.` });
      }
      await this.opts.sleep(Math.min(wait, this.opts.maxRetryAfterMs), this.opts.signal);
      this.progress(step, 'waiting', started, `reading ${step}… ${seconds(this.opts.now() - started)}`);
      const r = await this.request<T>('GET', pollUrl, { step });
      if (!r.ok) return this.finish(step, started, r);
      const again = retryAfterMs(r.headers?.get('retry-after'), this.opts.now());
      if (r.status === 202) {
        wait = again ?? this.opts.pollMs;
        continue;
      }
      if (polling === 'async') {
        const status = String((r.body as { status?: unknown })?.status ?? '');
        if (/^(succeeded)$/i.test(status)) {
          if (location) {
            pollUrl = location;
            polling = 'location';
            wait = 0;
            continue;
          }
          const props = (r.body as { properties?: unknown })?.properties;
          return this.finish(step, started, { ...r, body: (props ?? r.body) as T });
        }
        if (/^(failed|canceled|cancelled)$/i.test(status)) {
          const err = errorOf(r.body);
          return this.finish(step, started, { ok: false, status: r.status, kind: 'server', code: err.code, url: pollUrl, message: err.message ?? `The operation ended ${status}.` });
        }
        wait = again ?? this.opts.pollMs;
        continue;
      }
      return this.finish(step, started, r);
    }
  }

  private finish<T>(step: string, started: number, r: ArmResult<T> & { headers?: Headers }): ArmResult<T> {
    const { headers: _h, ...rest } = r as ArmResult<T> & { headers?: Headers };
    void _h;
    if (rest.ok) this.progress(step, 'done', started, `read ${step} (${seconds(this.opts.now() - started)})`);
    else this.progress(step, 'failed', started, `${step}: ${rest.message}`);
    return rest;
  }

  /** A Resource Graph query over these subscriptions, every page ($skipToken). */
  async resourceGraph<T = Record<string, unknown>>(query: string, subscriptions: string[], step = 'Resource Graph query'): Promise<Listed<T>> {
    const items: T[] = [];
    // Resource Graph takes at most 1000 subscriptions per request.
    for (let i = 0; i < Math.max(subscriptions.length, 1); i += 1000) {
      const subs = subscriptions.slice(i, i + 1000);
      let skipToken: string | undefined;
      do {
        const r: ArmResult<{ data?: T[]; $skipToken?: string }> = await this.request('POST', '/providers/Microsoft.ResourceGraph/resources', {
          apiVersion: API.resourceGraph,
          step,
          body: { subscriptions: subs, query, options: { resultFormat: 'objectArray', $top: 1000, ...(skipToken ? { $skipToken: skipToken } : {}) } },
        });
        if (!r.ok) return { items, failure: r };
        items.push(...(Array.isArray(r.body?.data) ? r.body.data : []));
        skipToken = typeof r.body?.$skipToken === 'string' && r.body.$skipToken ? r.body.$skipToken : undefined;
      } while (skipToken);
    }
    return { items };
  }

  // ------------------------------------------------------------------ what the app reads

  listSubscriptions(): Promise<Listed<Subscription>> {
    return this.list<Subscription>('/subscriptions', API.subscriptions, 'subscriptions');
  }

  /**
   * Every gateway in these subscriptions: one Resource Graph query across all of them; where Resource Graph
   * is denied or fails, one ARM list per subscription. `failures` names what could not be listed.
   */
  async listGateways(subscriptionIds: string[]): Promise<{ items: GatewaySummary[]; via: 'resource-graph' | 'per-subscription'; failures: { subscriptionId?: string; failure: ArmFailure }[] }> {
    const failures: { subscriptionId?: string; failure: ArmFailure }[] = [];
    if (!subscriptionIds.length) return { items: [], via: 'resource-graph', failures };
    const query =
      "Resources | where type =~ 'microsoft.network/applicationgateways' " +
      '| project id, name, subscriptionId, resourceGroup, location, sku = tostring(properties.sku.name), tier = tostring(properties.sku.tier), ' +
      'operationalState = tostring(properties.operationalState), provisioningState = tostring(properties.provisioningState) | order by name asc';
    const rg = await this.resourceGraph<Record<string, unknown>>(query, subscriptionIds, 'gateways (Resource Graph)');
    if (!rg.failure) return { items: rg.items.map(summaryFromGraph).filter((g): g is GatewaySummary => !!g), via: 'resource-graph', failures };
    failures.push({ failure: rg.failure });
    const items: GatewaySummary[] = [];
    const run = limiter(4);
    await Promise.all(
      subscriptionIds.map((s) =>
        run(async () => {
          const l = await this.list<Record<string, unknown>>(`/subscriptions/${s}/providers/Microsoft.Network/applicationGateways`, API.network, `gateways of subscription ${s}`);
          for (const g of l.items) {
            const sum = summaryFromResource(g);
            if (sum) items.push(sum);
          }
          if (l.failure) failures.push({ subscriptionId: s, failure: l.failure });
        }),
      ),
    );
    items.sort((a, b) => a.name.localeCompare(b.name));
    return { items, via: 'per-subscription', failures };
  }

  getResource<T = unknown>(id: string, apiVersion: string = API.network, step?: string): Promise<ArmResult<T>> {
    return this.get<T>(id, apiVersion, step ?? `${typeOfId(id)} ${nameOfId(id)}`);
  }

  backendHealth(gatewayId: string): Promise<ArmResult<unknown>> {
    return this.postAction(`${gatewayId}/backendhealth`, API.network, `backend health of ${nameOfId(gatewayId)}`);
  }

  effectiveNsg(nicId: string): Promise<ArmResult<unknown>> {
    return this.postAction(`${nicId}/effectiveNetworkSecurityGroups`, API.network, `effective NSG of ${nameOfId(nicId)}`);
  }

  effectiveRoutes(nicId: string): Promise<ArmResult<unknown>> {
    return this.postAction(`${nicId}/effectiveRouteTable`, API.network, `effective routes of ${nameOfId(nicId)}`);
  }
}

// ------------------------------------------------------------------ ids and summaries

export function nameOfId(id: string): string {
  return id.replace(/\/+$/, '').split('/').pop() ?? id;
}

export function typeOfId(id: string): string {
  const m = /\/providers\/[^/]+\/([^/]+)\/[^/]+(?:\/([^/]+)\/[^/]+)?$/i.exec(id);
  if (!m) return 'resource';
  const t = (m[2] ?? m[1]).toLowerCase();
  return (
    { applicationgateways: 'gateway', virtualnetworks: 'virtual network', subnets: 'subnet', networksecuritygroups: 'NSG', routetables: 'route table', networkinterfaces: 'network interface', publicipaddresses: 'public IP' } as Record<string, string>
  )[t] ?? t;
}

/** /subscriptions/{s}/resourceGroups/{rg}/... → its parts (undefined when the id is not ARM-shaped). */
export function parseId(id: string): { subscriptionId: string; resourceGroup: string } | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\//i.exec(id);
  return m ? { subscriptionId: m[1], resourceGroup: m[2] } : undefined;
}

function s(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function summaryFromGraph(r: Record<string, unknown>): GatewaySummary | undefined {
  const id = s(r.id);
  if (!id) return undefined;
  const p = parseId(id);
  return {
    id,
    name: s(r.name) ?? nameOfId(id),
    subscriptionId: s(r.subscriptionId) ?? p?.subscriptionId ?? '',
    resourceGroup: s(r.resourceGroup) ?? p?.resourceGroup ?? '',
    location: s(r.location),
    sku: s(r.sku),
    tier: s(r.tier),
    operationalState: s(r.operationalState),
    provisioningState: s(r.provisioningState),
  };
}

function summaryFromResource(r: Record<string, unknown>): GatewaySummary | undefined {
  const id = s(r.id);
  if (!id) return undefined;
  const p = parseId(id);
  const props = (r.properties ?? {}) as Record<string, unknown>;
  const sku = (props.sku ?? {}) as Record<string, unknown>;
  return {
    id,
    name: s(r.name) ?? nameOfId(id),
    subscriptionId: p?.subscriptionId ?? '',
    resourceGroup: p?.resourceGroup ?? '',
    location: s(r.location),
    sku: s(sku.name),
    tier: s(sku.tier),
    operationalState: s(props.operationalState),
    provisioningState: s(props.provisioningState),
  };
}
