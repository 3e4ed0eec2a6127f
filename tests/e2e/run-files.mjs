// Runs every *.test.mjs in a folder (default tests/e2e) side by side, E2E_CONCURRENCY files at a
// time (default: one per core, at least 2), each in its own `node --test` process: its own replica
// servers on free ports, its own browser profiles. The slowest files start first (times of the
// last run, kept in target/e2e-times.json; a file never timed counts as slow). Each file's output
// is shown when it ends, then a table of every file's wall time and a closing count.
//
//   node tests/e2e/run-files.mjs [folder] [file-name-filter]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = resolve(process.argv[2] || join(ROOT, 'tests', 'e2e'));
const filter = process.argv[3] || '';
const TIMES = join(ROOT, 'target', 'e2e-times.json');
const concurrency = Number(process.env.E2E_CONCURRENCY) || Math.max(2, availableParallelism());

let last = {};
try {
  last = JSON.parse(readFileSync(TIMES, 'utf8'));
} catch {
  // first run: no times yet
}
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.mjs') && f.includes(filter))
  .sort((a, b) => (last[b] ?? Infinity) - (last[a] ?? Infinity) || a.localeCompare(b));

function runFile(file) {
  return new Promise((done) => {
    const started = Date.now();
    // Spec output, also when piped: one readable block per file.
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', join(dir, file)], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      const count = (word) => Number((out.match(new RegExp(`^ℹ ${word} (\\d+)$`, 'm')) || [])[1] || 0);
      done({ file, code: code ?? signal, seconds, out, passed: count('pass'), failed: count('fail') + count('cancelled') });
    });
  });
}

const started = Date.now();
const queue = [...files];
const results = [];
console.log(`${files.length} end-to-end files, ${concurrency} at a time`);
await Promise.all(
  Array.from({ length: Math.min(concurrency, files.length) }, async () => {
    while (queue.length) {
      const r = await runFile(queue.shift());
      results.push(r);
      console.log(`\n---- ${r.file}: ${r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`} in ${r.seconds.toFixed(1)} s`);
      process.stdout.write(r.out);
    }
  }),
);
const wall = (Date.now() - started) / 1000;

mkdirSync(dirname(TIMES), { recursive: true });
writeFileSync(TIMES, JSON.stringify({ ...last, ...Object.fromEntries(results.map((r) => [r.file, Math.round(r.seconds)])) }, null, 1));
const sum = results.reduce((s, r) => s + r.seconds, 0);
console.log(`\nend-to-end files (${concurrency} at a time)       wall s  tests  result`);
for (const r of [...results].sort((a, b) => b.seconds - a.seconds))
  console.log(`${basename(r.file).padEnd(40)} ${r.seconds.toFixed(1).padStart(7)} ${String(r.passed + r.failed).padStart(6)}  ${r.code === 0 ? 'ok' : 'FAILED'}`);
console.log(`${'all files, one after the other would be'.padEnd(40)} ${sum.toFixed(1).padStart(7)}`);
console.log(`${'side by side'.padEnd(40)} ${wall.toFixed(1).padStart(7)}`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
const failedFiles = results.filter((r) => r.code !== 0);
if (failedFiles.length) console.log(`failed files: ${failedFiles.map((r) => r.file).join(', ')}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failedFiles.length ? 1 : 0);
