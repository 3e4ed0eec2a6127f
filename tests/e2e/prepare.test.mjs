// "Persiapan dokumen" (issue 14) in both browsers: the replica upload page is visited (its rules
// are remembered, and the page says so with a link), the preparation page opens from that link
// (Firefox's WebDriver cannot navigate to moz-extension:// itself, so both browsers go this way),
// eight files are chosen at once, each is classified and checked, a type is corrected, a PNG KTP
// and an oversized scan are made to fit, the summary and share text are read, rules are
// forgotten, and the page is photographed at 360×800 (Chromium: the viewport; Firefox, whose
// windows do not get that narrow: a 360×800 frame holding the same page).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, copyFileSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIXTURES } from './server.mjs';
import { useBrowser, waitFor, openUploadPage, OUT, BROWSERS } from './browsers.mjs';

const UPLOAD = 'https://daftar-sscasn.bkn.go.id/unggah-dokumen?sscasn-lang=id';
const TESTS = resolve(FIXTURES, '..');
const tmp = mkdtempSync(join(tmpdir(), 'sscasn-prepare-'));
/** The eight files, under the names a person's folder would have. */
const SET = {
  'lamaran_bermeterai.pdf': 'fixtures/stamped/stamped_pkcs7.pdf',
  'pernyataan_spasi.pdf': 'prepare/files/surat_pernyataan_spaced.pdf',
  'berkas_a.pdf': 'prepare/files/ijazah_chromium.pdf',
  'transkrip nilai.pdf': 'fixtures/scans/scan_800kb.pdf',
  'IMG_0001.jpg': 'fixtures/images/pas_foto_red.jpg',
  'scan1.png': 'fixtures/images/ktp.png',
  'IMG_20240812.pdf': 'fixtures/scans/scan_small.pdf',
  'pas_foto (1).jpg': 'fixtures/images/pas_foto_red.jpg',
};
const files = Object.entries(SET).map(([name, from]) => {
  const to = join(tmp, name);
  copyFileSync(join(TESTS, from), to);
  return to;
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Every row of the table as plain data. */
const TABLE = `[...document.querySelectorAll('#rows tr')].map((tr) => ({
  file: tr.querySelector('.name').textContent, doc: tr.dataset.doc, verdict: tr.dataset.verdict, action: tr.dataset.action,
  how: tr.querySelector('.how').textContent, todo: tr.querySelector('.what').textContent,
  limit: tr.querySelector('.limit') ? tr.querySelector('.limit').textContent : '',
  fitted: tr.querySelector('.fitted') ? tr.querySelector('.fitted').textContent : '' }))`;
const row = (name) => `(${TABLE}).find((r) => r.file === ${JSON.stringify(name)})`;
const settled = `document.body.dataset.busy === 'false' && document.getElementById('summary').textContent`;

async function chooseMany(b, selector, paths) {
  if (b.name === 'chromium') return b.page.setInputFiles(selector, paths);
  const { By } = await import('selenium-webdriver');
  return b.driver.findElement(By.css(selector)).sendKeys(paths.join('\n'));
}

for (const name of BROWSERS) {
  describe(`${name}: persiapan dokumen`, () => {
    const ctx = useBrowser(name);
    let b;
    let back = null;
    before(() => {
      b = ctx.b;
    });

    test('the upload page\'s rules are remembered, and the page says so with a link', async () => {
      await openUploadPage(b, UPLOAD);
      const note = `document.querySelector('sscasn-rules-note')`;
      const rows = await waitFor(b, `${note} && ${note}.dataset.rows`, 15000, 'rules note');
      assert.equal(rows, '6');
      assert.match(await b.run(`${note}.shadowRoot.querySelector('.text').textContent`), /menyimpan aturan unggah halaman ini \(6 dokumen\)/);
      back = await b.inNewTab(() => b.run(`(${note}.shadowRoot.querySelector('a').click(), true)`));
      // The new tab may still be loading when the driver switches to it.
      await waitFor(b, `/\\/prepare\\/prepare\\.html$/.test(location.pathname) && document.body && document.body.dataset.ready === 'true'`, 15000, 'prepare page');
      const stored = await b.run(`(globalThis.browser || globalThis.chrome).storage.local.get('uploadRules').then((r) => r.uploadRules)`);
      assert.equal(stored.source, 'https://daftar-sscasn.bkn.go.id/unggah-dokumen');
      assert.ok(Date.now() - Date.parse(stored.date) < 120000, stored.date);
      const byDoc = Object.fromEntries(stored.rows.map((r) => [r.doc, r]));
      assert.deepEqual(Object.keys(byDoc).sort(), ['ijazah', 'ktp', 'pas_foto', 'surat_lamaran', 'surat_pernyataan', 'transkrip']);
      assert.equal(byDoc.transkrip.max_kb, 500);
      assert.equal(byDoc.pas_foto.expected, 'jpeg');
      assert.equal(byDoc.surat_pernyataan.emeterai, true, 'the row says "bermeterai elektronik"');
      assert.equal(byDoc.ijazah.emeterai, false);
      // These headless browsers speak English: the page follows the browser.
      assert.match(await b.run(`document.getElementById('rules-text').textContent`), /^Rules from your SSCASN upload page, read .+\.$/);
    });

    test('eight files at once: each classified and checked, with what to do and a summary', async () => {
      const started = Date.now();
      await chooseMany(b, '#files', files);
      await waitFor(b, `document.querySelectorAll('#rows tr').length === 8 && ${settled}`, 60000, 'eight files checked');
      const ms = Date.now() - started;
      const table = await b.run(TABLE);
      const by = Object.fromEntries(table.map((r) => [r.file, r]));
      const expect = {
        'lamaran_bermeterai.pdf': ['surat_lamaran', 'ok', 'none'],
        'pernyataan_spasi.pdf': ['surat_pernyataan', 'warning', 'stamp'],
        'berkas_a.pdf': ['ijazah', 'ok', 'none'],
        'transkrip nilai.pdf': ['transkrip', 'error', 'shrink'],
        'IMG_0001.jpg': ['pas_foto', 'ok', 'none'],
        'scan1.png': ['ktp', 'error', 'shrink'],
        'IMG_20240812.pdf': ['other', 'warning', 'choose_type'],
        'pas_foto (1).jpg': ['pas_foto', 'warning', 'duplicate'],
      };
      for (const [file, [doc, verdict, action]] of Object.entries(expect)) {
        assert.deepEqual([by[file].doc, by[file].verdict, by[file].action], [doc, verdict, action], `${file}: ${JSON.stringify(by[file])}`);
      }
      // Grouped by document, in the upload page's order.
      assert.deepEqual(table.map((r) => r.doc), ['surat_lamaran', 'surat_pernyataan', 'ijazah', 'transkrip', 'pas_foto', 'pas_foto', 'ktp', 'other']);
      // How each was recognised, in words.
      assert.equal(by['berkas_a.pdf'].how, 'recognised from the content: IJAZAH');
      assert.equal(by['pernyataan_spasi.pdf'].how, 'recognised from the content: SURAT PERNYATAAN');
      assert.equal(by['transkrip nilai.pdf'].how, 'recognised from the file name');
      assert.equal(by['IMG_0001.jpg'].how, 'recognised from the content: red background');
      assert.equal(by['scan1.png'].how, 'recognised from the content: card shape 300×200');
      // What to do, and the rule applied (from the upload page).
      assert.equal(by['transkrip nilai.pdf'].todo, '728 KB, the limit is 500 KB: use “Shrink to fit”.');
      assert.equal(by['transkrip nilai.pdf'].limit, 'Limit 500 KB, PDF (from the upload page).');
      assert.match(by['pernyataan_spasi.pdf'].todo, /^No e-Meterai yet: get 1 e-Meterai and stamp it beside the signature\./);
      assert.equal(by['pas_foto (1).jpg'].todo, 'Exactly the same as IMG_0001.jpg: one is enough.');
      assert.equal(by['lamaran_bermeterai.pdf'].todo, 'Ready to upload.');
      assert.equal(await b.run(`document.querySelectorAll('#rows tr[data-action=shrink] button.shrink').length`), 2);
      const summary = await b.run(`document.getElementById('summary').textContent`);
      assert.equal(summary, '8 files: 3 ready, 3 need action, 2 with problems. Every required document is here. e-Meterai to buy: 1 (statement letter).');
      console.log(`# ${name}: 8 files checked in ${ms} ms`);
    });

    test('correcting a type checks the file again under that type', async () => {
      await b.run(`(() => { const s = [...document.querySelectorAll('#rows tr')].find((tr) => tr.querySelector('.name').textContent === 'IMG_20240812.pdf').querySelector('select');
        s.value = 'pendukung'; s.dispatchEvent(new Event('change')); return true; })()`);
      const r = await waitFor(b, `${settled} && (() => { const r = ${row('IMG_20240812.pdf')}; return r && r.doc === 'pendukung' && r.verdict !== 'checking' && r; })()`, 20000, 're-checked row');
      assert.deepEqual([r.verdict, r.action, r.how, r.todo], ['ok', 'none', 'chosen by you', 'Ready to upload.']);
      assert.equal(r.limit, 'Default limit 800 KB, PDF.', 'the page did not list supporting documents');
      assert.match(await b.run(`document.getElementById('summary').textContent`), /^8 files: 4 ready, /);
    });

    test('"Perkecil otomatis" makes the PNG KTP a JPG and the scan fit, then checks them again', async () => {
      const click = (file) => `(() => { const tr = [...document.querySelectorAll('#rows tr')].find((tr) => tr.querySelector('.name').textContent === ${JSON.stringify(file)});
        tr.querySelector('button.shrink').click(); return true; })()`;
      await b.run(click('scan1.png'));
      const ktp = await waitFor(b, `${settled} && ${row('scan1_kecil.jpg')}`, 30000, 'fitted KTP');
      assert.deepEqual([ktp.doc, ktp.verdict, ktp.how], ['ktp', 'ok', 'chosen by you']);
      assert.match(ktp.fitted, /^Made smaller in this browser: 1 KB → \d+ KB\.Download/);
      await b.run(click('transkrip nilai.pdf'));
      const scan = await waitFor(b, `${settled} && ${row('transkrip nilai_kecil.pdf')}`, 90000, 'fitted scan');
      assert.deepEqual([scan.doc, scan.verdict, scan.action], ['transkrip', 'ok', 'none'], JSON.stringify(scan));
      assert.match(scan.fitted, /^Made smaller in this browser: 728 KB → (\d+) KB\./);
      assert.ok(Number(/→ (\d+) KB/.exec(scan.fitted)[1]) <= 500);
    });

    test('share text and print layout', async () => {
      await b.run(`(document.getElementById('copy').click(), true)`);
      await waitFor(b, `document.getElementById('copy-status').textContent`, 5000, 'copy status');
      // Headless clipboards may refuse; either way the text is what was (or is to be) copied.
      const text = await b.run(`document.getElementById('share').value`);
      const lines = text.split('\n');
      assert.match(lines[0], /^SSCASN document preparation, /);
      assert.ok(lines.some((l) => /^✓ .+: lamaran_bermeterai\.pdf \(12 KB\) — Ready to upload\.$/.test(l)), text);
      assert.ok(lines.some((l) => /^! .*pernyataan_spasi\.pdf \(\d+ KB\) — No e-Meterai yet: get 1 e-Meterai and stamp it beside the signature\.$/.test(l)), text);
      assert.ok(lines.some((l) => /^! .*pas_foto \(1\)\.jpg .* — Exactly the same as IMG_0001\.jpg: one is enough\.$/.test(l)), text);
      assert.match(text, /e-Meterai to buy: 1 \(statement letter\)\./);
      assert.match(lines.at(-1), /^Rules from your SSCASN upload page, read /);
      assert.equal(lines.length, 1 + 8 + 2);
      // The print stylesheet hides the controls and shows the chosen type as text.
      const print = await b.run(`(() => { const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules]);
        const p = rules.find((r) => r.media && r.media.mediaText === 'print'); return p ? p.cssText : ''; })()`);
      assert.match(print, /\.controls/);
      assert.match(print, /\.doc-name/);
      if (b.name === 'chromium') {
        // What "save as PDF" gives: the table, the summary, no buttons.
        await b.page.emulateMedia({ media: 'print' });
        let shown;
        try {
          shown = await b.run(`['.actions', '#drop', '#rows select', '#rows .doc-name', '#summary'].map((q) => getComputedStyle(document.querySelector(q)).display)`);
        } finally {
          await b.page.emulateMedia({ media: null });
        }
        assert.deepEqual(shown, ['none', 'none', 'none', 'inline', 'block']);
        const pdf = join(OUT, `${name}-prepare-print.pdf`);
        await b.page.pdf({ path: pdf, format: 'A4' });
        const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
        assert.match(text, /lamaran_bermeterai\.pdf/);
        assert.match(text, /e-Meterai to\s+buy: 1 \(statement\s+letter\)/);
        assert.doesNotMatch(text, /Copy summary|Choose files|Shrink to fit\s*$/m);
      }
    });

    test('files dropped on the page are checked like chosen ones', async () => {
      const b64 = readFileSync(join(TESTS, 'prepare/files/sertifikat_toefl.pdf')).toString('base64');
      await b.run(`(() => { const bin = atob(${JSON.stringify(b64)}); const u8 = Uint8Array.from(bin, (c) => c.charCodeAt(0));
        const dt = new DataTransfer(); dt.items.add(new File([u8], 'dropped_toefl.pdf', { type: 'application/pdf' }));
        document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })); return true; })()`);
      const r = await waitFor(b, `${settled} && (() => { const r = ${row('dropped_toefl.pdf')}; return r && r.verdict !== 'checking' && r; })()`, 20000, 'dropped file');
      assert.deepEqual([r.doc, r.verdict, r.how], ['pendukung', 'ok', 'recognised from the content: SERTIFIKAT']);
      assert.match(await b.run(`document.getElementById('summary').textContent`), /^9 files: /);
      // Remove it again (the row count matters below): clear and choose the eight once more.
      await b.run(`(document.getElementById('clear').click(), true)`);
      await chooseMany(b, '#files', files);
      await waitFor(b, `document.querySelectorAll('#rows tr').length === 8 && ${settled}`, 60000, 'eight files again');
    });

    test('at 360×800 the table becomes cards without sideways scrolling', async () => {
      const layout = `window.innerWidth <= 400 && document.querySelectorAll('#rows tr').length === 8 && ${settled} && {
        inner: window.innerWidth, scroll: document.documentElement.scrollWidth,
        head: getComputedStyle(document.querySelector('thead')).display, label: getComputedStyle(document.querySelector('#rows td'), '::before').content,
        dataLabel: document.querySelector('#rows td').dataset.label }`;
      const shot = join(OUT, `${name}-prepare-360x800.png`);
      let got;
      if (b.name === 'chromium') {
        await b.page.setViewportSize({ width: 360, height: 800 });
        got = await waitFor(b, layout, 10000, 'phone layout');
        await b.run('window.scrollTo(0, 0)');
        await b.page.screenshot({ path: shot });
        await b.page.setViewportSize({ width: 1100, height: 900 });
      } else {
        // Firefox will not make a window this narrow: the same page in a 360×800 frame (media
        // queries follow the frame's width), with the same eight files chosen in it.
        const { By } = await import('selenium-webdriver');
        await b.run(`(() => { const f = document.createElement('iframe'); f.id = 'phone'; f.src = 'prepare.html';
          f.style.cssText = 'width:360px;height:800px;border:0;display:block'; document.body.prepend(f); return true; })()`);
        const frame = await b.driver.findElement(By.css('#phone'));
        await b.driver.switchTo().frame(frame);
        try {
          await waitFor(b, `document.body.dataset.ready === 'true'`, 15000, 'page in the frame');
          await chooseMany(b, '#files', files);
          got = await waitFor(b, layout, 60000, 'phone layout');
        } finally {
          await b.driver.switchTo().defaultContent();
        }
        writeFileSync(shot, Buffer.from(await frame.takeScreenshot(), 'base64'));
        await b.run(`(document.getElementById('phone').remove(), true)`);
      }
      assert.ok(got.scroll <= got.inner, JSON.stringify(got));
      assert.equal(got.head, 'none');
      // Each cell is labelled (Firefox reports the content unresolved, as attr()).
      assert.equal(got.dataLabel, 'Document');
      assert.ok(['"Document"', 'attr(data-label)'].includes(got.label), got.label);
    });

    test('a stored rule that differs from the defaults is the one applied (and a change re-checks the set)', async () => {
      // The replica states the usual limits; a registration with a stricter ijazah limit:
      await b.run(`(globalThis.browser || globalThis.chrome).storage.local.get('uploadRules').then(({ uploadRules: r }) => {
        r.rows.find((x) => x.doc === 'ijazah').max_kb = 20; return (globalThis.browser || globalThis.chrome).storage.local.set({ uploadRules: r }).then(() => true); })`);
      const r = await waitFor(b, `${settled} && (() => { const r = ${row('berkas_a.pdf')}; return r && r.limit.startsWith('Limit 20 KB') && r; })()`, 20000, 'stricter rule');
      assert.deepEqual([r.verdict, r.limit], ['error', 'Limit 20 KB, PDF (from the upload page).'], JSON.stringify(r));
      assert.match(r.todo, /^Size 25 KB exceeds the 20 KB limit\./);
    });

    test('forgetting the rules falls back to the defaults, said as such', async () => {
      await b.run(`(document.getElementById('forget').click(), true)`);
      await waitFor(b, `document.getElementById('rules').dataset.source === 'default' && ${settled} && ${row('berkas_a.pdf')}.limit.startsWith('Default')`, 20000, 'defaults');
      assert.match(await b.run(`document.getElementById('rules-text').textContent`), /^The SSCASN upload page has not been opened with this extension yet/);
      assert.equal((await b.run(row('berkas_a.pdf'))).limit, 'Default limit 800 KB, PDF.');
      assert.equal(await b.run(`document.getElementById('forget').hidden`), true);
      if (back) await back();
    });

    test('the popup links to the page (Chromium: Firefox\'s WebDriver cannot open the popup page)', { skip: name === 'firefox' }, async () => {
      await b.open(b.extensionUrl('popup/popup.html?sscasn-lang=id'));
      assert.equal(await waitFor(b, `document.getElementById('prepare').textContent`), 'Persiapan dokumen: periksa semua berkas sekaligus');
      const backFromPopup = await b.inNewTab(() => b.run(`(document.getElementById('prepare').click(), true)`));
      try {
        assert.match(await b.run('location.pathname'), /\/prepare\/prepare\.html$/);
        await waitFor(b, `document.body.dataset.ready === 'true'`, 15000, 'prepare page from the popup');
      } finally {
        await b.run('window.close()').catch(() => {});
        backFromPopup();
      }
    });
  });
}
