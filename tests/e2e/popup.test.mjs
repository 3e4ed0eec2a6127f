// The popup's file check, outside any site, in both browsers: choose a document type and stage,
// drop in a letter, read the verdict, the suggested stamp box in PDF points and its preview.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { FIXTURES } from './server.mjs';
import { useBrowser, waitFor, OUT } from './browsers.mjs';

const verdict = `(() => { const b = document.querySelector('sscasn-verdict'); return b && !b.hidden && b.dataset.state !== 'checking' &&
  { state: b.dataset.state, summary: b.shadowRoot.querySelector('.summary').textContent }; })()`;

// Chromium only: Firefox's WebDriver refuses to navigate a tab to a moz-extension:// page, and
// its popup shares every line of code with Chromium's (the upload and placement tests cover the
// shared renderer and messaging in Firefox).
for (const name of ['chromium']) {
  describe(`${name}: popup`, () => {
    const ctx = useBrowser(name);
    let b;
    before(() => {
      b = ctx.b;
    });

    test('checks a letter before stamping and previews where the stamp goes', async () => {
      await b.open(b.extensionUrl('popup/popup.html?sscasn-lang=id'));
      await waitFor(b, `document.getElementById('doc').options.length === 8`);
      await b.run(`(() => { const d = document.getElementById('doc'); d.value = 'surat_pernyataan'; d.dispatchEvent(new Event('change')); return true; })()`);
      // A letter is checked before stamping unless the person says otherwise.
      assert.equal(await b.run(`document.getElementById('stage').value`), 'stamping');
      await b.choose('#file', join(FIXTURES, 'letters/surat_pernyataan_page3.pdf'));
      const v = await waitFor(b, verdict, 20000, 'popup verdict');
      assert.equal(v.state, 'warning', JSON.stringify(v)); // reportlab writes PDF 1.3: older than portals like
      assert.match(v.summary, /Versi PDF 1\.3 lebih lama dari 1\.6/);
      const text = await waitFor(b, `document.getElementById('preview-text').textContent`);
      assert.match(text, /^Saran: halaman 3, kiri-bawah \(\d+, \d+\), kanan-atas \(\d+, \d+\) pt$/);
      // The preview really shows something: red stamp pixels and grey text lines.
      const colours = await b.run(`(() => { const c = document.getElementById('preview'); if (c.hidden) return null;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let red = 0, grey = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i] > 150 && d[i + 1] < 80) red++; if (d[i] === 160 && d[i + 1] === 174) grey++; }
        return { red, grey, w: c.width, h: c.height }; })()`);
      assert.ok(colours && colours.red > 100 && colours.grey > 100, JSON.stringify(colours));
      await b.screenshot(join(OUT, `${name}-popup-preview-id.png`));
    });

    test('a scan without text gets the lower-right area with a low-confidence note', async () => {
      await b.open(b.extensionUrl('popup/popup.html?sscasn-lang=en'));
      await waitFor(b, `document.getElementById('doc').options.length === 8`);
      await b.choose('#file', join(FIXTURES, 'scans/scan_small.pdf'));
      await waitFor(b, verdict, 20000, 'popup verdict');
      const text = await waitFor(b, `document.getElementById('preview-text').textContent`);
      assert.match(text, /^Suggested: page 1, .* — The signature was not found/);
    });

    test('"open in a tab" opens the same checker as a page (for Firefox, whose popup closes when a file picker opens)', async () => {
      await b.open(b.extensionUrl('popup/popup.html?sscasn-lang=id'));
      const label = await waitFor(b, `document.getElementById('open-tab').textContent`);
      assert.equal(label, 'Buka di tab');
      const back = await b.inNewTab(() => b.run(`(document.getElementById('open-tab').click(), true)`));
      try {
        assert.match(await b.run('location.href'), /\/popup\/popup\.html\?tab=1$/);
        await waitFor(b, `document.getElementById('doc').options.length === 8`);
        assert.equal(await b.run(`document.getElementById('open-tab').hidden`), true, 'no link to itself');
        await b.choose('#file', join(FIXTURES, 'stamped/stamped_pkcs7.pdf'));
        const v = await waitFor(b, verdict, 20000, 'verdict in the tab');
        assert.equal(v.state, 'error'); // stamping stage by default: already stamped
      } finally {
        await b.run('window.close()').catch(() => {});
        back();
      }
    });

    test('a scan over its limit is made to fit here too, checked again and offered for download', async () => {
      await b.open(b.extensionUrl('popup/popup.html?sscasn-lang=id'));
      await waitFor(b, `document.getElementById('doc').options.length === 8`);
      await b.run(`(() => { const d = document.getElementById('doc'); d.value = 'transkrip'; d.dispatchEvent(new Event('change'));
        const s = document.getElementById('stage'); s.value = 'upload'; s.dispatchEvent(new Event('change')); return true; })()`);
      await b.choose('#file', join(FIXTURES, 'scans/scan_300dpi_colour.pdf'));
      const v = await waitFor(b, verdict, 20000, 'popup verdict');
      assert.equal(v.state, 'error');
      assert.match(v.summary, /^Ukuran 913 KB melebihi batas 500 KB/);
      const shadow = `document.querySelector('sscasn-verdict').shadowRoot`;
      await waitFor(b, `${shadow}.querySelector('button.shrink')`, 5000, 'shrink button');
      await b.run(`(${shadow}.querySelector('button.shrink').click(), true)`);
      const after = await waitFor(b, `${shadow}.querySelector('.fitted canvas')?.dataset.drawn && ${verdict}`, 60000, 'fitted verdict');
      assert.equal(after.state, 'ok', JSON.stringify(after));
      const note = await b.run(`${shadow}.querySelector('.action .note').textContent`);
      assert.match(note, /^Diperkecil di browser ini: 913 KB → \d+ KB \(1 halaman, gambar \d+ dpi\)\.$/);
      const [download] = await Promise.all([
        b.page.waitForEvent('download', { timeout: 10000 }),
        b.run(`(${shadow}.querySelector('.fitted a').click(), true)`),
      ]);
      assert.equal(download.suggestedFilename(), 'scan_300dpi_colour_kecil.pdf');
      const saved = join(OUT, `${name}-popup-fitted.pdf`);
      await download.saveAs(saved);
      const bytes = readFileSync(saved);
      assert.ok(bytes.length <= 500 * 1024 && bytes.subarray(0, 5).toString() === '%PDF-', `${bytes.length} bytes`);
    });
  });
}
