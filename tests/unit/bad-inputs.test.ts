/**
 * The bad-input catalogue: what users paste or drop instead of a gateway, and the exact words they then
 * read (documents[0].problems[0]: message, line, column — or the template's unknowns). Inputs are built in
 * tests/fixtures/bad/cases.ts (the 50 MB ones in memory). Each goes through the whole analyze().
 */
import { describe, it, expect } from 'vitest';
import { analyze, type InputDocument } from '../../src/core/analyze';
import type { Report } from '../../src/core/report/contract';
import * as C from '../fixtures/bad/cases';

const NOW = new Date('2026-11-25T00:00:00Z');

const GOOD_INPUT =
  'Paste the output of Get-AzApplicationGateway -Name <gw> -ResourceGroupName <rg> | ConvertTo-Json -Depth 100, or az network application-gateway show -g <rg> -n <gw>.';
const NOT_RECOGNISED = 'This text is not JSON and not PowerShell console output of an Az cmdlet, so its form could not be recognised.';
const NOT_A_GATEWAY = 'This JSON is not an Application Gateway, nor a network resource or companion output this analyzer knows.';

interface Expected {
  message: string;
  line: number;
  column: number;
  hint?: string;
  excerpt?: string;
}

interface Case {
  name: string;
  input: () => InputDocument;
  /** The first problem, exactly as the user sees it. */
  problem: Expected;
  /** Gateways the document still yields (default none). */
  gateways?: string[];
  /** Slow cases (tens of MB) get more time. */
  timeout?: number;
}

const CASES: Case[] = [
  {
    name: 'empty paste',
    input: () => C.named('paste.txt', ''),
    problem: { message: 'The input is empty.', line: 1, column: 1, hint: GOOD_INPUT },
  },
  {
    name: 'empty file (0 bytes)',
    input: () => C.named('gw.json', new Uint8Array()),
    problem: { message: 'The input is empty.', line: 1, column: 1, hint: GOOD_INPUT },
  },
  {
    name: 'whitespace only',
    input: () => C.named('paste.txt', '  \n\t \r\n  '),
    problem: { message: 'The input is empty.', line: 1, column: 1, hint: GOOD_INPUT },
  },
  {
    name: 'binary: a PNG screenshot dropped',
    input: () => C.named('screenshot.png', C.PNG_HEADER),
    problem: {
      message: 'This looks like a binary file (an image, archive or program), not text output.', line: 1, column: 1,
      hint: 'Drop the .json or .txt file that the PowerShell or az command wrote.',
    },
  },
  {
    name: '50 MB of valid JSON that is not Azure output',
    input: () => C.named('app-log.json', new TextEncoder().encode(C.fiftyMbJson())),
    problem: { message: NOT_A_GATEWAY, line: 1, column: 1, hint: GOOD_INPUT },
    timeout: 180_000,
  },
  {
    name: '50 MB of text junk',
    input: () => C.named('notes.txt', new TextEncoder().encode(C.fiftyMbJunk())),
    problem: {
      message: NOT_RECOGNISED, line: 1, column: 1, hint: GOOD_INPUT,
      excerpt: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit; sed do eiusmod tempor 0…',
    },
    timeout: 180_000,
  },
  {
    name: '100 000 levels of nesting',
    input: () => C.named('deep.json', C.deepNesting(100_000)),
    problem: {
      message: 'The JSON nests deeper than 256 levels; no Azure output does.', line: 1, column: 257,
      hint: 'Paste the output of the command itself (for example Get-AzApplicationGateway … | ConvertTo-Json -Depth 100).',
    },
  },
  {
    name: 'a PowerShell error message pasted instead of output',
    input: () => C.named('paste.txt', C.POWERSHELL_ERROR),
    problem: {
      message: "This is an error message from PowerShell or az, not the command's output.", line: 1, column: 1,
      excerpt: "Get-AzApplicationGateway : The Resource 'Microsoft.Network/applicationGateways/a…",
      hint: 'Fix the command first (check the gateway name, resource group and subscription: Set-AzContext / az account set), then paste its output.',
    },
  },
  {
    name: 'half-copied console output (cut inside BackendAddressPoolsText)',
    input: () => C.named('paste.txt', C.halfCopiedConsole()),
    problem: {
      message: 'The paste ends inside BackendAddressPoolsText (which starts on line 125): its JSON is not closed, so the copy looks cut off.',
      line: 140, column: 121,
      hint: 'Copy the whole console output again (or save it with … | Out-File gw.txt and drop the file); better still, paste … | ConvertTo-Json -Depth 100.',
    },
    // What was read before the cut is kept; the parts after it are reported as lost.
    gateways: ['ag-skcc'],
  },
  {
    name: 'a JSON array of numbers',
    input: () => C.named('numbers.json', '[1, 2, 3, 4.5, -6]'),
    problem: { message: NOT_A_GATEWAY, line: 1, column: 1, hint: GOOD_INPUT },
  },
  {
    name: 'HTML: the sign-in page pasted',
    input: () => C.named('paste.txt', C.SIGN_IN_HTML),
    problem: { message: NOT_RECOGNISED, line: 1, column: 1, excerpt: '<!DOCTYPE html>', hint: GOOD_INPUT },
  },
  {
    name: "CSV: the portal's resource list export",
    input: () => C.named('resources.csv', C.RESOURCES_CSV),
    problem: { message: NOT_RECOGNISED, line: 1, column: 1, excerpt: 'NAME,TYPE,RESOURCE GROUP,LOCATION,SUBSCRIPTION', hint: GOOD_INPUT },
  },
];

const withoutExcerpt = ({ excerpt: _e, ...rest }: Expected) => rest;

async function run(input: InputDocument): Promise<Report> {
  return (await analyze([input], { now: NOW })).report;
}

describe('bad-input catalogue: the exact message the user sees', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const input = c.input();
      const report = await run(input);
      const doc = report.documents[0];
      expect(doc.gateways).toEqual(c.gateways ?? []);
      const { excerpt, ko, ...rest } = doc.problems[0];
      expect(rest).toEqual({ severity: 'error', ...withoutExcerpt(c.problem) });
      // The same problem reads in Korean too, where the message table knows it.
      if (ko) expect(ko.message).toMatch(/[\uac00-\ud7a3]/);
      if (c.problem.excerpt !== undefined) expect(excerpt).toBe(c.problem.excerpt);
      // The same problem is a finding of the input rule, so the findings list says it too.
      const line = `${input.name}: ${c.problem.message} (line ${c.problem.line}, column ${c.problem.column})`;
      expect(report.findings.filter((f) => f.ruleId === 'input-problem').map((f) => f.message)).toContain(line);
    }, c.timeout ?? 30_000);
  }

  it('UTF-16 LE with BOM (Windows PowerShell 5.1 "> gw.json"): read as the gateway it is, no problem', async () => {
    const report = await run(C.named('gw.json', C.utf16leWithBom()));
    const doc = report.documents[0];
    expect(doc.problems).toEqual([]);
    expect(doc).toMatchObject({ kind: 'arm-rest', gateways: ['agw-shop'] });
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a template whose variables refer to each other: evaluated as far as possible, the loops are unknowns', async () => {
    const report = await run(C.named('template.json', C.recursiveVariablesTemplate()));
    const doc = report.documents[0];
    expect(doc.problems).toEqual([]);
    expect(doc.kind).toBe('arm-template');
    expect(doc.unknowns.map((u) => [u.reason, u.line, u.column])).toEqual([
      ["cannot evaluate variables('a'): recursive variable reference: a -> b -> a", 13, 7], // the "name" line itself
      ["cannot evaluate variables('self'): recursive variable reference: self -> self", 22, 13],
    ]);
    // The gateway is still analysed, under a stand-in name since its own name is unknown.
    expect(doc.gateways).toEqual(['application-gateway']);
  });

  it('an expression of 10 000 nested calls: refused with a parse error, not a stack overflow', async () => {
    const report = await run(C.named('template.json', C.deepExpressionTemplate(10_000)));
    const doc = report.documents[0];
    expect(doc.problems).toEqual([]);
    expect(doc.unknowns).toHaveLength(1);
    const u = doc.unknowns[0];
    expect([u.line, u.column]).toEqual([8, 7]); // the "name" line that holds the expression
    expect(u.reason.startsWith("cannot evaluate [concat(concat(")).toBe(true);
    // The 80 000-character expression is quoted by its two ends, so the message stays readable.
    expect(u.reason.endsWith(')'.repeat(90) + ']: parse error at position 1408: expression nests deeper than 200 levels')).toBe(true);
    expect(u.reason).toMatch(/ … \(\d+ characters\) … /);
    expect(u.reason.length).toBeLessThan(400);
    expect(u.expression.startsWith('[concat(concat(')).toBe(true);
    expect(u.expression.length).toBeLessThanOrEqual(2100);
    expect(doc.gateways).toEqual(['application-gateway']);
  });
});
