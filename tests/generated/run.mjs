// Runs generated pages (tests/generated/) in one real browser with the built extension, flow by
// flow, and reports: each failure with its seed, dimensions and a one-line reproduction; a table of
// pass rates per dimension value; last, one line per flow "soak FLOW: N pages, P passed (R %)".
// Failing seeds are written to tests/out/generated/failing-<flow>.txt.
//
//   node tests/generated/run.mjs [--flows upload,stamp,fill] [--n 100] [--from 1] [--seeds 3,17]
//        [--browser chromium|firefox] [--dist path/to/unpacked/extension]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOWS } from './index.mjs';
import { DRIVERS } from './drivers.mjs';

/**
 * Run `seeds` of `flow` in browser `b` (from tests/e2e/browsers.mjs). Returns one result per page:
 * {flow, seed, dims, ok, problems, ms}.
 */
export async function runPages(b, flow, seeds, waitFor, log = () => {}) {
  const results = [];
  const state = {};
  for (const seed of seeds) {
    const { dims } = FLOWS[flow].generate(seed);
    const t0 = Date.now();
    let problems;
    try {
      problems = await DRIVERS[flow](b, seed, waitFor, state);
    } catch (e) {
      problems = [`driver error: ${e.message.split('\n')[0]}`];
    }
    const r = { flow, seed, dims, ok: problems.length === 0, problems, ms: Date.now() - t0 };
    results.push(r);
    log(r);
  }
  return results;
}

export const reproduce = (flow, seed, browser) => `node tests/generated/run.mjs --flows ${flow} --seeds ${seed} --browser ${browser}`;

/** Pass rate per dimension value, as printable lines. */
export function dimensionTable(flow, results) {
  const lines = [];
  for (const dim of Object.keys(FLOWS[flow].DIMENSIONS)) {
    const by = new Map();
    for (const r of results) {
      const v = String(r.dims[dim]);
      const e = by.get(v) || { n: 0, ok: 0 };
      e.n++;
      e.ok += r.ok ? 1 : 0;
      by.set(v, e);
    }
    lines.push(`  ${flow}.${dim}: ` + [...by].sort().map(([v, e]) => `${v} ${e.ok}/${e.n}`).join(', '));
  }
  return lines;
}

if (process.argv[1] && process.argv[1].endsWith('run.mjs')) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const flows = arg('flows', 'upload,stamp,fill').split(',');
  const n = Number(arg('n', 30));
  const from = Number(arg('from', 1));
  const browser = arg('browser', process.env.E2E_BROWSERS?.split(',')[0] || 'chromium');
  const seeds = arg('seeds', '') ? arg('seeds').split(',').map(Number) : Array.from({ length: n }, (_, i) => from + i);
  const { startServers } = await import('../e2e/server.mjs');
  const { launch, closeAll, waitFor, OUT } = await import('../e2e/browsers.mjs');
  const servers = await startServers();
  // --dist: another unpacked build of the extension (default: dist/ for the browser).
  const b = await launch(browser, servers, arg('dist', undefined));
  const summary = [];
  const tables = [];
  const dir = join(OUT, 'generated');
  mkdirSync(dir, { recursive: true });
  try {
    for (const flow of flows) {
      const t0 = Date.now();
      const results = await runPages(b, flow, seeds, waitFor, (r) => {
        if (!r.ok) console.log(`FAIL ${flow} seed ${r.seed} ${JSON.stringify(r.dims)}\n  ${r.problems.join('\n  ')}\n  reproduce: ${reproduce(flow, r.seed, browser)}`);
      });
      const failed = results.filter((r) => !r.ok);
      writeFileSync(join(dir, `failing-${flow}.txt`), failed.map((r) => `${r.seed}\t${JSON.stringify(r.dims)}\t${reproduce(flow, r.seed, browser)}\n  ${r.problems.join('\n  ')}`).join('\n') + '\n');
      tables.push(...dimensionTable(flow, results));
      const passed = results.length - failed.length;
      summary.push(`soak ${flow}: ${results.length} pages, ${passed} passed (${((100 * passed) / results.length).toFixed(1)} %) in ${browser}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await closeAll(b, servers);
  }
  console.log(`\npass rate per dimension value (passed/pages):\n${tables.join('\n')}\nfailing seeds: ${dir}/failing-<flow>.txt\n`);
  writeFileSync(join(dir, 'summary.txt'), summary.join('\n') + '\n');
  for (const line of summary) console.log(line);
}
