// The page generator (tests/generated/): the same seed gives the same page; the seeds a soak runs
// reach every value of every dimension; the expected outcome follows the draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FLOWS, pageHtml } from '../generated/index.mjs';
import { same } from '../generated/fill.mjs';

test('the same seed gives the same page and expectations', () => {
  for (const [flow, m] of Object.entries(FLOWS)) {
    for (const seed of [1, 2, 77, 300]) {
      assert.deepEqual(m.generate(seed), m.generate(seed), `${flow} ${seed}`);
      assert.equal(pageHtml(flow, seed), pageHtml(flow, seed));
    }
    assert.notDeepEqual(m.generate(1).dims, m.generate(2).dims, flow);
  }
});

test('300 seeds per flow draw every value of every dimension', () => {
  for (const [flow, m] of Object.entries(FLOWS)) {
    const drawn = Object.fromEntries(Object.keys(m.DIMENSIONS).map((d) => [d, new Set()]));
    for (let seed = 1; seed <= 300; seed++) for (const [d, v] of Object.entries(m.generate(seed).dims)) drawn[d].add(v);
    for (const [d, values] of Object.entries(m.DIMENSIONS)) for (const v of values) assert.ok(drawn[d].has(v), `${flow}.${d}=${v} never drawn`);
  }
});

test('upload: the e2e sample has pages whose site removes the upload field, with a checklist and with tabs before the list', () => {
  const sample = JSON.parse(readFileSync(new URL('../generated/sample.json', import.meta.url), 'utf8')).upload;
  const seeds = [...sample.sample, ...sample.regressions.map((r) => r.seed)];
  const prefaces = new Set(seeds.map((s) => FLOWS.upload.generate(s).dims).filter((d) => d.control === 'removed').map((d) => d.preface));
  for (const habit of ['checklist', 'tabs']) assert.ok([...prefaces].some((p) => p === habit || p === 'both'), habit);
});

test('upload: a row with no stated rule expects the document default; an oversized file names the governing limit', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const { dims, spec } = FLOWS.upload.generate(seed);
    for (const row of spec.rows) {
      if (dims.ruleAt === 'none') assert.equal(row.limitKb, { ijazah: 800, transkrip: 500 }[row.key]);
      if (row.file.padKb) assert.match(`Ukuran ${row.file.padKb} KB melebihi batas ${row.limitKb} KB`, new RegExp(row.expect.summary));
      else assert.equal(row.expect.state, 'ok');
    }
    assert.ok(spec.rows.some((r) => r.expect.state === 'error'), 'every page has a row over its limit');
    if (['header', 'notice'].includes(dims.ruleAt)) assert.equal(new Set(spec.rows.map((r) => r.limitKb)).size, 1);
  }
});

test('fill: values compare in the page’s own terms', () => {
  assert.ok(same('no_hp', 'phone:81234567890', '0812-3456-7890'));
  assert.ok(same('no_hp', 'phone:81234567890', '+6281234567890'));
  assert.ok(!same('no_hp', '81234567890', '081234567890'), 'after a fixed "+62" the 0 is not typed');
  assert.ok(same('tanggal_lahir', '1995-08-17', '17/08/1995'));
  assert.ok(same('tanggal_lahir', '1995-08-17', '1995-8-17'));
  assert.ok(!same('tanggal_lahir', '1995-08-17', '08/17/1995'));
});
