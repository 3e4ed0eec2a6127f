// Issue 25: a fixed seeded sample of generated pages (tests/generated/) per flow — upload, stamp,
// fill — in one browser per job (run-files runs one job per browser). Every page of the sample and
// of the regression list (seeds a soak once found failing and that were then fixed) must pass; a
// failure prints its seed, its dimensions and a one-line reproduction. The long run is
// `./build.sh soak N`.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBrowser, waitFor, BROWSERS } from './browsers.mjs';
import { runPages, reproduce } from '../generated/run.mjs';

const SAMPLE = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'generated', 'sample.json'), 'utf8'));

for (const name of BROWSERS) {
  describe(`${name}: generated pages (fixed seeded sample)`, () => {
    const ctx = useBrowser(name);
    let b;
    before(() => {
      b = ctx.b;
    });
    for (const flow of ['upload', 'stamp', 'fill']) {
      const seeds = [...new Set([...SAMPLE[flow].sample, ...SAMPLE[flow].regressions.map((r) => r.seed)])];
      test(`${flow}: ${seeds.length} generated pages, each as its dimensions say`, async () => {
        const t0 = Date.now();
        const results = await runPages(b, flow, seeds, waitFor);
        const failed = results.filter((r) => !r.ok);
        console.log(`# ${name} ${flow}: ${results.length - failed.length}/${results.length} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        assert.deepEqual(failed.map((r) => `seed ${r.seed} ${JSON.stringify(r.dims)}: ${r.problems.join('; ')} — ${reproduce(flow, r.seed, name)}`), []);
      });
    }
  });
}
