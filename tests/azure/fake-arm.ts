/**
 * A fake Azure Resource Manager that follows the REST contract closely enough for the client and the
 * collector: the fake tenant's resources (fake-tenant.ts) in the azure-rest-api-specs shapes, lists paged
 * with `nextLink`, Resource Graph paged with `$skipToken`, the long-running POST actions answering 202 with
 * `Location` (and `Azure-AsyncOperation`) and `Retry-After`, plus injectable faults: 429 with Retry-After,
 * 403 on an action (AuthorizationFailed naming the action, as ARM words it), 500, Resource Graph denied.
 *
 * One handler (`Request` → `Response`), used two ways: as an in-process `fetch` for unit tests, and behind
 * node:http/https on 127.0.0.1 for the loopback and browser tests (with CORS, as ARM answers browsers).
 * It never talks to anything else.
 */
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { SUBSCRIPTIONS, backendHealth, effectiveNsg, effectiveRoutes, resources } from './fake-tenant';

type Obj = Record<string, unknown>;

export interface Fault {
  /** Tested against `METHOD path` (path without query), e.g. /POST .*\/backendhealth$/ */
  match: RegExp;
  /** How many matching requests get the fault (default: all). */
  times?: number;
  /** Let this many matching requests through first (a fault "mid-way"). */
  after?: number;
  /** Count `times`/`after` for each distinct request (method + path) on its own. */
  eachRequest?: boolean;
}

export interface FakeArmOptions {
  /** Items per page of ARM lists (default 1: every list has pages). */
  pageSize?: number;
  /** Rows per page of Resource Graph (default 2). */
  graphPageSize?: number;
  /** Polls answering 202 before a long-running operation is done (default 2). */
  polls?: number;
  /** Retry-After (seconds) on 202 answers (default 1). */
  retryAfter?: number;
  throttle?: Fault & { retryAfter?: number };
  serverError?: Fault;
  forbid?: Fault;
  /** Resource Graph answers 403 (the caller must fall back to per-subscription lists). */
  denyResourceGraph?: boolean;
  /** Checks the bearer token (default: any non-empty one). */
  verifyToken?: (token: string) => boolean | Promise<boolean>;
  /** Access-Control-Allow-Origin for browsers (default: echo the Origin). */
  corsOrigin?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export interface FakeArm {
  handle(req: Request): Promise<Response>;
  /** An in-process fetch: requests to any origin land on the handler. */
  fetch: typeof fetch;
  log: LoggedRequest[];
  options: FakeArmOptions;
  /** Serve on 127.0.0.1 (https when given a certificate). */
  listen(tls?: { key: string; cert: string }): Promise<{ origin: string; close(): Promise<void> }>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

const armError = (status: number, code: string, message: string, headers: Record<string, string> = {}) => json(status, { error: { code, message } }, headers);

export function createFakeArm(options: FakeArmOptions = {}): FakeArm {
  const data = resources();
  const log: LoggedRequest[] = [];
  const counts = new Map<string, number>();
  const faultIds = new Map<Fault, number>();
  const operations = new Map<string, { remaining: number; result: unknown }>();
  let nextOp = 1;

  const hits = (fault: Fault | undefined, sig: string): boolean => {
    if (!fault || !fault.match.test(sig)) return false;
    if (!faultIds.has(fault)) faultIds.set(fault, faultIds.size);
    const k = `${faultIds.get(fault)}|${fault.eachRequest ? sig : ''}`;
    const n = counts.get(k) ?? 0;
    counts.set(k, n + 1);
    const nth = n - (fault.after ?? 0);
    return nth >= 0 && (fault.times === undefined || nth < fault.times);
  };

  const page = <T>(origin: string, path: string, apiVersion: string, items: T[], skip: number) => {
    const size = options.pageSize ?? 1;
    const value = items.slice(skip, skip + size);
    const more = skip + size < items.length;
    return json(200, { value, ...(more ? { nextLink: `${origin}${path}?api-version=${apiVersion}&$skiptoken=${skip + size}` } : {}) });
  };

  const startOperation = (origin: string, sub: string, result: unknown, withAsync: boolean) => {
    const id = `op-${nextOp++}`;
    operations.set(id, { remaining: options.polls ?? 2, result });
    const base = `${origin}/subscriptions/${sub}/providers/Microsoft.Network/locations/westeurope`;
    return new Response(null, {
      status: 202,
      headers: {
        location: `${base}/operationResults/${id}?api-version=2023-09-01`,
        ...(withAsync ? { 'azure-asyncoperation': `${base}/operations/${id}?api-version=2023-09-01` } : {}),
        'retry-after': String(options.retryAfter ?? 1),
      },
    });
  };

  async function route(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method.toUpperCase();
    const sig = `${method} ${path}`;
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) return armError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");

    const auth = req.headers.get('authorization') ?? '';
    const token = /^Bearer (.+)$/.exec(auth)?.[1];
    if (!token || !(await (options.verifyToken ?? (() => true))(token))) {
      return armError(401, 'InvalidAuthenticationToken', 'The access token is invalid.', { 'www-authenticate': 'Bearer authorization_uri="https://login.example/", error="invalid_token"' });
    }
    if (hits(options.throttle, sig)) {
      return armError(429, 'TooManyRequests', 'The request is being throttled.', { 'retry-after': String(options.throttle?.retryAfter ?? 1) });
    }
    if (hits(options.serverError, sig)) return armError(500, 'InternalServerError', 'Encountered internal server error. Diagnostic information: timestamp ..., subscription id ..., tracking id ..., request correlation id ....');
    if (hits(options.forbid, sig)) {
      const action = actionFor(method, path);
      return armError(403, 'AuthorizationFailed', `The client 'reader@fake.example' with object id '00000000-0000-0000-0000-0000000000aa' does not have authorization to perform action '${action}' over scope '${path.replace(/\/[^/]+$/, '')}' or the scope is invalid. If access was recently granted, please refresh your credentials.`);
    }
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);

    // ---- subscriptions
    if (method === 'GET' && /^\/subscriptions$/i.test(path)) return page(url.origin, path, apiVersion, SUBSCRIPTIONS, skip);

    // ---- Resource Graph
    if (method === 'POST' && /^\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(path)) {
      if (options.denyResourceGraph) return armError(403, 'AuthorizationFailed', "The client does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read' over scope '/'.");
      const body = (await req.json()) as { subscriptions?: string[]; query?: string; options?: { $skipToken?: string } };
      const subs = new Set((body.subscriptions ?? []).map((s) => s.toLowerCase()));
      const inSubs = (id: string) => subs.has(/^\/subscriptions\/([^/]+)/i.exec(id)?.[1]?.toLowerCase() ?? '');
      let rows: Obj[] = [];
      const q = body.query ?? '';
      if (/microsoft\.network\/applicationgateways/i.test(q)) {
        rows = [...data.values()]
          .filter((r) => String(r.type) === 'Microsoft.Network/applicationGateways' && inSubs(String(r.id)))
          .map((r) => {
            const p = r.properties as Obj;
            const sku = p.sku as Obj;
            const [, sub, group] = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)/i.exec(String(r.id))!;
            return { id: r.id, name: r.name, subscriptionId: sub, resourceGroup: group, location: r.location, sku: sku.name, tier: sku.tier, operationalState: p.operationalState, provisioningState: p.provisioningState };
          })
          .sort((a, b) => String(a.name).localeCompare(String(b.name)));
      } else if (/microsoft\.network\/networkinterfaces/i.test(q)) {
        const ips = [...(/in \(([^)]*)\)/.exec(q)?.[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]);
        for (const r of data.values()) {
          if (String(r.type) !== 'Microsoft.Network/networkInterfaces' || !inSubs(String(r.id))) continue;
          for (const c of ((r.properties as Obj).ipConfigurations as Obj[]) ?? []) {
            const cp = c.properties as Obj;
            if (ips.includes(String(cp.privateIPAddress))) rows.push({ id: r.id, subnet: String((cp.subnet as Obj).id).toLowerCase() });
          }
        }
      } else {
        return armError(400, 'BadRequest', `The fake Resource Graph does not know this query: ${q}`);
      }
      const size = options.graphPageSize ?? 2;
      const from = Number(body.options?.$skipToken ?? 0);
      const data2 = rows.slice(from, from + size);
      const more = from + size < rows.length;
      return json(200, { totalRecords: rows.length, count: data2.length, data: data2, facets: [], resultTruncated: 'false', ...(more ? { $skipToken: String(from + size) } : {}) });
    }

    // ---- per-subscription gateway list
    let m = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Network\/applicationGateways$/i.exec(path);
    if (method === 'GET' && m) {
      const sub = m[1].toLowerCase();
      const items = [...data.values()].filter((r) => String(r.type) === 'Microsoft.Network/applicationGateways' && String(r.id).toLowerCase().startsWith(`/subscriptions/${sub}/`));
      return page(url.origin, path, apiVersion, items, skip);
    }

    // ---- long-running operation results
    m = /^\/subscriptions\/[^/]+\/providers\/Microsoft\.Network\/locations\/[^/]+\/(operationResults|operations)\/([^/]+)$/i.exec(path);
    if (method === 'GET' && m) {
      const op = operations.get(m[2]);
      if (!op) return armError(404, 'NotFound', 'No such operation.');
      if (m[1].toLowerCase() === 'operations') {
        return json(200, { status: op.remaining > 0 ? 'InProgress' : 'Succeeded' }, op.remaining > 0 ? { 'retry-after': String(options.retryAfter ?? 1) } : {});
      }
      if (op.remaining > 0) {
        op.remaining--;
        return new Response(null, { status: 202, headers: { location: url.toString(), 'retry-after': String(options.retryAfter ?? 1) } });
      }
      return json(200, op.result);
    }

    // ---- long-running POST actions
    m = /^(\/subscriptions\/([^/]+)\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/(applicationGateways|networkInterfaces)\/[^/]+)\/(backendhealth|effectiveNetworkSecurityGroups|effectiveRouteTable)$/i.exec(path);
    if (method === 'POST' && m) {
      const target = data.get(m[1].toLowerCase());
      if (!target) return armError(404, 'ResourceNotFound', `The Resource '${m[1]}' was not found.`);
      const action = m[4].toLowerCase();
      if (action !== 'backendhealth' && !(target.properties as Obj).virtualMachine) {
        return armError(400, 'NicNotAttachedToRunningVm', `Network interface ${m[1]} is not attached to a running virtual machine.`);
      }
      const result = action === 'backendhealth' ? backendHealth(m[1]) : action === 'effectivenetworksecuritygroups' ? effectiveNsg(String(target.id)) : effectiveRoutes();
      return startOperation(url.origin, m[2], result, action !== 'backendhealth');
    }

    // ---- GET a resource (or a subnet inside its VNet)
    if (method === 'GET') {
      const found = data.get(path.toLowerCase());
      if (found) return json(200, found);
      const sm = /^(.*\/virtualNetworks\/[^/]+)\/subnets\/([^/]+)$/i.exec(path);
      const subnet = sm ? (((data.get(sm[1].toLowerCase())?.properties as Obj | undefined)?.subnets as Obj[] | undefined) ?? []).find((s) => String(s.id).toLowerCase() === path.toLowerCase()) : undefined;
      if (subnet) return json(200, subnet);
      return armError(404, 'ResourceNotFound', `The Resource '${path}' under resource group was not found.`);
    }
    return armError(405, 'MethodNotAllowed', `${method} is not allowed here (this fake ARM is read-only).`);
  }

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const origin = req.headers.get('origin');
    const cors: Record<string, string> = origin
      ? {
          'access-control-allow-origin': options.corsOrigin ?? origin,
          'access-control-expose-headers': 'Location, Retry-After, Azure-AsyncOperation, x-ms-request-id',
          vary: 'Origin',
        }
      : {};
    let res: Response;
    if (req.method === 'OPTIONS') {
      res = new Response(null, {
        status: 204,
        headers: { ...cors, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'authorization, content-type, accept, x-ms-client-request-id', 'access-control-max-age': '600' },
      });
    } else {
      res = await route(req);
      for (const [k, v] of Object.entries(cors)) res.headers.set(k, v);
    }
    log.push({ method: req.method, path: url.pathname, status: res.status });
    return res;
  }

  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(String(input), init);
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    return handle(req);
  }) as typeof fetch;

  async function listen(tls?: { key: string; cert: string }) {
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const scheme = tls ? 'https' : 'http';
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
        const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
        const request = new Request(`${scheme}://${req.headers.host}${req.url}`, { method: req.method, headers, body });
        handle(request).then(
          async (r) => {
            const out: Record<string, string> = {};
            r.headers.forEach((v, k) => (out[k] = v));
            res.writeHead(r.status, out);
            res.end(Buffer.from(await r.arrayBuffer()));
          },
          (e) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(String(e));
          },
        );
      });
    };
    const server = tls ? createHttps({ key: tls.key, cert: tls.cert }, onRequest) : createHttp(onRequest);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    return {
      origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((r) => {
          server.closeAllConnections?.();
          server.close(() => r());
        }),
    };
  }

  return { handle, fetch: fakeFetch, log, options, listen };
}

/** The action ARM names in a 403 for this request (as Microsoft.Authorization words it). */
function actionFor(method: string, path: string): string {
  if (/resourcegraph/i.test(path)) return 'Microsoft.ResourceGraph/resources/read';
  const m = /\/providers\/([^/]+)\/(.+)$/i.exec(path);
  if (!m) return 'Microsoft.Resources/subscriptions/read';
  const seg = m[2].split('/');
  const types = seg.filter((_, i) => i % 2 === 0);
  if (method === 'POST' && seg.length % 2 === 1) return `${m[1]}/${types.join('/')}/action`;
  return `${m[1]}/${types.join('/')}/read`;
}
