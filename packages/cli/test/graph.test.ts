import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ProcedureDefinition } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import vn from '@motcua/vn/pack';
import { flowOutline, mermaidFlow, mermaidText } from '../src/graph.js';
import { root, run, temporaryFolder } from './helpers.js';

const BIRTH = 'examples/procedures/birth-registration.procedure.json';
const RESIDENCE = 'packages/vn/procedures/permanent-residence.procedure.json';
const FIXTURE = 'packages/cli/test/fixtures/every-condition.procedure.json';

function load(path: string): ProcedureDefinition {
  return loadProcedure(readFileSync(join(root, path), 'utf8'), { packs: [vn] }).definition;
}

function edges(flow: string): string[] {
  return flow.split('\n').filter((line) => line.includes('->'));
}

describe('mermaidFlow', () => {
  it('enters the father step with its condition and skips it otherwise', () => {
    const flow = mermaidFlow(load(BIRTH), 'vi');
    assert.ok(flow.startsWith('flowchart TD\n  start(["Bắt đầu"])\n  step1["Bước 1: '));
    assert.ok(flow.includes('\n  step6["Bước 6: Thông tin về cha của trẻ"]\n'), flow);
    assert.deepEqual(edges(flow).slice(5, 9), [
      '  step5 -->|"khi “Đã xác định được cha của trẻ chưa?” là “Đã xác định”"| step6',
      '  step6 --> step7',
      '  step5 -.->|"nếu không"| step7',
      '  step7 --> step8',
    ]);
    assert.deepEqual(edges(flow).slice(-2), ['  step9 --> review', '  review --> submit']);
    assert.ok(flow.includes('  review["Kiểm tra lại thông tin"]\n  submit(["Gửi hồ sơ"])\n'));
  });

  it('speaks English with --lang en', () => {
    const flow = mermaidFlow(load(BIRTH), 'en');
    assert.ok(flow.includes('  start(["Start"])'));
    assert.ok(
      flow.includes(
        '  step5 -->|"when “Has the child\'s father been determined?” is “Yes”"| step6',
      ),
      flow,
    );
    assert.ok(flow.includes('  step5 -.->|"otherwise"| step7'));
    assert.ok(flow.includes('  submit(["Send the application"])'));
  });

  it('carries the next condition on a skip that lands on another conditional step', () => {
    const flow = edges(mermaidFlow(load(RESIDENCE), 'vi'));
    const fromFive = flow.filter((line) => line.startsWith('  step5 '));
    assert.deepEqual(fromFive, [
      '  step5 -->|"khi “Bạn có nhập vào một hộ gia đình đã đăng ký thường trú ở địa chỉ này không?” là “Có, nhập vào hộ đã có”"| step6',
      '  step5 -.->|"khi “Bạn có phải là chủ sở hữu chỗ ở này không?” là “Không”"| step7',
      '  step5 -.->|"nếu không"| step8',
    ]);
  });

  it('quotes labels and writes Mermaid syntax as its entities', () => {
    assert.equal(
      mermaidText('Bước "1" [a] {b} (c) #2; <d> & |e| `f`\nsau'),
      'Bước #quot;1#quot; #91;a#93; #123;b#125; #40;c#41; #35;2#59; #lt;d#gt; #amp; #124;e#124; #96;f#96; sau',
    );
    const definition = load(FIXTURE);
    const evil = structuredClone(definition);
    const first = evil.steps[0];
    assert.ok(first);
    first.title = '<img src=x onerror=alert(1)> "end"]';
    const flow = mermaidFlow(evil, 'vi');
    assert.ok(
      flow.includes(
        '  step1["Bước 1: #lt;img src=x onerror=alert#40;1#41;#gt; #quot;end#quot;#93;"]\n',
      ),
      flow,
    );
    assert.ok(!flow.includes('<img'));
  });

  it('lists the stops in order with the condition of a conditional step', () => {
    const stops = flowOutline(load(FIXTURE), 'en');
    assert.deepEqual(
      stops.map((stop) => stop.label),
      [
        'Start',
        'Step 1: Applicant',
        'Step 2: Numbers and dates',
        'Step 3: Places lived',
        'Step 4: Guardian',
        'Check your answers',
        'Send the application',
      ],
    );
    assert.equal(
      stops[4]?.condition,
      'when the age by “Date of birth” is under 18 and (“Receive the result” is “By post” or “Delivery address” is filled in)',
    );
  });
});

describe('motcua graph', () => {
  it('prints the flowchart of a definition', async () => {
    const result = await run(['graph', BIRTH, '--pack', '@motcua/vn/pack']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, mermaidFlow(load(BIRTH), 'vi'));
  });

  it('writes the flowchart to --out in the language of --lang', async () => {
    const dir = temporaryFolder();
    const out = join(dir, 'flows', 'birth.mmd');
    const result = await run([
      'graph',
      BIRTH,
      '--pack',
      '@motcua/vn/pack',
      '--lang',
      'en',
      '--out',
      out,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `wrote ${out}\n`);
    assert.equal(readFileSync(out, 'utf8'), mermaidFlow(load(BIRTH), 'en'));
  });

  it('exits 2 for wrong usage', async () => {
    const none = await run(['graph']);
    assert.equal(none.code, 2);
    assert.equal(
      none.errors[0],
      'motcua: no definition file given; name one *.procedure.json file',
    );
    const two = await run(['graph', BIRTH, RESIDENCE]);
    assert.equal(two.code, 2);
    assert.match(two.errors[0] ?? '', /^motcua: give one definition file, not 2/);
    const language = await run(['graph', BIRTH, '--lang', 'fr']);
    assert.equal(language.code, 2);
    assert.equal(language.errors[0], 'motcua: --lang must be vi or en, not "fr"');
    const unknown = await run(['graph', BIRTH, '--colour']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.errors[0], 'motcua: unknown option --colour; see the options below');
  });

  it('exits 1 with file: pointer: message for a definition with problems', async () => {
    const dir = temporaryFolder();
    const bad = join(dir, 'bad.procedure.json');
    writeFileSync(
      bad,
      JSON.stringify({
        id: 'bad',
        version: '1.0.0',
        title: 'Bad',
        steps: [{ id: 'a', title: 'A', fields: [{ id: 'x', type: 'dat', label: 'X' }] }],
      }),
    );
    const result = await run(['graph', bad, '--out', join(dir, 'bad.mmd')]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(
      result.errors[0] ?? '',
      /bad\.procedure\.json: \/steps\/0\/fields\/0\/type: .*"dat"/,
    );
    assert.equal(existsSync(join(dir, 'bad.mmd')), false);
  });
});
