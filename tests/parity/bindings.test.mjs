// The wasm layer's own tests, on the very build the extension ships (target/wasm-web: after
// wasm-bindgen and wasm-opt): the exported calls take bytes and a JS options object, return plain
// JS objects shaped like the CLI's JSON, and refuse bad input with an error, never a trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'target', 'wasm-web');
const core = await import(pathToFileURL(join(OUT, 'sscasn_wasm.js')).href);
await core.default({ module_or_path: readFileSync(join(OUT, 'sscasn_wasm_bg.wasm')) });
const fixture = (path) => new Uint8Array(readFileSync(join(ROOT, 'tests', 'fixtures', path)));
const bytes = (text) => new TextEncoder().encode(text);

test('an empty file is reported as empty', () => {
  const r = core.analyze(new Uint8Array(), { doc: 'surat_lamaran', stage: 'upload' });
  assert.equal(r.kind, 'empty');
  assert.equal(r.error, 'empty');
  assert.equal(r.ok, false);
  assert.equal(r.pdf, null);
});

test('a JPEG named .pdf is not a PDF, and says so in Indonesian', () => {
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x01, 0x90, 0x02, 0x58, 3]);
  const r = core.analyze(jpeg, { doc: 'surat_lamaran', stage: 'upload' });
  assert.equal(r.kind, 'jpeg');
  assert.equal(r.error, 'not_pdf');
  assert.equal(r.image.width, 600);
  assert.equal(r.findings[0].severity, 'error');
  assert.match(r.findings[0].message.id, /bukan PDF/);
});

test('a minimal PDF yields its facts', () => {
  const pdf = bytes(
    '%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const r = core.analyze(pdf, { doc: 'ijazah', stage: 'upload' });
  assert.equal(r.pdf.pages, 1);
  assert.equal(r.pdf.a4, true);
  assert.equal(r.emeterai.status, 'absent');
});

test('bad options are a clear error, not a trap; no options mean defaults', () => {
  assert.throws(() => core.analyze(bytes('%PDF-1.4'), { doc: 'passport', stage: 'upload' }), /passport|doc/);
  assert.equal(core.analyze(bytes('%PDF-1.4'), undefined).doc, 'other');
  // The instance still works after a refusal.
  assert.equal(core.analyze(new Uint8Array(), undefined).kind, 'empty');
});

test('profile validation and phone normalisation cross into JS', () => {
  const problems = core.validateProfile({ nik: '3171045708950003', jenis_kelamin: 'L' });
  assert.equal(problems.length, 1);
  assert.equal(problems[0].field, 'jenis_kelamin');
  assert.equal(core.normalizePhone('0812-3456-7890').international, '+6281234567890');
  assert.equal(core.normalizePhone('021-555'), null);
});

test('a stamped PDF is never fitted, and a scan is', () => {
  const refused = core.fitFile(fixture('stamped/stamped_pkcs7.pdf'), 1024);
  assert.equal(refused.outcome.refusal, 'signed');
  assert.equal(refused.bytes.length, 0);

  const scan = fixture('scans/scan_800kb.pdf');
  const fitted = core.fitFile(scan, 300 * 1024);
  assert.equal(fitted.outcome.ok, true);
  assert.ok(fitted.bytes.length <= 300 * 1024);
  assert.equal(new TextDecoder().decode(fitted.bytes.subarray(0, 5)), '%PDF-');
  assert.equal(fitted.outcome.after_bytes, fitted.bytes.length);
  assert.ok(fitted.thumbnail.length > 100);
  assert.throws(() => core.fitFile(scan, Number.NaN));
});

test('a control is checked against the rule its page states', () => {
  const texts = { control: 'Unggah', row: 'Transkrip Nilai (PDF)', notices: ['Ketentuan umum: setiap berkas PDF maksimal 0,2 MB'] };
  const padded = new Uint8Array(9 + 300 * 1024).fill(0x20);
  padded.set(bytes('%PDF-1.7\n'));
  const r = core.checkInControl(padded, { doc: 'transkrip' }, false, texts);
  assert.equal(r.rule.source, 'notice');
  assert.equal(r.rule.max_bytes, 209715);
  assert.equal(r.report.max_bytes, 209715);
  const rules = core.rulesForControls([{ doc: 'transkrip', texts }]);
  assert.equal(rules[0].max_kb, 205);
  assert.throws(() => core.rulesForControls(3));
});
