// The main job: headless Chromium with the built extension on the local replica of the SSCASN
// upload page. Chooses a sample file for every row, prints each verdict, and saves screenshots
// (badges closed and opened, Indonesian and English) to tests/out/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServers, FIXTURES } from './server.mjs';
import { launch, waitFor, badgeOf, openUploadPage, OUT } from './browsers.mjs';

// The first check in a fresh browser (wasm compiled on demand) is the 800 KB scan: its time is
// the "choose a file -> verdict on screen" figure, first check included.
const SAMPLES = [
  ['#file-ijazah', 'scans/scan_800kb.pdf'],
  ['#file-surat_lamaran', 'stamped/stamped_pkcs7.pdf'],
  ['#upload_surat_pernyataan', 'stamped/stamped_then_rewritten.pdf'],
  ['#file-surat_lamaran', 'broken/photo_renamed.pdf'],
  ['#upload_transkrip', 'scans/scan_800kb.pdf'],
  ['#file-pas_foto', 'images/pas_foto_red.jpg'],
  ['#upload_ktp', 'images/photo_12mp.jpg'],
];

mkdirSync(OUT, { recursive: true });
const servers = await startServers();
const browser = await launch('chromium', servers);
try {
  for (const lang of ['id', 'en']) {
    const started = Date.now();
    await openUploadPage(browser, `https://daftar-sscasn.bkn.go.id/unggah-dokumen?sscasn-lang=${lang}`);
    console.log(`\n[${lang}] https://daftar-sscasn.bkn.go.id/unggah-dokumen`);
    for (const [selector, file] of SAMPLES) {
      const t0 = Date.now();
      await browser.choose(selector, join(FIXTURES, file));
      const v = await waitFor(browser, `(() => { const v = ${badgeOf(selector)}; return v && v.state !== 'checking' && v; })()`, 20000);
      const ms = String(Date.now() - t0).padStart(4);
      console.log(`  ${v.doc.padEnd(16)} ${file.padEnd(36)} ${ms} ms  ${v.state.toUpperCase().padEnd(7)} ${v.summary}`);
    }
    await browser.screenshot(join(OUT, `demo-${lang}-closed.png`));
    await browser.run(`(document.querySelectorAll('sscasn-verdict').forEach((b) => b.shadowRoot.querySelector('button.toggle').click()), true)`);
    await browser.screenshot(join(OUT, `demo-${lang}-open.png`));
    console.log(`  (${Date.now() - started} ms for the page and six checks)`);
  }
  console.log(`\nscreenshots: ${OUT}/demo-{id,en}-{closed,open}.png`);
} finally {
  await browser.close();
  await servers.close();
}
