// End-to-end in both real browsers: the built extension on the replica SSCASN upload page checks
// each chosen file with the wasm core and shows a verdict a person can read, while the site's own
// upload handler still receives the very same file.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './server.mjs';
import { useBrowser, waitFor, badgeOf, openUploadPage, OUT, BROWSERS } from './browsers.mjs';

const UPLOAD_PAGE = 'https://daftar-sscasn.bkn.go.id/unggah-dokumen';
// The headless browsers' UI is English; Indonesian is asked for explicitly (the English test
// below exercises the automatic choice from the browser's language).
const UPLOAD = UPLOAD_PAGE + '?sscasn-lang=id';
const fixture = (p) => join(FIXTURES, p);
mkdirSync(OUT, { recursive: true });

for (const name of BROWSERS) {
  describe(`${name}: upload page`, () => {
    const ctx = useBrowser(name);
    let b;
    before(() => {
      b = ctx.b;
    });

    /** Open the page, wait for the site's late rendering, choose a file, wait for the verdict. */
    async function check(url, selector, file) {
      await openUploadPage(b, url);
      await b.choose(selector, file);
      await waitFor(b, `(() => { const v = ${badgeOf(selector)}; return v && v.state !== 'checking' && v; })()`, 20000, 'verdict');
      return b.run(badgeOf(selector));
    }

    test('a stamped letter is ready to upload, and the site still receives it', async () => {
      const file = fixture('stamped/stamped_pkcs7.pdf');
      const v = await check(UPLOAD, '#file-surat_lamaran', file);
      assert.equal(v.state, 'ok', JSON.stringify(v));
      assert.equal(v.lang, 'id');
      assert.equal(v.doc, 'surat_lamaran');
      assert.equal(v.summary, 'Siap diunggah.');
      assert.ok(v.codes.includes('emeterai_intact'), v.codes.join());
      assert.ok(v.details.some((d) => d.includes('0N8XQ2Z7K4LM5P9RT3VW1Y')), 'serial shown');
      const got = await b.run(`window.__replica.received.surat_lamaran`);
      assert.deepEqual(got, { name: 'stamped_pkcs7.pdf', size: statSync(file).size, type: 'application/pdf' });
      await b.screenshot(join(OUT, `${name}-upload-ok-id.png`));
    });

    test('an unstamped surat lamaran says the e-Meterai is missing, with how to stamp', async () => {
      const v = await check(UPLOAD, '#file-surat_lamaran', fixture('letters/surat_lamaran_std14.pdf'));
      assert.equal(v.state, 'error');
      assert.match(v.summary, /wajib ber-e-Meterai/);
      assert.deepEqual(v.codes.slice(0, 1), ['emeterai_missing']);
    });

    test('a photo renamed to .pdf is caught as not a PDF', async () => {
      const v = await check(UPLOAD, '#upload_surat_pernyataan', fixture('broken/photo_renamed.pdf'));
      assert.equal(v.state, 'error');
      assert.match(v.summary, /sebenarnya gambar JPG, bukan PDF/);
    });

    test('the limit stated on the page (500 KB) is applied', async () => {
      const v = await check(UPLOAD, '#upload_transkrip', fixture('scans/scan_800kb.pdf'));
      assert.equal(v.state, 'error');
      assert.match(v.summary, /melebihi batas 500 KB/);
    });

    test('a stamped file that was rewritten is explained in plain words', async () => {
      const v = await check(UPLOAD, '#file-surat_lamaran', fixture('stamped/stamped_then_rewritten.pdf'));
      assert.equal(v.state, 'error');
      assert.ok(v.codes.includes('emeterai_broken'));
      assert.match(v.summary, /e-Meterai rusak/);
    });

    test('a password-locked PDF is reported', async () => {
      const v = await check(UPLOAD, '#file-ijazah', fixture('structure/user_password.pdf'));
      assert.equal(v.state, 'error');
      assert.match(v.summary, /dikunci dengan kata sandi/);
    });

    test('English in an English browser, and the opened findings are screenshotted', async () => {
      const v = await check(UPLOAD_PAGE, '#file-surat_lamaran', fixture('stamped/stamped_then_changed.pdf'));
      assert.equal(v.lang, 'en');
      assert.equal(v.state, 'error');
      assert.match(v.summary, /changed after stamping/);
      await b.run(`(document.querySelector('#file-surat_lamaran').nextElementSibling.shadowRoot.querySelector('button.toggle').click(), true)`);
      const open = await b.run(`!document.querySelector('#file-surat_lamaran').nextElementSibling.shadowRoot.querySelector('.details').hidden`);
      assert.equal(open, true);
      await b.screenshot(join(OUT, `${name}-upload-details-en.png`));
    });

    test('inputs that appear two seconds late, and a re-rendered row, get exactly one badge each (the verdict stays)', async () => {
      await b.open(UPLOAD + '&delay=2000');
      assert.equal(await b.run(`document.querySelectorAll('input[type=file]').length`), 0);
      await waitFor(b, `document.querySelectorAll('sscasn-verdict').length === 6`, 15000, 'six badges');
      await b.choose('#file-ijazah', fixture('letters/surat_lamaran_std14.pdf'));
      await waitFor(b, `(() => { const v = ${badgeOf('#file-ijazah')}; return v && v.state !== 'checking'; })()`);
      await b.run(`(window.__replica.rerender('ijazah'), true)`);
      await waitFor(b, `document.querySelector('[data-row=ijazah] input[type=file]').nextElementSibling?.localName === 'sscasn-verdict'`);
      assert.equal(await b.run(`document.querySelectorAll('sscasn-verdict').length`), 6);
      assert.equal(await b.run(`document.querySelectorAll('[data-row=ijazah] sscasn-verdict').length`), 1);
      // The verdict belongs to the row, not to the replaced input: it stays, naming the file (issue 18).
      const kept = await b.run(`(() => { const v = document.querySelector('[data-row=ijazah] sscasn-verdict');
        return { hidden: v.hidden, state: v.dataset.state, file: v.shadowRoot.querySelector('.file').textContent }; })()`);
      assert.deepEqual(kept, { hidden: false, state: 'ok', file: 'surat_lamaran_std14.pdf' });
    });
  });
}
