// One matcher: the fill plan is the same natively (sscasn-check --plan-fill) and in wasm (what the
// extension's background runs), on every saved form snapshot, and the wasm refuses bad input with
// an error instead of a trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI } from '../cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FORMS = join(ROOT, 'tests', 'fixtures', 'forms');
const GLUE = join(ROOT, 'target', 'wasm-web', 'sscasn_wasm.js');

async function loadWasm() {
  const glue = await import(pathToFileURL(GLUE).href);
  await glue.default({ module_or_path: readFileSync(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm_bg.wasm')) });
  return glue;
}

function cli(snapshot) {
  const args = ['--plan-fill', snapshot, '--profile', join(FORMS, 'profile.json'), '--json'];
  try {
    return JSON.parse(execFileSync(CLI, args, { encoding: 'utf8' }));
  } catch (e) {
    if (e.status === 1) return JSON.parse(e.stdout); // some field has no control: still a plan
    throw e;
  }
}

test('native and wasm fill plans are identical on every saved form', async () => {
  const wasm = await loadWasm();
  const profile = JSON.parse(readFileSync(join(FORMS, 'profile.json'), 'utf8'));
  const files = readdirSync(FORMS).filter((f) => f.endsWith('.snapshot.json'));
  assert.ok(files.length >= 8, `${files.length} snapshots`);
  for (const f of files) {
    const snapshot = JSON.parse(readFileSync(join(FORMS, f), 'utf8'));
    const inWasm = JSON.parse(JSON.stringify(wasm.planFill(snapshot, profile)));
    assert.deepEqual(inWasm, cli(join(FORMS, f)), f);
    assert.ok(inWasm.steps.length > 0, f);
  }
  assert.equal(wasm.chooseOption('jenis_kelamin', 'P', ['-- Pilih --', 'Laki-laki', 'Perempuan']), 2);
  assert.equal(wasm.chooseOption('formasi.lokasi', 'Kantor Pusat Jakarta', ['Kantor Regional I Yogyakarta']), null);
  assert.throws(() => wasm.planFill({ controls: 'none' }, null), /bad snapshot/);
  assert.throws(() => wasm.planFill({ controls: [] }, { pekerjaan: 'x' }), /bad profile/);
});
