// Issue 15: stamp placement when the browser itself scales the page. Chromium: device pixel ratio 2,
// then browser zoom 150 % and 67 % (device scale factor with the CSS viewport resized accordingly), set
// through the DevTools protocol; Firefox: layout.css.devPixelsPerPx = 1.5 (what its zoom does).
// The page's own reported box must be on the signature's page and within 10 pt of the suggestion,
// and the panel must have confirmed the page by its content.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES } from './server.mjs';
import { useBrowser, waitFor, OUT, BROWSERS } from './browsers.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const LETTERS_DIR = join(HERE, '..', 'gallery', 'stamping', 'letters');
const TRUTH = JSON.parse(readFileSync(join(LETTERS_DIR, 'truth.json'), 'utf8'));
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const LETTERS = {
  p2two: { file: join(LETTERS_DIR, 'pernyataan_two_signers_page2.pdf'), page: TRUTH['pernyataan_two_signers_page2.pdf'].signature_page },
  p3: { file: join(FIXTURES, 'letters/surat_pernyataan_page3.pdf'), page: EXPECTED['letters/surat_pernyataan_page3.pdf'].signature_page },
};
const PAGES = [
  { url: 'pdfjs.html?drag=interact&nav=split&scale=0.85', letter: 'p3', lib: 'pdfjs-dist + interactjs' },
  { url: 'vue.html?mode=stacked', letter: 'p2two', lib: 'vue-pdf-embed + vue3-draggable-resizable' },
  { url: 'react.html?list=all', letter: 'p3', lib: 'react-pdf + react-rnd' },
];
const panel = (expr) => `(() => { const p = document.querySelector('sscasn-placement'); return p && !p.hidden && p.shadowRoot && (${expr}); })()`;

const SETUPS = [
  { browser: 'chromium', label: 'device pixel ratio 2', dsf: 2, width: 1100, height: 900 },
  { browser: 'chromium', label: 'browser zoom 150 %', dsf: 1.5, width: 733, height: 600 },
  { browser: 'chromium', label: 'browser zoom 67 %', dsf: 0.67, width: 1642, height: 1343, pages: 2 },
  { browser: 'firefox', label: 'devPixelsPerPx 1.5 (zoom 150 %)', extra: { prefs: { 'layout.css.devPixelsPerPx': '1.5' } } },
];

for (const name of BROWSERS) {
  describe(`${name}: stamp placement under browser scaling`, () => {
    const setups = SETUPS.filter((s) => s.browser === name);
    const ctx = useBrowser(name, undefined, setups[0].extra);
    let b;
    before(() => {
      b = ctx.b;
    });
    for (const setup of setups) {
      PAGES.slice(0, setup.pages || PAGES.length).forEach((p, i) => {
        test(`${setup.label}: ${p.lib}, ${p.letter}`, async () => {
          if (setup.dsf) {
            const cdp = await b.context.newCDPSession(b.page);
            await cdp.send('Emulation.setDeviceMetricsOverride', { width: setup.width, height: setup.height, deviceScaleFactor: setup.dsf, mobile: false });
          }
          await b.open(`https://meterai-elektronik.com/gallery/stamping/${p.url}&sscasn-lang=en`);
          const dpr = await b.run('window.devicePixelRatio');
          assert.ok(Math.abs(dpr - (setup.dsf || 1.5)) < 0.001, `the browser scales the page: ${dpr}`);
          await b.choose('#pdf', LETTERS[p.letter].file);
          await waitFor(b, `window.__gallery && window.__gallery.rendered && true`, 20000, 'the page rendered');
          await waitFor(b, panel(`p.shadowRoot.querySelector('button.place')`), 20000, 'placement panel');
          const rect = JSON.parse(await b.run(panel('p.dataset.rect')));
          await b.run(panel(`(p.shadowRoot.querySelector('button.place').click(), true)`));
          const outcome = await waitFor(b, panel('p.dataset.outcome'), 30000, 'placement outcome');
          const result = await b.run(panel(`p.shadowRoot.querySelector('.result').textContent`));
          assert.equal(outcome, 'placed', result);
          assert.equal(await b.run(panel('p.dataset.how')), 'content');
          assert.match(result, new RegExp(`^The e-Meterai was placed on page ${LETTERS[p.letter].page}`));
          const pos = await b.run('window.__placement');
          const error = Math.max(...[pos.llx, pos.lly, pos.urx, pos.ury].map((v, k) => Math.abs(v - rect[k])));
          console.log(`${name}, ${setup.label}, ${p.lib}, ${p.letter}: page ${pos.page}, error ${error.toFixed(2)} pt`);
          assert.equal(pos.page, LETTERS[p.letter].page);
          assert.ok(error <= 10, `${error} pt`);
          if (i === 0) await b.screenshot(join(OUT, `${name}-placement-scaled-${setup.dsf || 'ff'}.png`));
        });
      });
    }
  });
}
