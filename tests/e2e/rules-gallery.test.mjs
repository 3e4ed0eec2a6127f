// Issue 23: the rules as a person reads them, on tests/gallery/upload/rules.html (antd), in both
// browsers, one launch each. A general notice at the top of the step governs the PDF rows that
// state nothing; a row's own statement ("— 800KB", "maks. 0,2 MB", "paling besar 500 kilobyte")
// overrides it; a table header states the pictures' limit; each badge shows the rule as the page
// wrote it with the bytes it means. Stage per control: the document's own "Unggah" beside a "PDF
// yang belum ada e-Meterai" button takes a stamped letter; a control for a file to be stamped takes
// an unstamped one and refuses a stamped one; a control that does not say which says both. The
// headline is not repeated under it, and the "rules saved" note covers nothing of the site.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureCopy } from './server.mjs';
import { useBrowser, waitFor, OUT, BROWSERS } from './browsers.mjs';

const PAGE = 'https://daftar-sscasn.bkn.go.id/gallery/upload/rules.html';
const tmp = mkdtempSync(join(tmpdir(), 'sscasn-rules-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const made = (src, name, padKb) => fixtureCopy(tmp, src, name, padKb);
const LETTER = 'letters/surat_lamaran_std14.pdf';
// PDF 1.3: checked for stamping, it draws the "older than 1.6" warning, which only that stage gives.
const UNSTAMPED = 'letters/surat_pernyataan_centre.pdf';
const NOTICE = (kb, w) => `batas ${kb} KB — ketentuan umum halaman (“${w}”)`;

/** [row, file, state, headline, limit line, where the limit came from, stage] */
const ROUNDS = [
  [
    ['transkrip', made(LETTER, 'transkrip_645.pdf', 645), 'error', /^Ukuran 645 KB melebihi batas 300 KB/, NOTICE(300, 'maksimal 300 KB'), 'notice'],
    ['ijazah', made(LETTER, 'ijazah_645.pdf', 645), 'ok', /^Siap diunggah\.$/, 'batas: 800KB', 'row'],
    ['pendukung', made(LETTER, 'sertifikat_250.pdf', 250), 'error', /^Ukuran 250 KB melebihi batas 205 KB/, 'batas: maks. 0,2 MB (205 KB)', 'row'],
    ['surat_keterangan', made(LETTER, 'sehat_450.pdf', 450), 'ok', /^Siap diunggah\.$/, 'batas: paling besar 500 kilobyte', 'row'],
    ['pas_foto', made('images/photo_12mp.jpg', 'foto_besar.jpg'), 'error', /^Ukuran 6536 KB melebihi batas 150 KB/, NOTICE(150, 'tidak melebihi 150 KB'), 'notice'],
    ['ktp', made('images/photo_12mp.jpg', 'ktp_besar.jpg'), 'error', /^Ukuran 6536 KB melebihi batas 100 KB/, 'batas: tidak melebihi 100 KB', 'row'],
    ['surat_lamaran', made('stamped/stamped_pkcs7.pdf', 'lamaran_bermeterai.pdf'), 'ok', /^Siap diunggah\.$/, 'batas: maksimal 1 MB (1024 KB)', 'row', 'stamped'],
    ['surat_pernyataan', made(UNSTAMPED, 'pernyataan_belum.pdf'), 'warning', /^Versi PDF 1\.3 lebih lama dari 1\.6/, 'batas: maksimal 1 MB (1024 KB)', 'row', 'to_be_stamped'],
    ['surat_pernyataan_5', made(UNSTAMPED, 'lima_poin_belum.pdf'), 'warning', /^Kolom ini tidak jelas meminta berkas yang sudah ber-e-Meterai atau yang akan dibubuhi\. Jika sudah ber-e-Meterai: Dokumen ini wajib ber-e-Meterai.*Jika akan dibubuhi: Versi PDF 1\.3/, null, 'row', 'unsure'],
  ],
  [
    ['surat_lamaran', made(UNSTAMPED, 'lamaran_belum.pdf'), 'error', /wajib ber-e-Meterai/, null, 'row', 'stamped'],
    ['surat_pernyataan', made('stamped/stamped_cades.pdf', 'pernyataan_sudah.pdf'), 'error', /^PDF ini sudah memiliki e-Meterai/, null, 'row', 'to_be_stamped'],
    ['surat_pernyataan_5', made('stamped/stamped_cades.pdf', 'lima_poin_sudah.pdf'), 'warning', /^Kolom ini tidak jelas.*Jika sudah ber-e-Meterai: Siap diunggah\..*Jika akan dibubuhi: PDF ini sudah memiliki e-Meterai/, null, 'row', 'unsure'],
  ],
];

const badgeOfRow = (row) => `(() => { const r = document.querySelector('[data-row="${row}"]'); if (!r) return null;
  let b = r.querySelector('sscasn-verdict');
  for (let n = r.nextElementSibling; !b && n && (n.localName === 'sscasn-verdict' || n.matches('tr[data-sscasn-row]')); n = n.nextElementSibling)
    b = n.localName === 'sscasn-verdict' ? n : n.querySelector('sscasn-verdict');
  if (!b || b.hidden) return null;
  const s = b.shadowRoot;
  return { state: b.dataset.state, from: b.dataset.limitFrom || null, stage: b.dataset.stage || null,
    file: s.querySelector('.file').textContent, summary: s.querySelector('.summary').textContent,
    limit: s.querySelector('.limit').textContent, bullets: [...s.querySelectorAll('.details li')].map((li) => li.textContent) }; })()`;

/** Whether the "rules saved" note covers anything of the site: sampled where it is, at the top and bottom of the page. */
// The note looks again at its place after each scroll or change of the page (in a frame of its
// own): what it covers is measured once it settled, up to 30 frames after the scroll.
const NOTE_COVERS = `(async () => {
  const host = document.querySelector('sscasn-rules-note');
  if (!host) return 'no note';
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const covered = () => {
    const found = [];
    const r = host.getBoundingClientRect();
    for (let i = 0; i <= 6; i++) for (let j = 0; j <= 3; j++) {
      const x = r.left + 1 + ((r.width - 2) * i) / 6, yy = r.top + 1 + ((r.height - 2) * j) / 3;
      if (yy < 0 || yy > innerHeight) continue;
      const under = document.elementsFromPoint(x, yy).find((e) => e !== host);
      if (!under || under === document.body || under === document.documentElement) continue;
      const content = under.closest('input, button, select, textarea, a, label, [role], img, svg, canvas, h1, h2, p, td, th, .ant-alert');
      if (content) found.push(content.localName + '.' + content.className + ' at ' + Math.round(x) + ',' + Math.round(yy));
    }
    return found;
  };
  const found = [];
  for (const y of [0, document.documentElement.scrollHeight]) {
    window.scrollTo(0, y);
    let here = [];
    for (let n = 0; n < 30; n++) {
      await frame();
      if (n >= 1 && !(here = covered()).length) break;
    }
    found.push(...here);
  }
  window.scrollTo(0, 0);
  return { found, docked: host.hasAttribute('data-docked'), corner: host.dataset.corner || null, rows: host.dataset.rows };
})()`;

for (const name of BROWSERS) {
  describe(`${name}: rules as the page states them`, () => {
    const ctx = useBrowser(name);
    let b;
    before(() => {
      b = ctx.b;
    });

    test('general notice, per-row overrides, limits in many forms, stage per control', async () => {
      await b.open(`${PAGE}?sscasn-lang=id`);
      await waitFor(b, `window.__rows && window.__rows.every((r) => document.querySelector('[data-row="' + r + '"] input[type=file]'))`, 15000, 'rules page rendered');
      // The note first (as a person reads the page before choosing): its place was chosen before
      // the rows grow with the chosen files and their verdicts, with nothing scrolled since.
      await waitFor(b, `(() => { const n = document.querySelector('sscasn-rules-note'); return !!n && (!!n.dataset.corner || n.hasAttribute('data-docked')); })()`, 10000, 'the rules note');
      const failures = [];
      let rows = 0;
      for (const round of ROUNDS) {
        for (const [row, f] of round) await b.choose(`[data-row="${row}"] input[type=file]`, f.path);
        for (const [row, f, state, headline, line, from, stage] of round) {
          const v = await waitFor(b, `(() => { const v = ${badgeOfRow(row)}; return v && v.state !== 'checking' && v.file === ${JSON.stringify(f.name)} && v; })()`, 30000, `verdict for ${row}`)
            .catch((e) => ({ error: e.message }));
          rows++;
          const where = `${row} (${f.name})`;
          if (v.error) {
            failures.push(`${where}: ${v.error}`);
            continue;
          }
          if (v.state !== state || !headline.test(v.summary)) failures.push(`${where}: ${v.state} "${v.summary}"`);
          if (line !== null && v.limit !== line) failures.push(`${where}: limit line "${v.limit}", want "${line}"`);
          if (v.from !== from) failures.push(`${where}: limit from ${v.from}, want ${from}`);
          if (stage && v.stage !== stage) failures.push(`${where}: stage ${v.stage}, want ${stage}`);
          if (v.bullets[0] === v.summary) failures.push(`${where}: the headline is repeated as the first bullet`);
        }
      }
      await b.screenshot(join(OUT, `${name}-gallery-rules-id.png`));
      assert.deepEqual(failures, []);
      console.log(`# ${name}: ${rows} rule rows checked`);
      // The "rules saved" note: counting the rows remembered (the control for a file to be stamped
      // is not one), and covering nothing of the site at the top or the bottom of the page.
      await b.run(`(window.__note = null, (${NOTE_COVERS}).then((r) => { window.__note = r; }), true)`);
      const note = await waitFor(b, `window.__note`, 10000, 'the note measured');
      assert.deepEqual({ found: note.found, rows: note.rows }, { found: [], rows: '7' }, JSON.stringify(note));
    });
  });
}
