import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeGithubData, escapeGithubProperty, githubCommand } from '../../src/reports/githubCommand.js';
import { runCli, tempDir } from '../cli/runCli.js';
import { PLANT_FILE, plantText } from './support.js';

const tmp = tempDir();
const d = ['--date', '2027-01-15'];

/** A workflow command line parsed back: level, properties (unescaped) and message (unescaped). */
const COMMAND = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/;
const unescape = (s: string) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

function parseCommand(line: string) {
  const m = COMMAND.exec(line);
  if (!m) return undefined;
  const props = Object.fromEntries((m[2] ?? '').split(',').filter(Boolean).map((kv) => {
    const i = kv.indexOf('=');
    return [kv.slice(0, i), unescape(kv.slice(i + 1))];
  }));
  return { level: m[1], props, message: unescape(m[3]) };
}

async function github(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const r = await runCli([...argv, '-f', 'github']);
  return { code: r.code, lines: r.stdout.replace(/\n$/, '').split('\n') };
}

beforeAll(async () => {
  await runCli(['report', PLANT_FILE, ...d, '-f', 'json', '-o', tmp.path('base.json'), '--fail-on', 'never']);
  writeFileSync(tmp.path('grown.yaml'), plantText()
    .replace('  plc-2: {', '  plc-3: { zone: control, type: plc, address: 10.20.1.13, profile: legacy-plc }\n  plc-2: {')
    .replace('to: [plc-1, plc-2], protocol: modbus', 'to: [plc-1, plc-2, plc-3], protocol: modbus'));
  // a waiver reason that tries to end the annotation and start workflow commands of its own
  writeFileSync(tmp.path('inject.yaml'), plantText().replace('reason: No audit trail on the legacy controllers.', 'reason: "x\\n::error::pwned\\r\\n::add-mask::secret %0A"'));
});
afterAll(() => tmp.cleanup());

describe('escaping (docs.github.com, workflow commands; @actions/core escapeData/escapeProperty)', () => {
  it.each([
    ['100%', '100%25', '100%25'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
    ['%0A', '%250A', '%250A'],
  ])('%j', (input, data, property) => {
    expect(escapeGithubData(input)).toBe(data);
    expect(escapeGithubProperty(input)).toBe(property);
  });

  it('builds an annotation with file, line, column and title', () => {
    const range = { start: { line: 3, col: 5 }, end: { line: 3, col: 9 } };
    expect(githubCommand('error', { file: './a, b.yaml', range, title: 'otpc: x' }, 'm1\nm2'))
      .toBe('::error file=a%2C b.yaml,line=3,endLine=3,col=5,endColumn=9,title=otpc%3A x::m1%0Am2');
    expect(githubCommand('notice', { title: 't' }, 'm')).toBe('::notice title=t::m');
  });
});

describe('report --format github', () => {
  it('every line is an annotation except the final summary; errors first; each at a policy line', async () => {
    const { code, lines } = await github(['report', PLANT_FILE, ...d]);
    expect(code).toBe(1);
    const summary = lines.pop()!;
    expect(summary).toMatch(/^otpc: ci-plant on 2027-01-15: \d+ gap, \d+ partial, 2 waived, \d+ site findings?; --fail-on gap: \d+ failing$/);
    const cmds = lines.map(parseCommand);
    expect(cmds.every((c) => c !== undefined)).toBe(true);
    const rank = { error: 0, warning: 1, notice: 2 } as const;
    const ranks = cmds.map((c) => rank[c!.level as keyof typeof rank]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const text = plantText().split('\n');
    for (const c of cmds) {
      expect(c!.props.file).toBe(PLANT_FILE);
      expect(Number(c!.props.line)).toBeGreaterThan(0);
      expect(text[Number(c!.props.line) - 1]).toMatch(/^ {2}[a-z0-9-]+:|^ {2}- |^ {6}- /);
    }
  });

  it('groups findings per device (GitHub shows only 10 errors per step) and lists waivers as notices with their expiry', async () => {
    const { lines } = await github(['report', PLANT_FILE, ...d]);
    const cmds = lines.map(parseCommand).filter((c) => c !== undefined);
    const devices = cmds.filter((c) => /^otpc: [a-z0-9-]+ \(zone /.test(c!.props.title));
    expect(devices.map((c) => c!.props.title.split(' ')[1]).sort()).toEqual(['ews-1', 'hmi-1', 'jump-1', 'lab-pc', 'plc-1', 'plc-2']);
    const plc1 = devices.find((c) => c!.props.title.startsWith('otpc: plc-1 '))!;
    expect(plc1.level).toBe('error');
    expect(plc1.message.split('\n')).toContain('SR 1.1 RE 1 partial: Unique identification and authentication');
    const waivers = cmds.filter((c) => c!.props.title.startsWith('otpc: waiver'));
    expect(waivers.map((c) => [c!.level, c!.props.title])).toEqual([
      ['notice', 'otpc: waiver SR 1.1 on asset plc-1 until 2027-03-31'],
      ['notice', 'otpc: waiver SR 2.8 on zone control until 2027-12-31'],
    ]);
    expect(waivers[0]!.message).toBe('valid through 2027-03-31 (end of day, UTC); approved by J. Smith, Plant Manager: Replacement PLC in the 2027 outage; 100% sure, "quoted", a:b,c');
  });

  it('text from the policy cannot start a workflow command of its own', async () => {
    const { lines } = await github(['report', tmp.path('inject.yaml'), ...d]);
    expect(lines.filter((l) => l.startsWith('::')).every((l) => COMMAND.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('::error::pwned') || l.startsWith('::add-mask::'))).toBe(false);
    const waiver = lines.map(parseCommand).find((c) => c?.props.title?.startsWith('otpc: waiver SR 2.8'));
    // waiver reasons are printed on one line (whitespace collapsed) and escaped
    expect(waiver!.message).toContain('x ::error::pwned ::add-mask::secret %0A');
  });

  it('with --baseline: only devices with new findings, and a notice for what was resolved', async () => {
    const grown = await github(['report', tmp.path('grown.yaml'), ...d, '--baseline', tmp.path('base.json')]);
    expect(grown.code).toBe(1);
    const titles = grown.lines.map(parseCommand).filter((c) => c && c.level !== 'notice').map((c) => c!.props.title);
    // OTPC703 is new as well: its message now counts one more device behind the unenforced conduit
    expect(titles).toEqual([expect.stringMatching(/^otpc: plc-3 \(zone control\): \d+ gaps, \d+ partly met new since the baseline$/), 'otpc OTPC703 conduit-unenforced']);
    await runCli(['report', tmp.path('grown.yaml'), ...d, '-f', 'json', '-o', tmp.path('grown.json'), '--fail-on', 'never']);
    const back = await github(['report', PLANT_FILE, ...d, '--baseline', tmp.path('grown.json')]);
    expect(back.code).toBe(0);
    const resolved = back.lines.map(parseCommand).find((c) => c?.props.title === 'otpc: resolved since the baseline');
    expect(resolved!.message).toContain('plc-3: SR 1.2 gap');
    // 1 new: OTPC703 counts one device fewer again
    expect(back.lines.at(-1)).toMatch(/against the baseline of 2027-01-15: 1 new, \d+ unchanged, \d+ resolved; --fail-on gap: 0 failing$/);
  });
});

describe('report --format codequality (GitLab)', () => {
  it('one issue per finding with a unique fingerprint, a path and a line', async () => {
    const out = tmp.path('cq.json');
    await runCli(['report', PLANT_FILE, ...d, '-f', 'codequality', '-o', out]);
    const issues = JSON.parse(readFileSync(out, 'utf8')) as { fingerprint: string; severity: string; check_name: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.every((i) => i.location.path === PLANT_FILE && i.location.lines.begin > 0)).toBe(true);
    expect(new Set(issues.map((i) => i.severity))).toEqual(new Set(['critical', 'minor', 'info']));
  });
});

describe('validate --format github', () => {
  it('one annotation per diagnostic, warnings included', async () => {
    const r = await runCli(['validate', PLANT_FILE, '--date', '2027-03-20', '-f', 'github']);
    expect(r.code).toBe(0);
    const cmds = r.stdout.trim().split('\n').map(parseCommand).filter(Boolean);
    expect(cmds).toContainEqual({
      level: 'warning',
      props: { file: PLANT_FILE, line: '53', endLine: '53', col: '14', endColumn: '24', title: 'otpc OTPC504 waiver-expiring' },
      message: 'the waiver of SR 1.1 on asset "plc-1" expires on 2027-03-31, in 11 days\nhint: Plan the renewal or the fix before the expiry date.',
    });
  });
});
