// Unit tests of how an upload row is identified and read (issue 18): pure functions over the text
// a person sees, no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as NS from '../../extension/lib/watch.js';

test('a row is identified by its document title line, not by the file names shown in it', () => {
  const before = 'Surat Pernyataan\nBermeterai elektronik, format PDF, ukuran maksimal 1 MB\nPilih Berkas';
  const after = 'Surat Pernyataan\nBermeterai elektronik, format PDF, ukuran maksimal 1 MB\nPilih Berkas\nsurat_lamaran_final.pdf';
  assert.equal(NS.rowTitle(before, []), 'surat_pernyataan|surat pernyataan');
  assert.equal(NS.rowTitle(after, ['surat_lamaran_final.pdf']), 'surat_pernyataan|surat pernyataan');
  // Without removing the chosen file's name, its name would take the row over.
  assert.notEqual(NS.rowTitle('Berkas\nsurat_lamaran_final.pdf', []), NS.rowTitle('Berkas\nsurat_lamaran_final.pdf', ['surat_lamaran_final.pdf']));
});

test('two rows of the same kind keep different keys when their titles differ', () => {
  assert.notEqual(NS.rowTitle('Sertifikat Pendidik\nMaks. 1 MB'), NS.rowTitle('Sertifikat TOEFL\nMaks. 1 MB'));
});

test('a row without a document name is keyed by its first line', () => {
  assert.equal(NS.rowTitle('  Dokumen Tambahan  \n Maks 2 MB '), 'other|dokumen tambahan');
});

test('what a row states: document and type (its limit and stage are the core\'s to read)', () => {
  assert.deepEqual(NS.describeText('Ijazah\nPDF, maksimal 0,5 MB', [], '', '.pdf'), { doc: 'ijazah', expected: 'pdf' });
  assert.deepEqual(NS.describeText('KTP\nJPG, ukuran maksimal 200KB', [], '', '.jpg,.jpeg'), { doc: 'ktp', expected: 'jpeg' });
  // A file name in the row ("Terpilih: transkrip_2MB.pdf") never changes what the row is.
  const named = NS.describeText('Ijazah\nTerpilih: transkrip_2MB.pdf', ['transkrip_2MB.pdf'], '', '.pdf');
  assert.equal(named.doc, 'ijazah');
});
