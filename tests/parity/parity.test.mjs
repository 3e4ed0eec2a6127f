// The same bytes give the same report natively (the sscasn-check CLI) and in wasm (what the
// extension runs), on the whole fixture corpus plus a few hostile inline samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI } from '../cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const GLUE = join(ROOT, 'target', 'wasm-web', 'sscasn_wasm.js');

async function loadWasm() {
  const glue = await import(pathToFileURL(GLUE).href);
  await glue.default({ module_or_path: readFileSync(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm_bg.wasm')) });
  return glue;
}

/** The wasm report as plain JSON data (what the CLI prints), for deep comparison. */
const asJson = (report) => JSON.parse(JSON.stringify(report));

function cli(files, doc, stage, extra = []) {
  const args = ['--json', '--doc', doc, '--stage', stage, ...extra, ...files];
  try {
    return JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
  } catch (e) {
    if (e.status === 1) return JSON.parse(e.stdout); // some files are not ok: still a report
    throw e;
  }
}

test('native and wasm reports are identical on the fixture corpus', async () => {
  const wasm = await loadWasm();
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
  const groups = new Map();
  for (const [key, e] of Object.entries(expected)) {
    const k = `${e.doc}|${e.stage}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(join(FIXTURES, e.file || key));
  }
  let compared = 0;
  for (const [k, files] of groups) {
    const [doc, stage] = k.split('|');
    const native = cli(files, doc, stage);
    assert.equal(native.length, files.length);
    files.forEach((file, i) => {
      const inWasm = asJson(wasm.analyze(readFileSync(file), { file, doc, stage }));
      assert.deepEqual(inWasm, native[i], `${file} (${doc}, ${stage})`);
      compared++;
    });
  }
  assert.ok(compared >= 40, `compared only ${compared}`);
});

test('native and wasm agree on hostile inline samples', async () => {
  const wasm = await loadWasm();
  const dir = mkdtempSync(join(tmpdir(), 'sscasn-parity-'));
  const samples = {
    'empty.bin': Buffer.alloc(0),
    'jpeg-header.pdf': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
    'minimal.pdf': Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj trailer<</Root 1 0 R>>\n%%EOF'),
    'unclosed.pdf': Buffer.from('%PDF-1.7\n1 0 obj << /A [ (x) <41'),
    'noise.pdf': Buffer.concat([Buffer.from('%PDF-1.5\n'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff))]),
  };
  const files = Object.entries(samples).map(([name, bytes]) => {
    const f = join(dir, name);
    writeFileSync(f, bytes);
    return f;
  });
  const native = cli(files, 'surat_lamaran', 'upload');
  files.forEach((file, i) => {
    const inWasm = asJson(wasm.analyze(readFileSync(file), { file, doc: 'surat_lamaran', stage: 'upload' }));
    assert.deepEqual(inWasm, native[i], file);
    assert.equal(native[i].ok, false, `${file} must not pass`);
  });
});

test('options reach the wasm core as they reach the CLI, and bad ones are refused', async () => {
  const wasm = await loadWasm();
  const file = join(FIXTURES, 'stamped', 'stamped_pkcs7.pdf');
  const bytes = readFileSync(file);
  const options = { file, doc: 'surat_lamaran', stage: 'upload', max_kb: 300 };
  const obj = wasm.analyze(bytes, options);
  assert.deepEqual(asJson(obj), cli([file], 'surat_lamaran', 'upload', ['--max-kb', '300'])[0]);
  assert.equal(obj.max_bytes, 300 * 1024);
  assert.equal(obj.emeterai.status, 'intact');
  assert.throws(() => wasm.analyze(bytes, { doc: 'passport' }), /bad options/);
});

test('a trapped wasm instance is replaced and the next check works', async () => {
  const wasm = await loadWasm();
  const bytes = readFileSync(join(FIXTURES, 'stamped', 'stamped_pkcs7.pdf'));
  assert.equal(wasm.analyze(bytes, {}).emeterai.status, 'intact');
  assert.throws(() => wasm.selfTestPanic(), WebAssembly.RuntimeError);
  // After a trap the instance's stack pointer and heap are whatever the panic left: replace it.
  wasm.__wbg_reset_state(); // what the background does on a RuntimeError
  assert.equal(wasm.analyze(bytes, {}).emeterai.status, 'intact');
});
