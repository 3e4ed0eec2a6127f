// Issue 5 on the replica upload page, in both browsers: for every document row, a file that
// passes, one over the stated limit, a renamed file of the wrong kind, a password-locked PDF, a
// stamped PDF and a stamped-then-rewritten PDF; the badge's state and the words a person reads;
// the site's own handler receiving the same file; a 10 MB file; and a core that cannot start.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, cpSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { FIXTURES } from './server.mjs';
import { useBrowser, waitFor, badgeOf, verdictFor, openUploadPage, DIST, BROWSERS } from './browsers.mjs';

const UPLOAD = 'https://daftar-sscasn.bkn.go.id/unggah-dokumen?sscasn-lang=id';
const fx = (p) => join(FIXTURES, p);
const tmp = mkdtempSync(join(tmpdir(), 'sscasn-upload-'));

/** A valid PDF padded (with a trailing comment) to `kb` KB: over a limit, still a letter. */
function padded(name, kb) {
  const letter = readFileSync(fx('letters/surat_lamaran_std14.pdf'));
  const pad = Buffer.alloc(kb * 1024 - letter.length, 0x20);
  pad.write('\n%', 0);
  const file = join(tmp, name);
  writeFileSync(file, Buffer.concat([letter, pad]));
  return file;
}
function renamed(source, name) {
  const file = join(tmp, name);
  writeFileSync(file, readFileSync(source));
  return file;
}
const big = padded('surat_besar.pdf', 900);
const tenMb = padded('surat_10mb.pdf', 10 * 1024);
const pdfAsJpg = renamed(fx('letters/surat_lamaran_std14.pdf'), 'foto_ternyata_pdf.jpg');

const PDF_ROWS = {
  surat_lamaran: ['#file-surat_lamaran', 'stamped/stamped_pkcs7.pdf'],
  surat_pernyataan: ['#upload_surat_pernyataan', 'stamped/stamped_cades.pdf'],
  ijazah: ['#file-ijazah', 'scans/scan_small.pdf'],
  transkrip: ['#upload_transkrip', 'letters/surat_lamaran_std14.pdf'],
};
const CASES = [];
for (const [row, [selector, passing]] of Object.entries(PDF_ROWS)) {
  const limit = row === 'transkrip' ? 500 : 800;
  CASES.push(
    [row, selector, fx(passing), 'ok', /^Siap diunggah\.$/],
    [row, selector, big, 'error', new RegExp(`^Ukuran 900 KB melebihi batas ${limit} KB`)],
    [row, selector, fx('broken/photo_renamed.pdf'), 'error', /sebenarnya gambar JPG, bukan PDF/],
    [row, selector, fx('structure/user_password.pdf'), 'error', /dikunci dengan kata sandi/],
    [row, selector, fx('stamped/stamped_pkcs7.pdf'), 'ok', /^Siap diunggah\.$/],
    [row, selector, fx('stamped/stamped_then_rewritten.pdf'), 'error', /^e-Meterai rusak/],
  );
}
for (const [row, selector] of [['pas_foto', '#file-pas_foto'], ['ktp', '#upload_ktp']]) {
  CASES.push(
    [row, selector, fx('images/pas_foto_red.jpg'), 'ok', /^Siap diunggah\.$/],
    [row, selector, fx('images/photo_12mp.jpg'), 'error', /^Ukuran 6536 KB melebihi batas 200 KB\. Perkecil berkasnya dulu\.$/],
    [row, selector, pdfAsJpg, 'error', /harus berupa gambar JPG, bukan PDF/],
    [row, selector, fx('structure/user_password.pdf'), 'error', /harus berupa gambar JPG, bukan PDF/],
    [row, selector, fx('stamped/stamped_pkcs7.pdf'), 'error', /harus berupa gambar JPG, bukan PDF/],
    [row, selector, fx('stamped/stamped_then_rewritten.pdf'), 'error', /harus berupa gambar JPG, bukan PDF/],
  );
}

for (const name of BROWSERS) {
  describe(`${name}: every upload row`, () => {
    const ctx = useBrowser(name);
    let b;
    before(async () => {
      b = ctx.b;
      await openUploadPage(b, UPLOAD);
    });

    test('36 files across six rows get the right verdict, and the site gets each file', async () => {
      const failures = [];
      for (const [row, selector, file, state, summary] of CASES) {
        const v = await verdictFor(b, selector, file);
        const got = await b.run(`window.__replica.received[${JSON.stringify(row)}]`);
        if (v.state !== state || !summary.test(v.summary)) failures.push(`${row} ${basename(file)}: ${v.state} "${v.summary}"`);
        if (v.doc !== row) failures.push(`${row} ${basename(file)}: badge thinks it is ${v.doc}`);
        if (!got || got.name !== basename(file) || got.size !== statSync(file).size)
          failures.push(`${row} ${basename(file)}: the site received ${JSON.stringify(got)}`);
      }
      assert.deepEqual(failures, []);
    });

    test('an oversize photo becomes a fitting JPEG in the same input after one click, and the badge turns green', async () => {
      const v = await verdictFor(b, '#upload_ktp', fx('images/photo_12mp.jpg'));
      assert.equal(v.state, 'error');
      const badge = `document.querySelector('#upload_ktp').nextElementSibling.shadowRoot`;
      const label = await waitFor(b, `${badge}.querySelector('.action button.shrink')?.textContent`, 5000, 'shrink button');
      assert.equal(label, 'Perkecil otomatis');
      await b.run(`(${badge}.querySelector('.action button.shrink').click(), true)`);
      const got = await waitFor(b, `window.__replica.received.ktp.name === 'photo_12mp_kecil.jpg' && window.__replica.received.ktp`, 30000, 'fitted file');
      assert.equal(got.type, 'image/jpeg');
      assert.ok(got.size <= 200 * 1024, `fitted file is ${got.size} bytes`);
      const after = await waitFor(b, `(() => { const v = ${badgeOf('#upload_ktp')}; return v && v.state !== 'checking' && v.details.some((d) => d.includes('photo_12mp_kecil.jpg')) && v; })()`, 20000);
      assert.equal(after.state, 'ok', JSON.stringify(after));
      const note = await b.run(`${badge}.querySelector('.action .note').textContent`);
      assert.match(note, /^Diperkecil di browser ini: 6536 KB → \d+ KB \(\d+×\d+ piksel\)\.$/);
      console.log(`${name}: ${note}`);
    });

    test('a 10 MB file travels to the core and back', async () => {
      const v = await verdictFor(b, '#file-surat_lamaran', tenMb);
      assert.equal(v.state, 'error');
      assert.match(v.summary, /^Ukuran 10240 KB melebihi batas 800 KB/);
      const got = await b.run(`window.__replica.received.surat_lamaran`);
      assert.equal(got.size, 10 * 1024 * 1024);
      console.log(`${name}: 10 MB file checked in ${v.ms} ms`);
    });
  });

  describe(`${name}: the core cannot start`, () => {
    let dist;
    // An installed copy whose wasm is damaged: the background cannot check anything.
    const ctx = useBrowser(name, () => {
      dist = mkdtempSync(join(tmpdir(), `sscasn-broken-${name}-`));
      cpSync(DIST[name], dist, { recursive: true });
      writeFileSync(join(dist, 'wasm', 'sscasn_wasm_bg.wasm'), Buffer.from('not wasm at all'));
      return dist;
    });
    let b;
    before(() => {
      b = ctx.b;
    });
    after(() => rmSync(dist, { recursive: true, force: true }));

    test('the badge says the check could not run, and the upload works as without the extension', async () => {
      await openUploadPage(b, UPLOAD);
      const file = fx('letters/surat_lamaran_std14.pdf');
      const v = await verdictFor(b, '#file-surat_lamaran', file);
      assert.equal(v.state, 'failed');
      assert.equal(v.summary, 'Pemeriksaan tidak dapat dijalankan.');
      assert.ok(v.details.some((d) => d.includes('Unggahan tetap berjalan seperti biasa')));
      const got = await b.run(`window.__replica.received.surat_lamaran`);
      assert.deepEqual(got, { name: basename(file), size: statSync(file).size, type: 'application/pdf' });
      assert.equal(await b.run(`document.querySelector('[data-row=surat_lamaran] .status').textContent.startsWith('Berkas diterima')`), true);
    });
  });
}
