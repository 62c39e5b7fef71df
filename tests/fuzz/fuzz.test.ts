/**
 * Fuzzing the whole engine: mutated real inputs (the public corpus, generated gateways in every form,
 * PowerShell console text) and random text/bytes go through analyze(); for every input the engine must
 * not throw, must finish within TIME_LIMIT_MS, must not hit one of its own internal errors (which it turns
 * into a problem or a "could not run" finding), and must return a report that keeps the contract.
 *
 * CI (`npx vitest run`): a fixed seed and a bounded number of runs (each property stops after 15 s, so
 * the file stays under a minute).
 * `npm run fuzz` (tests/fuzz/run-long.ts): a random seed and many more runs; FUZZ_SEED and FUZZ_RUNS
 * override both; FUZZ_IGNORE (a regular expression) skips failures already reported. A failure prints
 * the seed and the shrunk counterexample: re-run with that FUZZ_SEED.
 * The engine runs in a worker thread (tests/fuzz/engine-worker.mjs) so an input that hangs is stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InputDocument } from '../../src/core/analyze';
import { EngineHost } from './engine-host';
import { contractViolations, internalErrors } from './contract';
import {
  applyTextMutations, applyValueMutations, bases, companions, deliver, deliveryArb, describeInput, textMutationArb, valueMutationArb, type Base,
} from './mutate';

const LONG = process.env.FUZZ_LONG === '1';
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : 20261125;
/** Runs per property; FUZZ_RUNS sets the biggest one, the others scale with it. */
const RUNS = Number(process.env.FUZZ_RUNS ?? (LONG ? 3000 : 600));
/** Generous: the largest fuzz input is a few MB; typical ones take milliseconds. */
const TIME_LIMIT_MS = 10_000;
/** Whole-test bound for vitest (a long run gets what it needs). */
const TEST_TIMEOUT = LONG ? 24 * 3600_000 : 120_000;

const host = new EngineHost();
let all: Base[] = [];
const slowest = { ms: 0, what: '' };

beforeAll(() => {
  all = bases();
  console.log(`fuzz: seed ${SEED}, ${RUNS} runs per property, ${all.length} bases (re-run with FUZZ_SEED=${SEED})`);
});
afterAll(async () => {
  await host.close();
  console.log(`fuzz: slowest input ${slowest.ms.toFixed(0)} ms (${slowest.what})`);
});

/** FUZZ_IGNORE: a regular expression of failures already reported, so a long run can look past them. */
const IGNORE = process.env.FUZZ_IGNORE ? new RegExp(process.env.FUZZ_IGNORE) : undefined;

/** Run one input and throw (for fast-check to shrink) if anything is wrong with the outcome. */
async function check(input: InputDocument | InputDocument[], what: string): Promise<void> {
  try {
    await checkOnce(input, what);
  } catch (e) {
    if (IGNORE?.test(String((e as Error).message))) return;
    throw e;
  }
}

async function checkOnce(input: InputDocument | InputDocument[], what: string): Promise<void> {
  const inputs = Array.isArray(input) ? input : [input];
  const out = await host.run(inputs, TIME_LIMIT_MS);
  if (out.ms > slowest.ms) Object.assign(slowest, { ms: out.ms, what });
  const about = `${what}\n${inputs.map((i) => `input ${i.name}: ${describeInput(i)}`).join('\n')}`;
  if (out.kind === 'timeout') throw new Error(`no answer within ${TIME_LIMIT_MS} ms: ${about}`);
  if (out.kind === 'error') throw new Error(`analyze() threw: ${out.error}\n${about}`);
  if (out.ms > TIME_LIMIT_MS) throw new Error(`took ${out.ms.toFixed(0)} ms: ${about}`);
  const violations = contractViolations(out.report, inputs.map(inputText).join('\n'));
  if (violations.length) throw new Error(`report breaks the contract:\n  ${violations.slice(0, 10).join('\n  ')}\n${about}`);
  const internal = internalErrors(out.report);
  if (internal.length) throw new Error(`internal error:\n  ${internal.slice(0, 5).join('\n  ')}\n${about}`);
  if (out.report.documents.length !== inputs.length) throw new Error(`expected ${inputs.length} document(s) in the report, got ${out.report.documents.length}\n${about}`);
}

/** The input as text in every decoding the engine might pick (for the placeholder check only). */
function inputText(input: InputDocument): string {
  if (input.text !== undefined) return input.text;
  const b = input.bytes ?? new Uint8Array();
  return ['utf-8', 'utf-16le', 'utf-16be'].map((e) => new TextDecoder(e).decode(b)).join('\n');
}

const params = (runs: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(runs)), endOnFailure: !LONG, interruptAfterTimeLimit: LONG ? undefined : 15_000 });

describe('fuzz: analyze() on broken inputs', () => {
  it('the public corpus and generated gateways, unchanged, as text and as UTF-16 LE bytes', async () => {
    for (const b of all) for (const how of ['text', 'utf-16le-bom'] as const) await check(deliver(b.name, b.text, how), `${b.name} as ${how}`);
  }, TEST_TIMEOUT);

  it('JSON with values mutated (dropped keys, wrong types, huge numbers, nesting, __proto__, long strings, surrogates)', async () => {
    const jsonBases = all.filter((b) => b.json !== undefined);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(jsonBases.length - 1),
        fc.array(valueMutationArb, { minLength: 1, maxLength: 5 }),
        fc.constantFrom<0 | 2>(0, 2),
        deliveryArb,
        async (bi, muts, indent, how) => {
          const b = jsonBases[bi];
          const text = applyValueMutations(b.json, muts, indent);
          await check(deliver(b.name, text, how), `${b.name} with ${JSON.stringify(muts)} as ${how}`);
        },
      ),
      params(RUNS),
    );
  }, TEST_TIMEOUT);

  it('text mutated (truncated, punctuation, noise, raw lone surrogates), JSON and console text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(all.length - 1),
        fc.array(textMutationArb, { minLength: 1, maxLength: 4 }),
        deliveryArb,
        async (bi, muts, how) => {
          const b = all[bi];
          const text = applyTextMutations(b.text, muts);
          await check(deliver(b.name, text, how), `${b.name} with ${JSON.stringify(muts)} as ${how}`);
        },
      ),
      params(RUNS * 0.75),
    );
  }, TEST_TIMEOUT);

  it('random bytes, random strings and random JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 4096 }).map((bytes) => ({ name: 'random.bin', bytes }) as InputDocument),
          fc.string({ unit: 'binary', maxLength: 2000 }).map((text) => ({ name: 'random.txt', text }) as InputDocument),
          fc.json({ maxDepth: 6 }).map((text) => ({ name: 'random.json', text }) as InputDocument),
          // Random JSON under keys the engine looks for, so it goes past detection.
          fc.dictionary(
            fc.constantFrom('name', 'id', 'type', 'properties', 'sku', 'backendAddressPools', 'httpListeners', 'requestRoutingRules', 'probes',
              'backendHttpSettingsCollection', 'frontendPorts', 'urlPathMaps', 'value', '$schema', 'resources', 'Name', 'Sku', 'BackendAddressPoolsText',
              'securityRules', 'addressSpace', 'subnets', 'backendAddressPool', 'servers', 'effectiveSecurityRules'),
            fc.jsonValue({ maxDepth: 4 }),
          ).map((o) => ({ name: 'random-shaped.json', text: JSON.stringify({ type: 'Microsoft.Network/applicationGateways', ...o }) }) as InputDocument),
        ),
        async (input) => check(input, `random ${input.name}`),
      ),
      params(RUNS * 0.75),
    );
  }, TEST_TIMEOUT);

  it('several documents at once: a gateway (any form) with its network and backend health, each maybe mutated', async () => {
    const forms = ['rest', 'ps-json', 'cli-json', 'template'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...forms),
        fc.array(fc.array(valueMutationArb, { maxLength: 2 }), { minLength: 5, maxLength: 5 }),
        fc.subarray([0, 1, 2, 3, 4], { minLength: 1 }),
        fc.boolean(),
        async (form, mutsPerDoc, keep, sameNames) => {
          const docs = companions(form).map((d, i) => ({ name: sameNames ? 'paste.txt' : d.name, text: mutsPerDoc[i].length ? applyValueMutations(JSON.parse(d.text), mutsPerDoc[i], 2) : d.text }));
          const chosen = keep.map((i) => docs[i]);
          await check(chosen, `${form} workspace ${JSON.stringify(keep)} with ${JSON.stringify(mutsPerDoc)}`);
        },
      ),
      params(RUNS * 0.25),
    );
  }, TEST_TIMEOUT);

  it('the checker itself catches a broken report', () => {
    expect(contractViolations({ findings: [{ ruleId: 'x', category: 'nope', severity: 'fatal', gateway: 1, resource: {}, message: '', fix: 1, evidence: null, source: {} }], documents: [], gateways: [], summary: {} }).length).toBeGreaterThan(5);
  });
});
