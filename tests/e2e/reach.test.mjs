// Issue 21 in both browsers: the extension reaches controls however a site builds them.
// - Upload rows built as Lit web components (open shadow roots), shown only after a pushState step
//   change and defined after it (custom elements upgrading in place): every row gets the right
//   verdict, read from the title and rule inside its shadow root; after the upload the site removes
//   the input (even rows) or replaces the row element (odd rows), and the verdict stays with the
//   row, naming the file. A row inside a closed shadow root, and rows inside a same-origin iframe.
// - Stamping where the viewer is pdf.js's own viewer components (PDFSinglePageViewer) in a
//   same-origin iframe whose only page control is its thumbnail sidebar and whose stamp is a
//   react-draggable box (moved with CSS translate()), driven by the panel's button in the top page;
//   and where the stamp waits in a palette and goes onto the page by HTML5 drag and drop. The box
//   the page itself stores at drag end / drop must be on the signature's page, within 10 pt of the
//   suggestion and level with the signature; the panel claims a placement only when read back.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES, fixtureCopy } from './server.mjs';
import { useBrowser, waitFor, OUT, BROWSERS } from './browsers.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'sscasn-reach-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const made = (src, name, padKb) => fixtureCopy(tmp, src, name, padKb);

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

const LETTERS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'gallery', 'stamping', 'letters');
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const TRUTH = JSON.parse(readFileSync(join(LETTERS_DIR, 'truth.json'), 'utf8'));
const LETTERS = {
  p1right: { file: join(FIXTURES, 'letters/surat_lamaran_std14.pdf'), truth: EXPECTED['letters/surat_lamaran_std14.pdf'] },
  p2left: { file: join(LETTERS_DIR, 'pernyataan_page2_left.pdf'), truth: TRUTH['pernyataan_page2_left.pdf'] },
  p2two: { file: join(LETTERS_DIR, 'pernyataan_two_signers_page2.pdf'), truth: TRUTH['pernyataan_two_signers_page2.pdf'] },
  p3: { file: join(FIXTURES, 'letters/surat_pernyataan_page3.pdf'), truth: EXPECTED['letters/surat_pernyataan_page3.pdf'] },
};
const STAMPING = [
  { kind: 'pdf.js viewer components in a same-origin iframe, thumbnails only, react-draggable stamp', url: 'https://meterai-elektronik.com/gallery/stamping/frame.html', letters: ['p3', 'p2two'] },
  { kind: 'stacked pages, stamp dragged from a palette (HTML5 drag and drop)', url: 'https://daftar-sscasn.bkn.go.id/gallery/stamping/dnd.html', letters: ['p2left', 'p1right'] },
];
const panel = (expr) => `(() => { const p = document.querySelector('sscasn-placement'); return p && !p.hidden && p.shadowRoot && (${expr}); })()`;
const gapX = (a, b) => Math.max(0, b[0] - a[2], a[0] - b[2]);

for (const name of BROWSERS) {
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

    test('a row inside a closed shadow root: the extension enters it (the page itself cannot) and the verdict follows the row', async () => {
      const b = ctx.b;
      await b.open('https://daftar-sscasn.bkn.go.id/gallery/upload/closed.html?sscasn-lang=id');
      await waitFor(b, `!!window.__closedInput`, 15000, 'the closed row');
      assert.equal(await b.run(`document.querySelector('closed-upload-row').shadowRoot`), null, 'the root is closed to the page');
      const f = made('letters/surat_lamaran_std14.pdf', 'besar_ijazah.pdf', 600);
      if (name === 'chromium') await (await b.page.evaluateHandle('window.__closedInput')).setInputFiles(f.path);
      else await (await b.driver.executeScript('return window.__closedInput;')).sendKeys(f.path);
      const v = await waitFor(b, `(() => { const b = document.querySelector('closed-upload-row + sscasn-verdict');
        return b && !b.hidden && b.dataset.state && b.dataset.state !== 'checking' && { state: b.dataset.state, doc: b.dataset.doc,
          summary: b.shadowRoot.querySelector('.summary').textContent, limit: b.shadowRoot.querySelector('.limit').textContent }; })()`, 30000, 'verdict after the closed row');
      assert.equal(v.doc, 'ijazah', 'the title inside the closed root named the row');
      assert.equal(v.state, 'error', v.summary);
      assert.match(v.summary, /^Ukuran 600 KB melebihi batas 512 KB/, 'the limit stated inside the closed root was read');
      assert.match(v.limit, /0,5 MB \(512 KB\)/, 'the rule as the closed row wrote it, not a default');
      assert.equal(await b.run(`window.__received.ijazah?.name`), f.name, "the site's handler got the file");
    });

    test('upload rows inside a same-origin iframe: the content script of the frame gives the verdict in the row', async () => {
      const b = ctx.b;
      await b.open('https://daftar-sscasn.bkn.go.id/gallery/upload/framed.html?sscasn-lang=id');
      const [f, state, summary] = LIT_ROWS.transkrip;
      const inFrame = (expr) => `(() => { const d = document.getElementById('uploadFrame').contentDocument; return d && (${expr}); })()`;
      await waitFor(b, inFrame(`d.querySelectorAll('input[type=file]').length === 6`), 15000, 'rows in the frame');
      if (name === 'chromium') await b.page.frameLocator('#uploadFrame').locator('[data-row="transkrip"] input[type=file]').setInputFiles(f.path);
      else {
        const { By } = await import('selenium-webdriver');
        await b.driver.switchTo().frame(await b.driver.findElement(By.css('#uploadFrame')));
        try {
          await b.driver.findElement(By.css('[data-row="transkrip"] input[type=file]')).sendKeys(f.path);
        } finally {
          await b.driver.switchTo().defaultContent();
        }
      }
      const v = await waitFor(b, inFrame(`(() => { const b = d.querySelector('[data-row="transkrip"] sscasn-verdict');
        return b && !b.hidden && b.dataset.state && b.dataset.state !== 'checking' && { state: b.dataset.state, summary: b.shadowRoot.querySelector('.summary').textContent,
          file: b.shadowRoot.querySelector('.file').textContent }; })()`), 30000, 'verdict in the frame');
      assert.equal(v.state, state, v.summary);
      assert.match(v.summary, summary);
      assert.ok(v.file.includes(f.name), v.file);
      assert.equal(await b.run(`document.querySelectorAll('sscasn-verdict').length`), 0, 'no verdict in the top page');
    });

    const rows = [];
    after(() => {
      if (!rows.length) return;
      console.log(`${name}: page kind | letter | outcome | error pt | confirmed by | click to result ms`);
      for (const r of rows) console.log(`${name}: ${r.kind} | ${r.letter} | ${r.outcome} | ${r.error === null ? '-' : r.error.toFixed(2)} | ${r.how} | ${r.ms}`);
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, `reach-placement-${name}.json`), JSON.stringify(rows, null, 1));
    });
    for (const c of STAMPING) {
      for (const letter of c.letters) {
        test(`${c.kind}: ${letter} — placed beside the signature and confirmed`, async () => {
          const b = ctx.b;
          await b.open(`${c.url}?sscasn-lang=id`);
          await waitFor(b, `!!(window.__gallery && true)`, 15000, 'the page');
          await b.choose('#pdf', LETTERS[letter].file);
          await waitFor(b, `window.__gallery && window.__gallery.rendered && true`, 20000, 'the page rendered');
          await waitFor(b, panel(`p.shadowRoot.querySelector('button.place')`), 20000, 'placement panel');
          const truth = LETTERS[letter].truth;
          const rect = JSON.parse(await b.run(panel('p.dataset.rect')));
          assert.equal(Number(await b.run(panel('p.dataset.page'))), truth.signature_page, 'the suggestion is on the signature page');
          const clicked = Date.now();
          await b.run(panel(`(p.shadowRoot.querySelector('button.place').click(), true)`));
          const outcome = await waitFor(b, panel(`p.dataset.outcome`), 30000, 'placement outcome');
          const ms = Date.now() - clicked;
          const result = await b.run(panel(`p.shadowRoot.querySelector('.result').textContent`));
          const pos = await b.run(`window.__placement`);
          const got = pos && [pos.llx, pos.lly, pos.urx, pos.ury];
          const error = got ? Math.max(...got.map((v, k) => Math.abs(v - rect[k]))) : null;
          rows.push({ kind: c.kind, letter, outcome, how: await b.run(panel(`p.dataset.how || ''`)), error, page: pos && pos.page, ms });
          await b.screenshot(join(OUT, `${name}-reach-${c.url.split('/').pop().replace('.html', '')}-${letter}.png`));
          assert.equal(outcome, 'placed', `not confirmed: ${result}`);
          assert.match(result, new RegExp(`^e-Meterai diletakkan di halaman ${truth.signature_page}`));
          assert.ok(pos, 'the page stored a position');
          assert.equal(pos.page, truth.signature_page, 'the page reports the signature page');
          assert.ok(error <= 10, `stored ${JSON.stringify(got)} vs suggested ${JSON.stringify(rect)}: ${error} pt`);
          const sig = truth.signature_area;
          const cy = (got[1] + got[3]) / 2;
          assert.ok(cy >= sig[1] - 20 && cy <= sig[3] + 20, `level with the signature: stamp ${JSON.stringify(got)}, signature ${JSON.stringify(sig)}`);
          assert.ok(gapX(got, sig) <= 60, `within 60 pt of the signature: gap ${gapX(got, sig)}`);
        });
      }
    }
  });
}
