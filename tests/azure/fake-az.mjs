#!/usr/bin/env node
/**
 * A stand-in for the az CLI, for running the generated bash collect script offline: it answers the read
 * commands the script uses from a snapshot of the fake tenant (FAKE_AZ_DATA: a JSON file written by the
 * test), flattening `properties` as az does, and evaluates the small JMESPath subset the script's --query
 * options use. FAKE_AZ_FORBID=backendhealth makes show-backend-health fail as a Reader's would.
 * Nothing here touches the network.
 */
import { readFileSync, appendFileSync } from 'node:fs';

const args = process.argv.slice(2);
const data = JSON.parse(readFileSync(process.env.FAKE_AZ_DATA, 'utf8'));
if (process.env.FAKE_AZ_LOG) appendFileSync(process.env.FAKE_AZ_LOG, `${args.join(' ')}\n`);

const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const words = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith('-')) {
    i++;
    continue;
  }
  words.push(args[i]);
}
const command = words.join(' ');
const byId = new Map(Object.entries(data.resources).map(([k, v]) => [k.toLowerCase(), v]));

/** az prints resources with `properties` merged into the object (recursively for sub-resources). */
function flatten(v) {
  if (Array.isArray(v)) return v.map(flatten);
  if (!v || typeof v !== 'object') return v;
  const out = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'properties' && x && typeof x === 'object' && !Array.isArray(x)) Object.assign(out, flatten(x));
    else out[k] = flatten(x);
  }
  return out;
}

function fail(message, code = 1) {
  process.stderr.write(`ERROR: ${message}\n`);
  process.exit(code);
}

function get(id) {
  const r = byId.get(String(id).toLowerCase());
  if (r) return r;
  const m = /^(.*\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(id);
  const sub = m && byId.get(m[1].toLowerCase())?.properties?.subnets?.find((s) => s.id.toLowerCase() === String(id).toLowerCase());
  if (sub) return sub;
  fail(`(ResourceNotFound) The Resource '${id}' was not found.`, 3);
}

/** The JMESPath subset: a.b, a[].b, a[].b[].c, and [].x[?contains([...], field)][].[p, q]. */
function query(value, q) {
  const m = /^\[\]\.(\w+)\[\?contains\(\[(.*)\], (\w+)\)\]\[\]\.\[(.*)\]$/.exec(q);
  if (m) {
    const wanted = [...m[2].matchAll(/'([^']*)'/g)].map((x) => x[1]);
    const rows = [];
    for (const item of value) for (const c of item[m[1]] ?? []) if (wanted.includes(c[m[3]])) rows.push(m[4].split(',').map((p) => path(c, p.trim()) ?? null));
    return rows;
  }
  return path(value, q);
}

function path(value, q) {
  let cur = [value];
  let flat = false;
  for (const part of q.split('.')) {
    const many = part.endsWith('[]');
    const key = many ? part.slice(0, -2) : part;
    const next = [];
    for (const c of cur) {
      const v = key ? c?.[key] : c;
      if (v === undefined || v === null) continue;
      if (many) next.push(...(Array.isArray(v) ? v : [v]));
      else next.push(v);
    }
    flat = flat || many;
    cur = next;
  }
  return flat ? cur : cur.length ? cur[0] : null;
}

function print(value) {
  const q = opt('--query');
  const out = q ? query(value, q) : value;
  if (opt('-o') === 'tsv') {
    const lines = Array.isArray(out) ? out.map((r) => (Array.isArray(r) ? r.join('\t') : r)) : out === null ? [] : [out];
    process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  } else process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  process.exit(0);
}

const gatewayId = () => Object.keys(data.resources).find((k) => /applicationGateways/i.test(k) && new RegExp(`/resourceGroups/${opt('-g')}/providers/Microsoft.Network/applicationGateways/${opt('-n')}$`, 'i').test(k));

switch (command) {
  case 'network application-gateway show': {
    const id = gatewayId();
    if (!id) fail(`(ResourceNotFound) The Resource 'Microsoft.Network/applicationGateways/${opt('-n')}' under resource group '${opt('-g')}' was not found.`, 3);
    print(flatten(get(id)));
    break;
  }
  case 'network application-gateway show-backend-health': {
    if (process.env.FAKE_AZ_FORBID === 'backendhealth') {
      fail(`(AuthorizationFailed) The client 'reader@fake.example' does not have authorization to perform action 'Microsoft.Network/applicationGateways/backendhealth/action' over scope '/subscriptions/x/resourceGroups/${opt('-g')}/providers/Microsoft.Network/applicationGateways/${opt('-n')}' or the scope is invalid.`);
    }
    print(data.backendHealth[gatewayId().toLowerCase()]);
    break;
  }
  case 'network vnet show':
  case 'network vnet subnet show':
  case 'network nsg show':
  case 'network route-table show':
  case 'network public-ip show':
  case 'network nic show':
    print(flatten(get(opt('--ids'))));
    break;
  case 'network nic list':
    print([...byId.values()].filter((r) => r.type === 'Microsoft.Network/networkInterfaces').map(flatten));
    break;
  case 'network nic list-effective-nsg':
    print({ nextLink: null, ...data.effectiveNsg[opt('--ids').toLowerCase()] });
    break;
  case 'network nic show-effective-route-table':
    print({ nextLink: null, value: data.effectiveRoutes.value });
    break;
  default:
    fail(`fake az does not know: az ${args.join(' ')}`, 2);
}
