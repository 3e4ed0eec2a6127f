// Runs every *.test.mjs in a folder (default tests/e2e) side by side, E2E_CONCURRENCY jobs at a
// time (default: one per core, at least 2), each in its own `node --test` process: its own replica
// servers on free ports, its own browser profiles. A file that loops over `BROWSERS` (from
// browsers.mjs) is two jobs, one per browser (E2E_BROWSERS=chromium / firefox); any other file is
// one job. The slowest jobs start first (times of the last run, kept in target/e2e-times.json; a
// job never timed counts as slow, the bigger file first). Each job's output is shown when it ends, then a table of every
// job's wall time and a closing count.
//
//   node tests/e2e/run-files.mjs [folder] [file-name-filter]
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve, dirname } from 'node:path';
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
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs') && f.includes(filter));
const BROWSER_NAMES = (process.env.E2E_BROWSERS || 'chromium,firefox').split(',');
const jobs = files
  .flatMap((file) =>
    /\bBROWSERS\b/.test(readFileSync(join(dir, file), 'utf8'))
      ? BROWSER_NAMES.map((browser) => ({ file, browser, name: `${file} [${browser}]` }))
      : [{ file, browser: null, name: file }],
  )
  // Untimed jobs first, the bigger files first among them (a fresh clone has no times yet).
  .map((job) => ({ ...job, size: statSync(join(dir, job.file)).size }))
  .sort((a, b) => (last[b.name] ?? Infinity) - (last[a.name] ?? Infinity) || b.size - a.size || a.name.localeCompare(b.name));

function runJob({ file, browser, name }) {
  return new Promise((done) => {
    const started = Date.now();
    // Spec output, also when piped: one readable block per job.
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', join(dir, file)], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0', ...(browser ? { E2E_BROWSERS: browser } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      const count = (word) => Number((out.match(new RegExp(`^ℹ ${word} (\\d+)$`, 'm')) || [])[1] || 0);
      done({ file: name, code: code ?? signal, seconds, out, passed: count('pass'), failed: count('fail') + count('cancelled') });
    });
  });
}

const started = Date.now();
const queue = [...jobs];
const results = [];
console.log(`${files.length} end-to-end files as ${jobs.length} jobs, ${concurrency} at a time`);
await Promise.all(
  Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
    while (queue.length) {
      const r = await runJob(queue.shift());
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
console.log(`\nend-to-end jobs (${concurrency} at a time)               wall s  tests  result`);
for (const r of [...results].sort((a, b) => b.seconds - a.seconds))
  console.log(`${r.file.padEnd(48)} ${r.seconds.toFixed(1).padStart(7)} ${String(r.passed + r.failed).padStart(6)}  ${r.code === 0 ? 'ok' : 'FAILED'}`);
console.log(`${'all jobs, one after the other, would be'.padEnd(48)} ${sum.toFixed(1).padStart(7)}`);
console.log(`${'side by side'.padEnd(48)} ${wall.toFixed(1).padStart(7)}`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
const failedFiles = results.filter((r) => r.code !== 0);
// A failed job's own account again, last: its output scrolled by long before the end of the run,
// and a CI log is often read from its tail. From node's "failing tests" summary (the assertion and
// where), else the job's last lines; at most 80 lines each.
for (const r of failedFiles) {
  const lines = r.out.split('\n');
  const from = lines.findIndex((l) => /^✖ failing tests:/.test(l));
  const shown = (from >= 0 ? lines.slice(from) : lines.slice(-60)).slice(0, 80);
  console.log(`\n---- why ${r.file} failed (${from >= 0 ? 'node\'s failing-tests summary' : 'its last lines'}):\n${shown.join('\n')}`);
}
if (failedFiles.length) console.log(`failed jobs: ${failedFiles.map((r) => r.file).join(', ')}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failedFiles.length ? 1 : 0);
