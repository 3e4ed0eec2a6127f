// "Persiapan dokumen": the same set gives the same table natively (`sscasn-check --prepare
// --json`) and in wasm (`prepareFile` per file, then `prepareSummary`, as the extension's page
// does), on the mixed set of tests/prepare/set.json, with and without page rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI } from '../cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GLUE = join(ROOT, 'target', 'wasm-web', 'sscasn_wasm.js');

function prepareNative(dir, rulesFile) {
  const args = ['--prepare', dir, '--json', ...(rulesFile ? ['--rules', rulesFile] : [])];
  try {
    return JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));
  } catch (e) {
    if (e.status === 1) return JSON.parse(e.stdout); // some files need work: still the table
    throw e;
  }
}

test('native and wasm give the same set check', async () => {
  const glue = await import(pathToFileURL(GLUE).href);
  await glue.default({ module_or_path: readFileSync(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm_bg.wasm')) });
  const set = JSON.parse(readFileSync(join(ROOT, 'tests', 'prepare', 'set.json'), 'utf8')).files;
  const dir = mkdtempSync(join(tmpdir(), 'sscasn-prepare-parity-'));
  try {
    for (const f of set) copyFileSync(join(ROOT, 'tests', f.from), join(dir, f.as));
    const rules = { date: '2026-11-29T10:00:00.000Z', source: 'https://daftar-sscasn.bkn.go.id/unggah-dokumen',
      rows: [{ doc: 'transkrip', max_kb: 500, expected: 'pdf', required: true, emeterai: false }, { doc: 'ktp', max_kb: 150, expected: 'jpeg', required: true, emeterai: false }] };
    const rulesFile = join(dir, '..', `rules-${process.pid}.json`);
    writeFileSync(rulesFile, JSON.stringify(rules));
    for (const r of [null, rules]) {
      const native = prepareNative(dir, r && rulesFile);
      assert.equal(native.files.length, set.length);
      const files = native.files.map((n) => {
        const w = JSON.parse(JSON.stringify(glue.prepareFile(readFileSync(join(dir, n.file)), n.file, undefined, r)));
        // The CLI marks duplicates on the file; the page does it from the summary.
        assert.deepEqual({ ...w, duplicate_of: n.duplicate_of, action: n.action, todo: n.todo, verdict: n.verdict }, n, n.file);
        return w;
      });
      const items = files.map((f) => ({ file: f.file, doc: f.doc, digest: f.digest, emeterai: f.report.emeterai.status, verdict: f.verdict }));
      assert.deepEqual(JSON.parse(JSON.stringify(glue.prepareSummary(items, r))), native.summary);
    }
    rmSync(rulesFile, { force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
