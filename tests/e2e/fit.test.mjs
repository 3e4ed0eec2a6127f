// Issue 9 on the replica upload page, in both browsers: "Perkecil otomatis" turns an oversize
// phone photo (stored sideways, EXIF 6) and a 300-dpi scanned PDF into files that fit, puts them
// into the same input on one click, shows before/after, a preview and a download link serving
// the very file the site received; a stamped PDF over the limit is refused with the reason.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, statSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { FIXTURES } from './server.mjs';
import { useBrowser, waitFor, badgeOf, verdictFor, openUploadPage, BROWSERS } from './browsers.mjs';

const UPLOAD = 'https://daftar-sscasn.bkn.go.id/unggah-dokumen?sscasn-lang=id';
const fx = (p) => join(FIXTURES, p);
const tmp = mkdtempSync(join(tmpdir(), 'sscasn-fit-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A stamped letter grown to `kb` KB by a trailing comment: still stamped, now over a limit. */
function bigStamped(kb) {
  const stamped = readFileSync(fx('stamped/stamped_pkcs7.pdf'));
  const pad = Buffer.alloc(kb * 1024 - stamped.length, 0x20);
  pad.write('\n%', 0);
  const file = join(tmp, 'surat_bermeterai_besar.pdf');
  writeFileSync(file, Buffer.concat([stamped, pad]));
  return file;
}

const shadow = (selector) => `document.querySelector(${JSON.stringify(selector)}).nextElementSibling.shadowRoot`;

/** Click "Perkecil otomatis" and wait until the site received `expectedName` and its verdict is in. */
async function shrinkInto(b, selector, row, expectedName) {
  const label = await waitFor(b, `${shadow(selector)}.querySelector('.action button.shrink')?.textContent`, 5000, 'shrink button');
  assert.equal(label, 'Perkecil otomatis');
  const started = Date.now();
  await b.run(`(${shadow(selector)}.querySelector('.action button.shrink').click(), true)`);
  const got = await waitFor(b, `window.__replica.received.${row}?.name === ${JSON.stringify(expectedName)} && window.__replica.received.${row}`, 60000, expectedName);
  const verdict = await waitFor(
    b,
    `(() => { const v = ${badgeOf(selector)}; return v && v.state !== 'checking' && v.details.some((d) => d.includes(${JSON.stringify(expectedName)})) && v; })()`,
    20000,
  );
  return { got, verdict, ms: Date.now() - started };
}

/** The preview and download link under a fitted file's verdict. */
async function fittedExtras(b, selector) {
  await waitFor(b, `${shadow(selector)}.querySelector('.fitted canvas')?.dataset.drawn`, 10000, 'preview drawn');
  return b.run(`(() => {
    const s = ${shadow(selector)};
    const a = s.querySelector('.fitted a');
    const canvas = s.querySelector('.fitted canvas');
    return { download: a.download, text: a.textContent, href: a.href.slice(0, 5), preview: [canvas.width, canvas.height],
      drawn: canvas.dataset.drawn, note: s.querySelector('.action .note').textContent };
  })()`);
}

/** Click the download link under `selector`'s verdict; returns the saved file's bytes. */
async function download(b, selector) {
  const click = `(${shadow(selector)}.querySelector('.fitted a').click(), true)`;
  if (b.name === 'chromium') {
    const [d] = await Promise.all([b.page.waitForEvent('download', { timeout: 10000 }), b.run(click)]);
    const saved = join(tmp, `${Date.now()}-${d.suggestedFilename()}`);
    await d.saveAs(saved);
    return { name: d.suggestedFilename(), bytes: readFileSync(saved) };
  }
  const before = new Set(readdirSync(b.downloadDir));
  await b.run(click);
  for (let i = 0; i < 100; i++) {
    const done = readdirSync(b.downloadDir).filter((f) => !before.has(f) && !f.endsWith('.part'));
    if (done.length) {
      await new Promise((r) => setTimeout(r, 200)); // let the writer finish
      return { name: done[0], bytes: readFileSync(join(b.downloadDir, done[0])) };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('firefox: nothing downloaded');
}

for (const name of BROWSERS) {
  describe(`${name}: make it fit`, () => {
    const ctx = useBrowser(name);
    let b;
    before(async () => {
      b = ctx.b;
      await openUploadPage(b, UPLOAD);
    });

    test('a 12 MP phone photo stored sideways becomes an upright pas foto under 200 KB, with preview and download', async () => {
      const v = await verdictFor(b, '#file-pas_foto', fx('images/phone_photo_12mp_exif6.jpg'));
      assert.equal(v.state, 'error');
      assert.match(v.summary, /^Ukuran 1531 KB melebihi batas 200 KB/);
      const { got, verdict, ms } = await shrinkInto(b, '#file-pas_foto', 'pas_foto', 'phone_photo_12mp_exif6_kecil.jpg');
      assert.equal(got.type, 'image/jpeg');
      assert.ok(got.size <= 200 * 1024, `${got.size} bytes`);
      assert.equal(verdict.state, 'ok', JSON.stringify(verdict));
      const extras = await fittedExtras(b, '#file-pas_foto');
      const [, w, h] = extras.note.match(/^Diperkecil di browser ini: 1531 KB → \d+ KB \((\d+)×(\d+) piksel\)\.$/) || [];
      assert.ok(Number(w) < Number(h), `portrait, as the person took it: ${extras.note}`);
      const [pw, ph] = extras.preview;
      assert.ok(pw < ph && ph <= 120, `preview upright too: ${extras.preview}`);
      assert.equal(extras.download, 'phone_photo_12mp_exif6_kecil.jpg');
      assert.equal(extras.text, 'Unduh hasil');
      assert.equal(extras.href, 'blob:');
      const saved = await download(b, '#file-pas_foto');
      assert.equal(saved.name, 'phone_photo_12mp_exif6_kecil.jpg');
      assert.equal(saved.bytes.length, got.size, 'the download is the file the site received');
      assert.deepEqual([...saved.bytes.subarray(0, 2)], [0xff, 0xd8]);
      console.log(`${name}: ${extras.note} in ${ms} ms`);
    });

    test('a 300-dpi scanned PDF over the 500 KB limit becomes a fitting PDF in the same input', async () => {
      const file = fx('scans/scan_300dpi_colour.pdf');
      const v = await verdictFor(b, '#upload_transkrip', file);
      assert.equal(v.state, 'error');
      assert.ok(v.codes.includes('too_large'));
      const { got, verdict, ms } = await shrinkInto(b, '#upload_transkrip', 'transkrip', 'scan_300dpi_colour_kecil.pdf');
      assert.equal(got.type, 'application/pdf');
      assert.ok(got.size <= 500 * 1024 && got.size < statSync(file).size, `${got.size} bytes`);
      // The core re-checked the new file: a readable one-page A4 PDF within the limit.
      assert.equal(verdict.state, 'ok', JSON.stringify(verdict));
      assert.ok(!verdict.codes.includes('too_large') && !verdict.codes.includes('corrupt'));
      assert.ok(verdict.details.some((d) => /PDF 1\.\d, 1 halaman/.test(d)), verdict.details.join(' | '));
      const extras = await fittedExtras(b, '#upload_transkrip');
      assert.match(extras.note, /^Diperkecil di browser ini: 913 KB → \d+ KB \(1 halaman, gambar (\d+) dpi\)\.$/);
      assert.ok(Number(extras.note.match(/gambar (\d+) dpi/)[1]) >= 100);
      assert.equal(extras.download, 'scan_300dpi_colour_kecil.pdf');
      const saved = await download(b, '#upload_transkrip');
      assert.equal(saved.bytes.length, got.size);
      assert.equal(saved.bytes.subarray(0, 5).toString(), '%PDF-');
      console.log(`${name}: ${extras.note} in ${ms} ms`);
    });

    test('a stamped PDF over the limit is not shrunk: the badge says it would break the e-Meterai', async () => {
      const file = bigStamped(600);
      const v = await verdictFor(b, '#upload_transkrip', file);
      assert.equal(v.state, 'error');
      assert.ok(v.codes.includes('too_large'), v.codes.join());
      const note = await waitFor(b, `${shadow('#upload_transkrip')}.querySelector('.action .note')?.textContent`, 5000, 'refusal');
      assert.match(note, /^Tidak diperkecil: PDF ini bertanda tangan digital\/ber-e-Meterai, dan mengubahnya akan merusak e-Meterai\./);
      assert.equal(await b.run(`${shadow('#upload_transkrip')}.querySelector('button.shrink')`), null);
      const got = await b.run(`window.__replica.received.transkrip`);
      assert.deepEqual(got, { name: basename(file), size: statSync(file).size, type: 'application/pdf' });
    });

  });
}
