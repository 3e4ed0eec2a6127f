// Issue 18: upload verdicts on pages built with real component libraries (tests/gallery/upload/),
// in both browsers, one launch per browser, looping over the gallery pages. For every row: a file
// that passes, one over the limit, a renamed file and a stamped-then-rewritten PDF, chosen through
// the page's own control (or dropped on its drop zone). Three seconds after the choice (after any
// re-render) the right verdict is shown in the right row, once, as a person sees it (not hidden,
// with a size, in the viewport, not covered); the site's handler got the file; the site's control
// kept its size and position; clicking the badge opens no file dialog. Screenshots in both languages.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureCopy } from './server.mjs';
import { useBrowser, waitFor, OUT, BROWSERS } from './browsers.mjs';

const BASE = 'https://daftar-sscasn.bkn.go.id/gallery/upload/';
const tmp = mkdtempSync(join(tmpdir(), 'sscasn-gallery-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const ROWS = ['pas_foto', 'ktp', 'ijazah', 'transkrip', 'surat_lamaran', 'surat_pernyataan'];
const IMAGE_ROWS = new Set(['pas_foto', 'ktp']);
/** The limit each row states, in KB (surat_lamaran states none: the core's default for letters). */
const LIMIT_KB = { pas_foto: 200, ktp: 200, ijazah: 512, transkrip: 800, surat_lamaran: 800, surat_pernyataan: 1024 };
/**
 * The badge's limit line: the rule as the row wrote it, with the bytes it means when not in KB; the
 * letter's row states none while the others do, so its default is not "the page states no limit".
 */
const LIMIT_LINE = {
  pas_foto: 'batas: Maks. 200 KB', ktp: 'batas: maksimal 200KB', ijazah: 'batas: maksimal 0,5 MB (512 KB)', transkrip: 'batas: Maks. 800 KB',
  surat_lamaran: 'batas 800 KB, bawaan untuk dokumen ini — baris ini tidak menyebut batas', surat_pernyataan: 'batas: maksimal 1 MB (1024 KB)',
};

const made = (src, name, padKb) => fixtureCopy(tmp, src, name, padKb);

/** The four rounds: what each row gets and the verdict a person must read. */
const ROUNDS = [
  ['passing', (row) => {
    const src = { pas_foto: 'images/pas_foto_red.jpg', ktp: 'images/pas_foto_red.jpg', ijazah: 'scans/scan_small.pdf',
      transkrip: 'letters/surat_lamaran_std14.pdf', surat_lamaran: 'stamped/stamped_pkcs7.pdf', surat_pernyataan: 'stamped/stamped_cades.pdf' }[row];
    return [made(src, `lulus_${row}${src.slice(src.lastIndexOf('.'))}`), 'ok', /^Siap diunggah\.$/];
  }],
  ['oversized', (row) => {
    if (IMAGE_ROWS.has(row)) return [made('images/photo_12mp.jpg', `foto_besar_${row}.jpg`), 'error', /^Ukuran 6536 KB melebihi batas 200 KB/];
    const kb = LIMIT_KB[row] + 100;
    return [made('letters/surat_lamaran_std14.pdf', `besar_${row}.pdf`, kb), 'error', new RegExp(`^Ukuran ${kb} KB melebihi batas ${LIMIT_KB[row]} KB`)];
  }],
  ['renamed', (row) => IMAGE_ROWS.has(row)
    ? [made('letters/surat_lamaran_std14.pdf', `pdf_dinamai_${row}.jpg`), 'error', /harus berupa gambar JPG, bukan PDF/]
    : [made('broken/photo_renamed.pdf', `jpeg_dinamai_${row}.pdf`), 'error', /sebenarnya gambar JPG, bukan PDF/]],
  ['rewritten', (row) => IMAGE_ROWS.has(row)
    ? [made('stamped/stamped_then_rewritten.pdf', `meterai_ditulis_ulang_${row}.jpg`), 'error', /harus berupa gambar JPG, bukan PDF/]
    : [made('stamped/stamped_then_rewritten.pdf', `meterai_ditulis_ulang_${row}.pdf`), 'error', /^e-Meterai rusak/]],
];

/**
 * The gallery pages and how a person hands each row a file there: 'input' (the file dialog opened
 * by a real click on the row's visible control in Chromium; in Firefox, whose WebDriver cannot
 * answer a file dialog, the file is given to the row's input), 'drop' (a DragEvent with a
 * DataTransfer onto the drop zone) or 'modal' (click the row's button, choose in its dialog).
 */
const PAGES = {
  plain: { how: () => 'input' },
  label: { how: () => 'input' },
  button: { how: () => 'input' },
  rerender: { how: () => 'input' },
  antd: { how: () => 'input' },
  dropzone: { how: (row, round) => (round % 2 ? 'drop' : 'input'), zone: '.zone' },
  elupload: { how: (row) => (ROWS.indexOf(row) >= 3 ? 'drop' : 'input'), zone: '.el-upload-dragger' },
  bootstrap: { how: () => 'input' },
  modal: { how: () => 'modal' }, // rows 1-3: the dialog closes itself; rows 4-6: verdict read in the open dialog, then closed
};
const only = process.env.GALLERY_PAGES ? process.env.GALLERY_PAGES.split(',') : Object.keys(PAGES);

const rowSel = (row) => `[data-row="${row}"]`;
/** The badges of a row: inside it, or right after it (when the row lays its parts side by side; under a table row). */
const ROW_BADGES = `(row) => { const r = document.querySelector('[data-row="' + row + '"]'); if (!r) return [];
  const list = [...r.querySelectorAll('sscasn-verdict')];
  for (let n = r.nextElementSibling; n && (n.localName === 'sscasn-verdict' || n.matches('tr[data-sscasn-row]')); n = n.nextElementSibling)
    list.push(...(n.localName === 'sscasn-verdict' ? [n] : n.querySelectorAll('sscasn-verdict')));
  return list; }`;
/** The site's control in each row (its rectangle relative to the row), with the badges shown and then hidden. */
const CONTROLS = `(() => {
  const measure = () => Object.fromEntries(window.__rows.map((row) => {
    const r = document.querySelector('[data-row="' + row + '"]');
    const c = r && r.querySelector('.el-upload-dragger, [data-control]');
    if (!c) return [row, null];
    const a = r.getBoundingClientRect(), b = c.getBoundingClientRect();
    return [row, { x: b.left - a.left, y: b.top - a.top, w: b.width, h: b.height }];
  }));
  const shown = [...document.querySelectorAll('sscasn-verdict')].filter((b) => !b.hidden);
  const withBadges = measure();
  shown.forEach((b) => { b.hidden = true; });
  const without = measure();
  shown.forEach((b) => { b.hidden = false; });
  return { withBadges, without, shown: shown.length };
})()`;

/** What a person sees of row `row`'s verdict (scrolled to the row). */
const seen = (row) => `(() => {
  const badges = (${ROW_BADGES})(${JSON.stringify(row)});
  const shown = badges.filter((b) => !b.hidden);
  const b = shown[0];
  if (!b) return { count: 0, all: badges.length, keys: badges.map((x) => x.dataset.row) };
  b.scrollIntoView({ block: 'center', behavior: 'instant' });
  const r = b.getBoundingClientRect();
  const s = b.shadowRoot;
  const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2);
  return { keys: badges.map((x) => x.dataset.row), count: shown.length, all: badges.length, state: b.dataset.state, doc: b.dataset.doc || null,
    summary: s.querySelector('.summary').textContent, file: s.querySelector('.file').textContent,
    limit: s.querySelector('.limit').textContent,
    visible: r.width > 0 && r.height > 0 && getComputedStyle(b).display !== 'none' && getComputedStyle(b).visibility !== 'hidden',
    inViewport: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
    onTop: hit === b,
    insideTrigger: !!b.parentElement.closest('label, button, a, [role=button]') };
})()`;

/** Put `f` into the page as a File built from the fixture bytes (for drops). */
const fileInPage = (f) => `(async () => {
  let bytes = new Uint8Array(await (await fetch('/fixtures/${f.src}')).arrayBuffer());
  if (${f.padKb || 0}) { const out = new Uint8Array(${(f.padKb || 0) * 1024}).fill(0x20); out.set(bytes); out.set([10, 37], bytes.length); bytes = out; }
  const type = /\\.pdf$/.test(${JSON.stringify(f.name)}) ? 'application/pdf' : 'image/jpeg';
  return new File([bytes], ${JSON.stringify(f.name)}, { type });
})()`;

async function drop(b, page, row, f) {
  const zone = `document.querySelector('${rowSel(row)} ${PAGES[page].zone}')`;
  await b.run(`(() => { window.__dropDone = window.__dropDone || {}; window.__dropDone[${JSON.stringify(row)}] = false;
    ${fileInPage(f)}.then((file) => {
      const zone = ${zone};
      zone.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = zone.getBoundingClientRect();
      const at = { bubbles: true, cancelable: true, composed: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
      const dt = new DataTransfer();
      dt.items.add(file);
      for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { ...at, dataTransfer: dt }));
      window.__dropDone[${JSON.stringify(row)}] = true;
    }); return true; })()`);
  await waitFor(b, `window.__dropDone[${JSON.stringify(row)}]`, 10000, `drop on ${row}`);
}

async function give(b, page, row, f, round) {
  const how = PAGES[page].how(row, round);
  if (how === 'drop') return drop(b, page, row, f);
  if (how === 'modal') {
    await b.run(`(document.querySelector('${rowSel(row)} [data-control]').click(), true)`);
    await waitFor(b, `document.querySelector('[role=dialog] input[type=file]')`, 5000, 'the dialog');
    await b.choose('[role=dialog] input[type=file]', f.path);
    if (ROWS.indexOf(row) >= 3) {
      // A dialog that stays open: the verdict is shown in it, where the person is, before it closes.
      const inDialog = await waitFor(b, `(() => { const v = document.querySelector('[role=dialog] sscasn-verdict');
        if (!v || v.hidden || v.dataset.state === 'checking') return false;
        const r = v.getBoundingClientRect();
        return { file: v.shadowRoot.querySelector('.file').textContent, onTop: document.elementFromPoint(r.left + 20, r.top + r.height / 2) === v }; })()`,
      20000, `the verdict in the open dialog for ${row}`);
      assert.deepEqual(inDialog, { file: f.name, onTop: true });
      await b.run(`(document.querySelector('[role=dialog] button.close').click(), true)`);
    }
    await waitFor(b, `!document.querySelector('[role=dialog]')`, 5000, 'the dialog closing');
    return;
  }
  if (b.name === 'chromium') {
    // As a person does: click the row's visible control and answer the file dialog it opens.
    const control = `${rowSel(row)} .el-upload-dragger, ${rowSel(row)} [data-control]`;
    for (let attempt = 1; ; attempt++) {
      try {
        const [chooser] = await Promise.all([b.page.waitForEvent('filechooser', { timeout: 8000 }), b.page.click(control, { timeout: 8000 })]);
        await chooser.setFiles(f.path);
        return;
      } catch (e) {
        // A person clicks again when no dialog opened; once, and it is reported.
        if (attempt === 2) throw e;
        console.log(`# ${page} ${row}: no file dialog after the first click (${e.message.split('\n')[0]}), clicking again`);
      }
    }
  }
  // Firefox's WebDriver cannot answer a native file dialog: the file goes to the row's input.
  await b.choose(`${rowSel(row)} input[type=file]`, f.path);
}

for (const name of BROWSERS) {
  describe(`${name}: upload gallery (real component libraries)`, () => {
    const ctx = useBrowser(name); // its teardown holds Node's event loop open while the browser closes
    let b;
    before(() => {
      b = ctx.b;
    });

    for (const page of only) {
      test(`${page}: four files per row, each verdict in its row, once, visible; the site got every file; its controls did not move`, async () => {
        await b.open(`${BASE}${page}.html?sscasn-lang=id`);
        await waitFor(b, `window.__rows && window.__rows.every((r) => document.querySelector('[data-row="' + r + '"] [data-control]'))`, 15000, `${page} rendered`);
        // Let the content script see the rows (its badges wait hidden) before measuring.
        await new Promise((r) => setTimeout(r, 300));
        const failures = [];
        for (let round = 0; round < ROUNDS.length; round++) {
          const [label, make] = ROUNDS[round];
          const cases = ROWS.map((row) => [row, ...make(row)]);
          for (const [row, f] of cases) await give(b, page, row, f, round);
          // The page's own later changes (a row re-rendering after "saving") are made: it counts them.
          await waitFor(b, `window.__pendingChanges === 0`, 15000, `${page} ${label}: the page's own re-renders`);
          const done = `window.__rows.every((row) => { const v = (${ROW_BADGES})(row).find((x) => !x.hidden);
            return v && v.dataset.state !== 'checking'; })`;
          await waitFor(b, done, 30000, `${page} ${label}: every verdict`).catch((e) => failures.push(e.message));
          for (const [row, f, state, summary] of cases) {
            const v = await b.run(seen(row));
            const where = `${page} ${label} ${row} (${f.name})`;
            if (v.count !== 1 || v.all !== 1) failures.push(`${where}: ${v.count} visible badges, ${v.all} in all: ${v.keys}`);
            if (!v.state) continue;
            if (v.state !== state || !summary.test(v.summary)) failures.push(`${where}: ${v.state} "${v.summary}"`);
            if (v.file !== f.name) failures.push(`${where}: the badge names "${v.file}"`);
            if (v.doc !== row) failures.push(`${where}: the badge thinks it is ${v.doc}`);
            if (!v.visible || !v.inViewport || !v.onTop) failures.push(`${where}: not seen ${JSON.stringify(v)}`);
            if (v.insideTrigger) failures.push(`${where}: the badge is inside a label, button or link`);
            if (v.limit !== LIMIT_LINE[row]) failures.push(`${where}: limit line "${v.limit}", want "${LIMIT_LINE[row]}"`);
            const got = await b.run(`window.__received[${JSON.stringify(row)}]`);
            if (!got || got.name !== f.name || got.size !== f.size) failures.push(`${where}: the site received ${JSON.stringify(got)}`);
          }
          // The site's controls where they would be without the badges (the site's own changes after a
          // choice, like a "Terpilih: …" line or a wider status column, are not ours to count).
          const { withBadges, without, shown } = await b.run(CONTROLS);
          if (shown !== ROWS.length) failures.push(`${page} ${label}: ${shown} badges shown`);
          for (const row of ROWS) {
            const [a, c] = [without[row], withBadges[row]];
            if (!a || !c) failures.push(`${page} ${label} ${row}: control missing`);
            else if (['x', 'y', 'w', 'h'].some((k) => Math.abs(a[k] - c[k]) > 1))
              failures.push(`${page} ${label} ${row}: the badge moved or resized the site's control ${JSON.stringify(a)} -> ${JSON.stringify(c)}`);
          }
          if (round === 1) await b.screenshot(join(OUT, `${name}-gallery-${page}-id.png`));
        }
        // Clicking anywhere on a badge, and its buttons, opens no file dialog.
        const clicks = await b.run(`(() => { const before = [window.__inputClicks, window.__pickerCalls];
          for (const row of window.__rows) for (const badge of (${ROW_BADGES})(row)) {
            const s = badge.shadowRoot;
            for (const el of [badge, s.querySelector('.summary'), s.querySelector('.box'), s.querySelector('button.toggle'), s.querySelector('button.toggle')]) el && el.click();
            for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) s.querySelector('.summary').dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
            s.querySelector('.summary').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
          }
          return { before, after: [window.__inputClicks, window.__pickerCalls] }; })()`);
        assert.deepEqual(clicks.after, clicks.before, `clicks on badges reached the file input: ${JSON.stringify(clicks)}`);
        if (name === 'chromium') {
          // Real mouse clicks on each badge (its text and its "Rincian" button): no file dialog opens.
          let dialogs = 0;
          const count = () => dialogs++;
          b.page.on('filechooser', count);
          try {
            for (const row of ROWS) {
              const spots = await b.run(`(() => { const v = (${ROW_BADGES})(${JSON.stringify(row)}).find((x) => !x.hidden);
                v.scrollIntoView({ block: 'center', behavior: 'instant' });
                return [v.shadowRoot.querySelector('.summary'), v.shadowRoot.querySelector('button.toggle')].map((e) => {
                  const r = e.getBoundingClientRect(); return [r.left + 5, r.top + r.height / 2]; }); })()`);
              for (const [x, y] of spots) await b.page.mouse.click(x, y);
            }
            await new Promise((r) => setTimeout(r, 300));
          } finally {
            b.page.off('filechooser', count);
          }
          const after = await b.run(`[window.__inputClicks, window.__pickerCalls]`);
          assert.deepEqual({ dialogs, after }, { dialogs: 0, after: clicks.after }, 'a real click on a badge opened the file dialog');
        }
        assert.deepEqual(failures, []);
      });
    }

    test('screenshots in English', async () => {
      for (const page of only) {
        await b.open(`${BASE}${page}.html?sscasn-lang=en`);
        await waitFor(b, `window.__rows && window.__rows.every((r) => document.querySelector('[data-row="' + r + '"] [data-control]'))`, 15000);
        await new Promise((r) => setTimeout(r, 200));
        const [, make] = ROUNDS[1];
        for (const row of ROWS) await give(b, page, row, make(row)[0], 0);
        const v = await waitFor(b, `(() => { const all = window.__rows.map((row) => (${ROW_BADGES})(row).find((x) => !x.hidden));
          return all.every((x) => x && x.dataset.state !== 'checking') && all.map((x) => x.shadowRoot.querySelector('.summary').textContent); })()`, 30000, `${page} in English`);
        assert.match(v[0], /^Size 6536 KB exceeds the 200 KB limit/);
        const limit = await b.run(`(${ROW_BADGES})('surat_lamaran').find((x) => !x.hidden).shadowRoot.querySelector('.limit').textContent`);
        assert.equal(limit, 'limit 800 KB, the usual for this document — this row states no limit');
        await b.run(`(window.scrollTo(0, 0), true)`);
        await b.screenshot(join(OUT, `${name}-gallery-${page}-en.png`));
      }
    });
  });
}
void statSync;
