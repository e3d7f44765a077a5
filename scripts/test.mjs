// `npm test`: every check the project has, in the order that fails fastest, with one closing tally.
// Typecheck, lint, unit and component tests (vitest), the e2e suite through the browser harness,
// and the tour into a temporary folder. All steps run even if one fails, so CI shows everything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'loopbaandialoog-test-'));
const bin = (name) => join('node_modules', '.bin', name);
const tally = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(name, command, args, { vitestReport } = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  if (vitestReport && existsSync(vitestReport)) {
    const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
    tally.passed += report.numPassedTests;
    tally.failed += report.numFailedTests;
    tally.skipped += report.numPendingTests + report.numTodoTests;
  } else {
    // A step that is not a test runner counts as one check.
    tally[ok ? 'passed' : 'failed'] += 1;
  }
  if (!ok) failedSteps.push(name);
  console.log(`${ok ? '✓' : '✗'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

const vitest = (config, report) => [
  'run', ...(config ? ['--config', config] : []), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
];

run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
// Each layer against its own runtime's types: no DOM in electron/, no Node in renderer/, neither in shared/.
for (const layer of ['electron', 'renderer', 'shared']) run(`typecheck ${layer}`, bin('tsc'), ['-p', `${layer}/tsconfig.json`, '--noEmit']);
run('lint', bin('eslint'), ['.', '--max-warnings=0']);
const unitReport = join(work, 'unit.json');
run('unit and component tests', bin('vitest'), vitest(null, unitReport), { vitestReport: unitReport });
if (run('build renderer', bin('vite'), ['build', '--logLevel', 'warn'])) {
  const e2eReport = join(work, 'e2e.json');
  run('e2e through the browser harness', bin('vitest'), vitest('tests/e2e/vitest.config.ts', e2eReport), { vitestReport: e2eReport });
  run('tour', bin('tsx'), ['tests/tour/tour.ts', join(work, 'tour')]);
}

rmSync(work, { recursive: true, force: true });
console.log('');
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`npm-test: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
