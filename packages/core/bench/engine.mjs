// The engine's own micro-benchmark (not a test): a citizen's whole journey through a session,
// with the procedure calls a page makes around each Continue, timed in Node.
//
//   node --import tsx --conditions=source packages/core/bench/engine.mjs [rounds] [core src dir]
//
// The optional directory is another core's `src` (of an earlier commit, extracted with
// `git archive <commit> packages/core/src | tar -x -C <dir>` somewhere under packages/core so
// that its imports resolve), to time before and after a change on the same loaded machine.
//
// Journeys: the birth registration (examples/procedures, without the Vietnam pack's formats, as
// the core tests load it) and the generated large procedure (30 steps, 200 fields). Each page is
// "rendered" as <motcua-procedure> does: isRequired and isVisible of every field on screen, and
// at review the summary (every asked step's visible fields, documents, papers, fees).
// Timings are reported, never asserted (STYLE.md).
// Node globals: the lint config gives them to scripts/ and test/, not to bench/.
/* global console, URL */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { largeProcedure } from '../../../scripts/bench/large-procedure.mjs';

const rounds = Number(process.argv[2] ?? 30);
const src = process.argv[3];
const core = src ? pathToFileURL(`${src}/`) : undefined;
const { createManualClock, createSession, todayIn } = await import(
  core ? new URL('index.ts', core).href : '@motcua/core'
);
const { loadProcedure } = await import(
  core ? new URL('compiler/index.ts', core).href : '@motcua/core/compiler'
);

// The first "today" of the process: what the first input pays before any journey.
const firstToday = performance.now();
todayIn({ now: () => Date.now() }, 'Asia/Ho_Chi_Minh');
const firstTodayMs = performance.now() - firstToday;

function read(path) {
  return JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8'));
}

function birthRegistration() {
  const definition = read('../../../examples/procedures/birth-registration.procedure.json');
  for (const step of definition.steps)
    for (const field of step.fields) if (field.format?.startsWith('vn-')) delete field.format;
  const cases = read('../../../examples/procedures/birth-registration.cases.json');
  const clock = createManualClock(`${cases.today}T09:00:00+07:00`);
  return {
    name: 'birth registration',
    procedure: loadProcedure(definition, { clock }),
    answers: cases.cases[0].answers,
    clock,
  };
}

function large() {
  const { definition, answers } = largeProcedure();
  const clock = createManualClock('2025-09-01T09:00:00+07:00');
  return {
    name: 'large (30 steps)',
    procedure: loadProcedure(definition, { clock }),
    answers,
    clock,
  };
}

/** What <motcua-procedure> asks the procedure to draw a page. */
function render(procedure, snapshot) {
  const { answers } = snapshot;
  if (snapshot.status === 'filling') {
    for (const field of snapshot.fields) {
      procedure.isRequired(field.id, answers);
      procedure.isVisible(field.id, answers);
    }
    return;
  }
  for (const step of procedure.applicableSteps(answers)) {
    for (const field of procedure.visibleFields(step.id, answers))
      procedure.isVisible(field.id, answers);
  }
  procedure.documents(answers);
  procedure.papers(answers);
  procedure.fees(answers);
}

/** One journey: every step filled with valid answers, Continue, up to review. */
function journey({ procedure, answers, clock }) {
  const session = createSession(procedure, { clock });
  let continues = 0;
  let continueMs = 0;
  render(procedure, session.snapshot);
  while (session.snapshot.status === 'filling') {
    const step = session.snapshot.step;
    for (const field of step.fields) {
      if (answers[field.id] === undefined) continue;
      render(procedure, session.set(field.id, answers[field.id]));
    }
    const start = performance.now();
    const after = session.next();
    continueMs += performance.now() - start;
    continues++;
    if (after.errors.length > 0)
      throw new Error(`${procedure.id}: errors on ${step.id}: ${after.errors[0].message}`);
    render(procedure, after);
  }
  session.stop();
  return { continues, continueMs };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(`first todayIn('Asia/Ho_Chi_Minh') of the process: ${firstTodayMs.toFixed(2)} ms`);
for (const subject of [birthRegistration(), large()]) {
  const total = [];
  const perContinue = [];
  let continues = 0;
  for (let round = 0; round < rounds + 3; round++) {
    const start = performance.now();
    const result = journey(subject);
    const ms = performance.now() - start;
    continues = result.continues;
    // The first rounds warm the JIT; they are left out.
    if (round < 3) continue;
    total.push(ms);
    perContinue.push(result.continueMs / result.continues);
  }
  // On a shared, loaded machine the fastest round is the least disturbed: both are shown.
  console.log(
    `${subject.name}: ${continues} Continues; ${rounds} rounds, median (fastest): ` +
      `${median(total).toFixed(2)} (${Math.min(...total).toFixed(2)}) ms per journey, ` +
      `${median(perContinue).toFixed(3)} (${Math.min(...perContinue).toFixed(3)}) ms per Continue`,
  );
}
