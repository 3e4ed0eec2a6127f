// Issue 21 in both browsers: the extension reaches controls however a site builds them.
// - Upload rows built as Lit web components (open shadow roots), shown only after a pushState step
//   change and defined after it (custom elements upgrading in place): every row gets the right
//   verdict, read from the title and rule inside its shadow root; after the upload the site removes
//   the input (even rows) or replaces the row element (odd rows), and the verdict stays with the
//   row, naming the file.
// - Stamping (see the second describe) in frames, by HTML5 drag and drop, with translate().
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from './server.mjs';
import { useBrowser, waitFor, OUT } from './browsers.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'sscasn-reach-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function made(src, name, padKb) {
  const path = join(tmp, name);
  let bytes = readFileSync(join(FIXTURES, src));
  if (padKb) {
    const pad = Buffer.alloc(padKb * 1024 - bytes.length, 0x20);
    pad.write('\n%', 0);
    bytes = Buffer.concat([bytes, pad]);
  }
  writeFileSync(path, bytes);
  return { name, path };
}

// What each row gets and the verdict a person must read (limits stated inside the shadow roots).
const LIT_ROWS = {
  pas_foto: [made('images/pas_foto_red.jpg', 'lulus_pas_foto.jpg'), 'ok', /^Siap diunggah\.$/],
  ktp: [made('images/photo_12mp.jpg', 'foto_besar_ktp.jpg'), 'error', /^Ukuran 6536 KB melebihi batas 200 KB/],
  ijazah: [made('scans/scan_small.pdf', 'lulus_ijazah.pdf'), 'ok', /^Siap diunggah\.$/],
  transkrip: [made('letters/surat_lamaran_std14.pdf', 'besar_transkrip.pdf', 900), 'error', /^Ukuran 900 KB melebihi batas 800 KB/],
  surat_lamaran: [made('stamped/stamped_pkcs7.pdf', 'lulus_surat_lamaran.pdf'), 'ok', /^Siap diunggah\.$/],
  surat_pernyataan: [made('stamped/stamped_then_rewritten.pdf', 'meterai_ditulis_ulang.pdf'), 'error', /^e-Meterai rusak/],
};

/** Page-side: every element matching `sel` through open shadow roots (not into our own badges). */
const DEEP = `((sel) => { const out = []; const walk = (r) => { out.push(...r.querySelectorAll(sel));
  for (const e of r.querySelectorAll('*')) if (e.shadowRoot && !e.localName.startsWith('sscasn-')) walk(e.shadowRoot); };
  walk(document); return out; })`;
/** What a person sees of row `row`'s verdict: the badges right after the row's element. */
const seen = (row) => `(() => {
  const rows = ${DEEP}('[data-row="${row}"]');
  const r = rows[0];
  if (!r) return { count: 0, rows: 0 };
  const badges = [];
  for (let n = r.nextElementSibling; n && n.localName === 'sscasn-verdict'; n = n.nextElementSibling) badges.push(n);
  const all = ${DEEP}('sscasn-verdict').filter((b) => (b.dataset.row || '').startsWith('${row}|'));
  const b = badges.find((x) => !x.hidden);
  if (!b) return { count: 0, rows: rows.length, all: all.length, row: r.localName };
  b.scrollIntoView({ block: 'center', behavior: 'instant' });
  const box = b.getBoundingClientRect();
  const s = b.shadowRoot;
  return { count: badges.filter((x) => !x.hidden).length, all: all.length, rows: rows.length, row: r.localName, state: b.dataset.state,
    summary: s.querySelector('.summary').textContent, file: s.querySelector('.file').textContent,
    visible: box.width > 0 && box.height > 0, inViewport: box.top >= 0 && box.bottom <= innerHeight };
})()`;

for (const name of (process.env.BROWSERS || 'chromium,firefox').split(',')) {
  describe(`${name}: web components, SPA routes, rows replaced after upload`, () => {
    const ctx = useBrowser(name);

    /** Hand row `row` its file as a person does: Chromium through the dialog its own button opens. */
    async function choose(b, row, path) {
      if (name === 'chromium') {
        const button = b.page.locator(`doc-upload-row[data-row="${row}"] button[data-control]`);
        const [chooser] = await Promise.all([b.page.waitForEvent('filechooser', { timeout: 8000 }), button.click({ timeout: 8000 })]);
        await chooser.setFiles(path);
        return;
      }
      // Firefox's WebDriver answers no file dialog: the file goes to the row's input (in its shadow root).
      const input = await b.driver.executeScript(`return document.querySelector('reg-app').shadowRoot
        .querySelector('doc-upload-row[data-row="${row}"]').shadowRoot.querySelector('input[type=file]');`);
      await input.sendKeys(path);
    }

    test('Lit rows after a pushState step: every verdict in its row, and it stays when the input or the row is replaced', async () => {
      const b = ctx.b;
      await b.open('https://daftar-sscasn.bkn.go.id/gallery/upload/lit.html?sscasn-lang=id');
      await waitFor(b, `!!document.querySelector('reg-app')?.shadowRoot?.querySelector('#lanjut')`, 15000, 'step 1');
      await b.run(`(document.querySelector('reg-app').shadowRoot.querySelector('#lanjut').click(), true)`);
      assert.match(await b.run('location.search'), /[?&]step=dokumen/, 'the app moved with pushState');
      await waitFor(b, `${DEEP}('doc-upload-row input[type=file], input[type=file]').length === 6`, 15000, 'rows defined and rendered');
      for (const [row, [f, state, summary]] of Object.entries(LIT_ROWS)) {
        await choose(b, row, f.path);
        const v = await waitFor(b, `(() => { const v = ${seen(row)}; return v.state && v.state !== 'checking' && v.file.includes(${JSON.stringify(f.name)}) && v; })()`,
          30000, `verdict in row ${row}`);
        assert.equal(v.count, 1, `${row}: one verdict`);
        assert.equal(v.state, state, `${row}: ${v.summary}`);
        assert.match(v.summary, summary, row);
        assert.deepEqual(await b.run(`window.__received[${JSON.stringify(row)}]?.name`), f.name, `${row}: the site's handler got the file`);
      }
      await waitFor(b, `Object.keys(window.__uploaded).length === 6`, 15000, 'the site finished every upload');
      assert.equal(await b.run(`${DEEP}('input[type=file]').length`), 0, 'every input is gone');
      assert.equal(await b.run(`${DEEP}('doc-done-row').length`), 3, 'three rows were replaced by new elements');
      for (const [row, [f, state, summary]] of Object.entries(LIT_ROWS)) {
        const v = await waitFor(b, `(() => { const v = ${seen(row)}; return v.count === 1 && v; })()`, 5000, `verdict kept in row ${row}`);
        assert.equal(v.all, 1, `${row}: no other copy of the verdict`);
        assert.equal(v.state, state, row);
        assert.match(v.summary, summary, row);
        assert.ok(v.file.includes(f.name), `${row}: the verdict names the file (${v.file})`);
        assert.ok(v.visible, `${row}: shown`);
        assert.equal(v.row, ['ktp', 'transkrip', 'surat_pernyataan'].includes(row) ? 'doc-done-row' : 'doc-upload-row', `${row}: after the row's element`);
      }
      await b.run(`window.scrollTo(0, 0)`);
      await b.screenshot(join(OUT, `${name}-reach-lit-rows.png`));
    });
  });
}
