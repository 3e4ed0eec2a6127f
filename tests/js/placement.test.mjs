// Which page a viewer shows, told by content: the core's per-page fingerprints (from the CLI, as
// the extension gets them from the wasm) against a page picture's ink grid. The picture here is a
// fingerprint's own grid (what a renderer would ink), shifted by a cell to stand for rounding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI } from '../cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
import * as NS from '../../extension/lib/placement.js';

/** The stamping-stage report, with the fingerprints the stamping helper asks for (pages 1..30). */
function report(file) {
  let r;
  try {
    r = JSON.parse(execFileSync(CLI, ['--json', '--doc', 'surat_pernyataan', '--stage', 'stamping', join(ROOT, file)], { encoding: 'utf8' }))[0];
  } catch (e) {
    r = JSON.parse(e.stdout)[0];
  }
  assert.equal(r.page_fingerprints, undefined, 'the verdict computes no fingerprints');
  const pages = Array.from({ length: Math.min(r.pdf.pages, 30) }, (_, i) => i + 1).join(',');
  r.page_fingerprints = JSON.parse(execFileSync(CLI, ['--fingerprints', pages, join(ROOT, file)], { encoding: 'utf8' }));
  return r;
}

/** A page picture as a renderer would ink page `n`, moved down by `shift` cells. */
function pictureOf(r, n, shift = 0) {
  const size = r.pdf.page_sizes[n - 1];
  const exp = NS.expectedGrid(r.page_fingerprints[n - 1], size);
  const grid = new Uint8Array(exp.grid.length);
  for (let i = 0; i < grid.length - shift * exp.w; i++) grid[i + shift * exp.w] = exp.grid[i];
  return { grid, w: exp.w, h: exp.h, ink: grid.reduce((s, v) => s + v, 0) };
}

/** identifyPage on a stand-in view whose picture is `pic`. */
function identify(r, pic) {
  const size = r.pdf.page_sizes[0];
  const view = { getBoundingClientRect: () => ({ width: size.width, height: size.height }) };
  return NS.identifyPage(view, r, () => pic);
}

test('the core fingerprints each page the helper asks for', () => {
  const r = report('tests/gallery/stamping/letters/pernyataan_two_signers_page2.pdf');
  assert.equal(r.page_fingerprints.length, 3);
  assert.deepEqual(r.page_fingerprints.map((f) => f.page), [1, 2, 3]);
  assert.ok(r.page_fingerprints.every((f) => f.text.length > 5));
});

test('each page of a letter is told apart from the others, even a cell off', () => {
  for (const file of ['tests/gallery/stamping/letters/pernyataan_two_signers_page2.pdf', 'tests/gallery/stamping/letters/pernyataan_page2_left.pdf']) {
    const r = report(file);
    for (let n = 1; n <= r.pdf.pages; n++) {
      for (const shift of [0, 1]) {
        const id = identify(r, pictureOf(r, n, shift));
        assert.equal(id.page, n, `${file} page ${n} shifted ${shift}: ${JSON.stringify(id)}`);
      }
    }
  }
});

test('pages that look alike are never guessed; a distinct page still is', () => {
  // Pages 1 and 2 of this letter have the same layout (only a digit differs).
  const r = report('tests/fixtures/letters/surat_pernyataan_page3.pdf');
  for (const n of [1, 2]) {
    const id = identify(r, pictureOf(r, n));
    assert.equal(id.page, null, `page ${n}: ${JSON.stringify(id)}`);
    assert.equal(id.reason, 'ambiguous');
  }
  assert.equal(identify(r, pictureOf(r, 3)).page, 3);
});

test('an unreadable or blank picture confirms nothing in a multi-page letter; a one-page letter is page 1', () => {
  const r = report('tests/gallery/stamping/letters/pernyataan_two_signers_page2.pdf');
  assert.deepEqual(identify(r, null), { page: null, reason: 'unreadable' });
  const { w, h } = NS.gridSize(r.pdf.page_sizes[0]);
  assert.equal(identify(r, { grid: new Uint8Array(w * h), w, h, ink: 0 }).reason, 'blank');
  const one = report('tests/fixtures/letters/surat_lamaran_std14.pdf');
  assert.equal(identify(one, null).page, 1);
});

test('a picture of another document matches no page', () => {
  const a = report('tests/gallery/stamping/letters/pernyataan_two_signers_page2.pdf');
  const b = report('tests/fixtures/letters/surat_pernyataan_page3.pdf');
  const id = identify(a, pictureOf(b, 3));
  assert.equal(id.page, null, JSON.stringify(id));
});
