// Issue 6 in both browsers, on replica stamping pages under both kinds of host (an e-Meterai
// portal driven by mouse events inside a CSS-scaled, offset container; SSCASN's own dialog
// driven by pointer events), with pdf.js rendering real pages, a zoom control and page buttons:
// the helper places the stamp, the page's own drag code records it, and "Lanjutkan" reports it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './server.mjs';
import { useBrowser, waitFor, badgeOf, OUT, BROWSERS } from './browsers.mjs';

const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const PAGES = {
  portal: 'https://meterai-elektronik.com/stamping',
  sscasn: 'https://daftar-sscasn.bkn.go.id/emeterai',
};
const LETTERS = ['letters/surat_lamaran_std14.pdf', 'letters/surat_pernyataan_page3.pdf'];
const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const errors = [];

const panel = (expr) => `(() => { const p = document.querySelector('sscasn-placement'); return p && !p.hidden && p.shadowRoot && (${expr}); })()`;

for (const name of BROWSERS) {
  describe(`${name}: stamp placement`, () => {
    const ctx = useBrowser(name);
    let b;
    before(() => {
      b = ctx.b;
    });
    after(() => {
      if (errors.length) {
        const worst = Math.max(...errors.map((e) => e.error));
        const mean = errors.reduce((s, e) => s + e.error, 0) / errors.length;
        console.log(`${name}: placement error over ${errors.length} placements: mean ${mean.toFixed(2)} pt, worst ${worst.toFixed(2)} pt`);
        errors.length = 0;
      }
    });

    for (const [kind, url] of Object.entries(PAGES)) {
      for (const letter of LETTERS) {
        for (const zoom of [1, 1.5]) {
          test(`${kind}, ${letter}, zoom ${zoom}, scrolled: one click puts the stamp beside the signature`, async () => {
            await b.open(`${url}?sscasn-lang=id&zoom=${zoom}`);
            await b.choose('#pdf', join(FIXTURES, letter));
            await waitFor(b, `window.__replica.rendered && true`, 15000, 'pdf.js rendering');
            await waitFor(b, panel(`p.shadowRoot.querySelector('button.place')`), 20000, 'placement panel');
            const suggestion = { page: Number(await b.run(panel('p.dataset.page'))), rect: JSON.parse(await b.run(panel('p.dataset.rect'))) };
            await b.run(`(window.scrollTo(0, 350), true)`);
            await b.run(panel(`(p.shadowRoot.querySelector('button.place').click(), true)`));
            await waitFor(b, panel(`p.dataset.placed`), 20000, 'stamp placed');
            await b.run(`(document.getElementById('lanjutkan').click(), true)`);
            const pos = await waitFor(b, `window.__replica.position`, 5000, 'reported position');
            const got = [pos.llx, pos.lly, pos.urx, pos.ury];
            const error = Math.max(...got.map((v, i) => Math.abs(v - suggestion.rect[i])));
            errors.push({ error });
            const truth = EXPECTED[letter];
            assert.equal(pos.page, truth.signature_page, 'the stamp is on the signature page');
            assert.equal(pos.page, suggestion.page);
            assert.ok(error <= 10, `reported ${JSON.stringify(got)} vs suggested ${JSON.stringify(suggestion.rect)}: ${error} pt`);
            assert.ok(!overlap(got, truth.signature_area), `stamp ${JSON.stringify(got)} covers the signature ${JSON.stringify(truth.signature_area)}`);
            const result = await b.run(panel(`p.shadowRoot.querySelector('.result').textContent`));
            assert.match(result, new RegExp(`^e-Meterai diletakkan di halaman ${pos.page}`));
            if (zoom === 1.5 && letter.includes('page3')) {
              await b.screenshot(join(OUT, `${name}-placement-${kind}.png`));
              // The helper panel with its preview (the portal's rendering + the suggested box).
              if (b.page) await b.page.locator('sscasn-placement').screenshot({ path: join(OUT, `${name}-placement-panel-${kind}.png`) });
            }
          });
        }
      }

      test(`${kind}: a scan without text says so, offers the lower-right area, and lets the person adjust`, async () => {
        await b.open(`${url}?sscasn-lang=id`);
        await b.choose('#pdf', join(FIXTURES, 'scans/scan_small.pdf'));
        await waitFor(b, `window.__replica.rendered && true`, 15000, 'pdf.js rendering');
        const low = await waitFor(b, panel(`p.shadowRoot.querySelector('.low') && p.shadowRoot.querySelector('.low').textContent`), 20000);
        assert.match(low, /^Letak tanda tangan tidak ditemukan/);
        const rect = JSON.parse(await b.run(panel('p.dataset.rect')));
        assert.ok(rect[0] > 595.28 / 2 && rect[3] < 841.89 / 3, `lower-right: ${rect}`);
        await b.run(panel(`(p.shadowRoot.querySelector('button.place').click(), true)`));
        await waitFor(b, panel(`p.dataset.placed`), 20000, 'stamp placed');
        await b.run(`(document.getElementById('lanjutkan').click(), true)`);
        const pos = await waitFor(b, `window.__replica.position`, 5000);
        assert.ok(Math.abs(pos.llx - rect[0]) <= 10 && Math.abs(pos.lly - rect[1]) <= 10, JSON.stringify(pos));
        // The stamp stays draggable by hand: the helper does not lock it.
        assert.equal(await b.run(`getComputedStyle(document.getElementById('stamp')).cursor`), 'move');
      });

      test(`${kind}: an already-stamped PDF is stopped before a paid stamp is spent`, async () => {
        await b.open(`${url}?sscasn-lang=id`);
        await b.choose('#pdf', join(FIXTURES, 'stamped/stamped_pkcs7.pdf'));
        const v = await waitFor(b, `(() => { const v = ${badgeOf('#pdf')}; return v && v.state !== 'checking' && v; })()`, 20000);
        assert.equal(v.state, 'error');
        assert.ok(v.codes.includes('emeterai_present'));
        assert.match(v.summary, /sudah memiliki e-Meterai \(nomor seri 0N8XQ2Z7K4LM5P9RT3VW1Y\)\. Jangan dibubuhi lagi/);
        assert.equal(await b.run(`(() => { const p = document.querySelector('sscasn-placement'); return !p || p.hidden; })()`), true);
      });
    }
  });
}
