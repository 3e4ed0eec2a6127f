// Benchmark (figures, not tests). In one run on the same files it prints:
//  1. analysis: native (in-process), wasm (what the extension runs) and pdf.js in Node (load, text
//     of every page, annotations and signature fields), the pdf.js : wasm ratio, and peak memory
//     (wasm linear memory of a fresh instance; native peak RSS) against 4 × file + 16 MB;
//  2. make it fit: the core (native and wasm) and the browser's canvas encoder (headless Chromium);
//  3. time from choosing a file to the verdict on screen in headless Chromium with the extension,
//     first check included;
//  4. shipped sizes.
// BENCH_RUNS (default 5) sets the repetitions; medians are printed.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, mkdtempSync, existsSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pageScript } from '../scripts/bundle-extension.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIX = join(ROOT, 'tests', 'fixtures');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const MB = 1024 * 1024;
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const kb = (n) => Math.round(n / 1024);
const pad = (v, n) => String(v).padStart(n);

const tmp = mkdtempSync(join(tmpdir(), 'sscasn-bench-'));
const letter = readFileSync(join(FIX, 'letters/surat_lamaran_std14.pdf'));
const tenMb = join(tmp, 'letter_10mb_padded.pdf');
writeFileSync(tenMb, Buffer.concat([letter, Buffer.from('\n%'), Buffer.alloc(10 * MB - letter.length - 2, 0x20)]));
/** A scanner-app PDF: one page per JPEG, each drawn over a full A4 page. */
function imagePdf(path, jpegs) {
  const parts = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0].length;
  const offsets = [];
  const add = (body) => {
    offsets.push(length);
    const head = Buffer.from(`${offsets.length} 0 obj\n`);
    const tail = Buffer.from('\nendobj\n');
    for (const b of [head, ...body, tail]) {
      parts.push(b);
      length += b.length;
    }
  };
  const n = jpegs.length;
  add([Buffer.from('<< /Type /Catalog /Pages 2 0 R >>')]);
  add([Buffer.from(`<< /Type /Pages /Count ${n} /Kids [${jpegs.map((_, i) => `${3 + i * 3} 0 R`).join(' ')}] >>`)]);
  jpegs.forEach((jpeg, i) => {
    const [w, h] = jpegSize(jpeg);
    const content = Buffer.from('q 595.28 0 0 841.89 0 0 cm /Im0 Do Q');
    add([Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /XObject << /Im0 ${4 + i * 3} 0 R >> >> /Contents ${5 + i * 3} 0 R >>`)]);
    add([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`), jpeg, Buffer.from('\nendstream')]);
    add([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]);
  });
  const xref = [`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  writeFileSync(path, Buffer.concat(parts));
  return path;
}
function jpegSize(b) {
  for (let i = 2; i + 9 < b.length; ) {
    const marker = b[i + 1];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return [b.readUInt16BE(i + 7), b.readUInt16BE(i + 5)];
    i += 2 + b.readUInt16BE(i + 2);
  }
  throw new Error('no JPEG size');
}
const photo = readFileSync(join(FIX, 'images/photo_12mp.jpg'));
const phone = readFileSync(join(FIX, 'images/phone_photo_12mp_exif6.jpg'));
const tenMbScan = imagePdf(join(tmp, 'scan_10mb_3pages.pdf'), [photo, phone, phone]);
const ANALYSIS_FILES = [
  join(FIX, 'letters/surat_pernyataan_ttf_liberation.pdf'),
  join(FIX, 'producers/surat_pernyataan_chromium.pdf'),
  join(FIX, 'stamped/stamped_page3.pdf'),
  join(FIX, 'letters/surat_lamaran_800kb.pdf'),
  join(FIX, 'scans/scan_800kb.pdf'),
  join(FIX, 'scans/scan_300dpi_colour.pdf'),
  join(FIX, 'scans/scan_flate_grey_2pages.pdf'),
  tenMbScan,
  tenMb,
];
const FIT_CASES = [
  ['images/phone_photo_12mp_exif6.jpg', 200],
  ['images/photo_12mp.jpg', 200],
  ['scans/scan_300dpi_colour.pdf', 300],
  ['scans/scan_flate_grey_2pages.pdf', 300],
];

const glue = await import(pathToFileURL(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm.js')).href);
await glue.default({ module_or_path: readFileSync(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm_bg.wasm')) });
const pdfjs = await import(pathToFileURL(join(ROOT, 'tests', 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.mjs')).href);
const CLI = join(ROOT, 'target', 'release-native', 'sscasn-check');
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

async function withPdfjs(bytes) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    await page.getTextContent();
    await page.getAnnotations();
  }
  await doc.getFieldObjects();
  await doc.destroy();
}

/** Median in-process time of the native CLI over `runs` analyses (`--time`), and its peak RSS. */
function native(args, file, runs = RUNS) {
  const run = (prefix) =>
    spawnSync(prefix[0], [...prefix.slice(1), ...args, ...Array(runs).fill(file)], { encoding: 'utf8', maxBuffer: 256 * MB });
  const r = GNU_TIME ? run([GNU_TIME, '-f', 'peak-rss-kb %M', CLI, '--time']) : run([CLI, '--time']);
  const times = [...r.stderr.matchAll(/^time-ms .* ([\d.]+)$/gm)].map((m) => Number(m[1]));
  const rss = (r.stderr.match(/peak-rss-kb (\d+)/) || [])[1];
  return { ms: median(times), rssMb: rss ? Number(rss) / 1024 : NaN };
}

/** Peak wasm linear memory of a fresh instance doing one job, in MB. */
function wasmPeak(file, mode = 'analyze', maxKb = 0) {
  const out = execFileSync(process.execPath, ['--no-warnings', join(ROOT, 'bench', 'wasm-memory.mjs'), file, mode, String(maxKb)], { encoding: 'utf8' });
  return JSON.parse(out).after / MB;
}

// Goals (issue 26): every letter >= 5x pdf.js, every scan faster than pdf.js, wasm <= 2x native.
const isScan = (f) => /scan/.test(basename(f));
const goalNote = (f, n, w, p) => {
  const missed = [];
  if (isScan(f) ? !(p > w) : !(p / w >= 5)) missed.push(isScan(f) ? 'scan slower than pdf.js' : 'letter < 5x pdf.js');
  if (!(w <= 2 * n)) missed.push('wasm > 2x native');
  return missed.length ? `  MISSED: ${missed.join(', ')}` : '  goals met';
};
// Files under 2 MB take well under a millisecond here, where a scheduler hiccup on a shared
// machine moves a median of 5 by a third: they get at least 41 runs (a fraction of a second).
const analysisRuns = (bytes) => (bytes.length < 2 * MB ? Math.max(RUNS, 41) : RUNS);
console.log(`1. Analysis, the upload verdict (median of ${RUNS}, of ${Math.max(RUNS, 41)} for files under 2 MB; the machine may be shared: noisy, compare medians)`);
console.log('   goals: letters >= 5x pdf.js, scans faster than pdf.js, wasm <= 2x native; peak memory <= 4 x file + 16 MB');
console.log('file                                size KB  native ms  wasm ms  pdf.js ms  pdf.js/wasm  wasm/native  wasm peak MB  native RSS MB  goal MB');
const missedRows = [];
for (const f of ANALYSIS_FILES) {
  const bytes = readFileSync(f);
  const wasm = [];
  const pj = [];
  // Untimed rounds first: both engines compile hot code in tiers (V8: Liftoff, then TurboFan for
  // wasm; Ignition, then optimised JS for pdf.js), so early runs measure the compiler. The optimising
  // compilers run on background threads, late on a busy 2-core machine: at least 10 rounds and
  // 1 s of each engine's work, whichever is more (the first check is section 3's figure).
  // Each engine is then timed in a block of its own runs, as the native CLI times its own (one
  // process, one file after another): runs alternating with pdf.js's measured pdf.js's garbage
  // collection and its cache misses in wasm's figures (a small letter 0.43 ms alternating, 0.16 ms
  // in its own block, here), which no person's check meets.
  for (const [runs, fn] of [
    [wasm, () => glue.analyze(bytes, { doc: 'surat_lamaran', stage: 'upload' })],
    [pj, () => withPdfjs(bytes)],
  ]) {
    for (let i = 0, spent = 0; i < 10 || spent < 1000; i++) spent += await time(fn);
    for (let i = 0; i < analysisRuns(bytes); i++) runs.push(await time(fn));
  }
  const n = native(['--json'], f, analysisRuns(bytes));
  const [w, p] = [median(wasm), median(pj)];
  const peak = wasmPeak(f);
  const goal = (4 * bytes.length) / MB + 16;
  console.log(
    `${basename(f).padEnd(35)} ${pad(kb(bytes.length), 7)}  ${pad(n.ms.toFixed(1), 9)}  ${pad(w.toFixed(1), 7)}  ${pad(p.toFixed(1), 9)}  ${pad((p / w).toFixed(1), 10)}x` +
      `  ${pad((w / n.ms).toFixed(1), 10)}x  ${pad(peak.toFixed(1), 12)}  ${pad(n.rssMb.toFixed(1), 13)}  ${pad(goal.toFixed(0), 7)}${peak > goal ? '  over' : ''}` +
      goalNote(f, n.ms, w, p),
  );
  if (goalNote(f, n.ms, w, p).includes('MISSED')) missedRows.push({ f, bytes, n: n.ms, w, p });
}
// Why a goal was missed, measured: a signed file is timed again with its signature value zeroed
// (same bytes otherwise; the CMS no longer parses, so no digest or RSA/ECDSA arithmetic runs), which
// splits its time into signature verification and the rest.
for (const r of missedRows) {
  const name = basename(r.f);
  const at = r.bytes.indexOf('/Contents <', 0, 'latin1');
  if (at < 0 || r.bytes.indexOf('/ByteRange') < 0) {
    console.log(`   why (${name}): no signature; wasm ${r.w.toFixed(2)} ms vs native ${r.n.toFixed(2)} ms is the engines' own gap on this file (parsing, layout)`);
    continue;
  }
  const unsigned = Buffer.from(r.bytes);
  for (let i = at + '/Contents <'.length; i < unsigned.length && unsigned[i] !== 0x3e; i++) unsigned[i] = 0x30;
  const copy = join(tmp, `unsigned_${name}`);
  writeFileSync(copy, unsigned);
  const ws = [];
  for (let i = 0, spent = 0; i < 10 || spent < 1000; i++) spent += await time(() => glue.analyze(unsigned, { doc: 'surat_lamaran', stage: 'upload' }));
  for (let i = 0; i < analysisRuns(unsigned); i++) ws.push(await time(() => glue.analyze(unsigned, { doc: 'surat_lamaran', stage: 'upload' })));
  const [w0, n0] = [median(ws), native(['--json'], copy, analysisRuns(unsigned)).ms];
  const [sw, sn] = [Math.max(0, r.w - w0), Math.max(0, r.n - n0)];
  console.log(`   why (${name}): verifying its signature (RSA-2048 + SHA-256) takes ${sw.toFixed(2)} ms of wasm's ${r.w.toFixed(2)} ms ` +
    `and ${sn.toFixed(2)} ms of native's ${r.n.toFixed(2)} ms;`);
  console.log('     (rsa 0.10 raises to e = 65537 through a 16-entry window: 35 Montgomery products of 2048 bits; wasm32 has no\n' +
    '     64x64->128 multiply, so crypto-bigint uses 32-bit limbs there: 4x the limb products of the 64-bit native build,\n' +
    '     whose squarings also get crypto-bigint\'s dedicated 64-bit kernel; a variable-time short-exponent path, 17 products,\n' +
    '     as Go\'s crypto/internal/bigmod has for RSA public keys, is in neither crate, and our rules exclude writing one)');
  console.log(`     without it: wasm ${w0.toFixed(2)} ms, native ${n0.toFixed(2)} ms (wasm/native ${(w0 / n0).toFixed(1)}x), pdf.js/wasm ${(r.p / w0).toFixed(1)}x ` +
    '(pdf.js verifies no signature)');
}
// The large scan: lopdf 0.47 parses (and copies) every object the cross-reference table lists
// when it loads a file (Reader::load_objects_raw; LoadOptions.filter sees an object only after it
// was parsed), so the verdict cannot read only the page tree, the signature dictionaries and the
// first page's layout. What would: a reader that parses the xref and then each object on demand
// from its offset (lazily resolved references), e.g. a lazy mode in lopdf or a crate built so.
console.log('   scans: lopdf reads every object of the file at load (no lazy mode); reading only the page tree,\n' +
  '   signature dictionaries and first page needs an on-demand object reader (xref offsets, parsed when referenced)');

// 1b. The stamping helper's page fingerprints, asked for on demand (never part of the verdict).
{
  const f = join(FIX, 'stamped/stamped_page3.pdf');
  const bytes = readFileSync(f);
  const pages = [1, 2, 3];
  for (let i = 0; i < 10; i++) glue.pageFingerprints(bytes, pages);
  const ts = [];
  for (let i = 0; i < RUNS; i++) ts.push(await time(() => glue.pageFingerprints(bytes, pages)));
  console.log(`\n1b. Stamping helper, on demand: pageFingerprints(${basename(f)}, [1, 2, 3]) in wasm: median ${median(ts).toFixed(1)} ms`);
}

console.log(`\n2. Make it fit (core: native and wasm; canvas: the browser's encoder, used for photos)`);
console.log('file                                size KB  limit KB  native ms  wasm ms  out KB  wasm peak MB  canvas ms  canvas KB');
const fitRows = [];
for (const [rel, limit] of FIT_CASES) {
  const f = join(FIX, rel);
  const bytes = readFileSync(f);
  const wasm = [];
  let out = null;
  for (let i = 0; i < Math.min(RUNS, 3); i++) wasm.push(await time(() => (out = glue.fitFile(bytes, limit * 1024))));
  const runs = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const r = spawnSync(CLI, ['--time', '--fit', join(tmp, 'fitted'), '--max-kb', String(limit), f], { encoding: 'utf8' });
    runs.push(Number((r.stderr.match(/^time-ms .* ([\d.]+)$/m) || [])[1]));
  }
  const n = { ms: median(runs) };
  fitRows.push({ rel, f, bytes, limit, n, wasm: median(wasm), outKb: kb(out.bytes.length), peak: wasmPeak(f, 'fit', limit) });
}

// Chromium: the canvas encoder on the photos, and time to verdict with the extension.
const { startServers } = await import(pathToFileURL(join(ROOT, 'tests', 'e2e', 'server.mjs')).href);
const { launch, watchWorker } = await import(pathToFileURL(join(ROOT, 'tests', 'e2e', 'browsers.mjs')).href);
const servers = await startServers();
const browser = await launch('chromium', servers);
const page = browser.page;
const verdictTimes = [];
const prepareTimes = { first: 0, warm: [] };
const { benchFill, printFill } = await import(pathToFileURL(join(ROOT, 'bench', 'fill.mjs')).href);
let fillBench = null;
try {
  await browser.open('https://daftar-sscasn.bkn.go.id/unggah-dokumen?sscasn-lang=id');
  await page.waitForFunction(() => document.querySelectorAll('sscasn-verdict').length === 6, null, { timeout: 15000 });
  // In the page: when a file input changes, and when its badge leaves "checking".
  await page.evaluate(() => {
    window.__bench = { changed: 0, verdict: 0 };
    // The choice: the first of its input and change events (the extension starts on either).
      for (const type of ['input', 'change']) document.addEventListener(type, () => (window.__bench.changed ||= performance.now()), true);
    new MutationObserver((records) => {
      for (const r of records) {
        const s = r.target.getAttribute('data-state');
        if (s && s !== 'checking' && !r.target.hidden) window.__bench.verdict = performance.now();
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
  const chooseAndTime = async (selector, file) => {
    await page.evaluate(() => (window.__bench = { changed: 0, verdict: 0 }));
    await page.setInputFiles(selector, file);
    await page.waitForFunction(() => window.__bench.verdict > window.__bench.changed && window.__bench.changed > 0, null, { timeout: 30000 });
    return page.evaluate(() => window.__bench.verdict - window.__bench.changed);
  };
  const cases = [
    ['#file-surat_lamaran', join(FIX, 'letters/surat_lamaran_800kb.pdf')],
    ['#file-ijazah', join(FIX, 'scans/scan_800kb.pdf')],
  ];
  for (const [selector, file] of cases) {
    const first = await chooseAndTime(selector, file);
    const warm = [];
    for (let i = 0; i < RUNS; i++) {
      await page.setInputFiles(selector, []);
      warm.push(await chooseAndTime(selector, file));
    }
    verdictTimes.push({ file, first, warm: median(warm) });
  }
  // After the background slept (Chromium stops an idle worker after ~30 s; stopped here through
  // DevTools): the letter chosen at once, against chosen 1 s after the click that opened the file
  // dialog (a person picking), which wakes the background so that its core compiles meanwhile.
  {
    const [selector, file] = cases[0];
    const worker = await watchWorker(browser);
    const asleep = async () => {
      await worker.stop();
      await page.setInputFiles(selector, []);
    };
    const direct = [];
    const afterClick = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      await asleep();
      direct.push(await chooseAndTime(selector, file));
      await asleep();
      await new Promise((r) => setTimeout(r, 2500)); // the content script wakes it at most every 2 s
      await page.evaluate((sel) => document.querySelector(sel).click(), selector);
      await new Promise((r) => setTimeout(r, 1000));
      afterClick.push(await chooseAndTime(selector, file));
    }
    verdictTimes.slept = { file, direct: median(direct), afterClick: median(afterClick) };
    await worker.detach();
  }
  // The replica's CSP forbids inline scripts; evaluation from the driver is not a page script.
  await page.evaluate(`(() => { ${pageScript('lib/shrink.js', 'shrink')}; globalThis.__shrink = shrink; })()`);
  for (const row of fitRows) {
    if (!row.rel.endsWith('.jpg')) continue;
    const runs = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      runs.push(
        await page.evaluate(
          async ({ b64, max }) => {
            const bin = atob(b64);
            const u8 = Uint8Array.from(bin, (c) => c.charCodeAt(0));
            const file = new File([u8], 'photo.jpg', { type: 'image/jpeg' });
            const t = performance.now();
            const out = await globalThis.__shrink.shrinkImage(document, file, max);
            return { ms: performance.now() - t, size: out.blob.size };
          },
          { b64: row.bytes.toString('base64'), max: row.limit * 1024 },
        ),
      );
    }
    row.canvas = { ms: median(runs.map((r) => r.ms)), kb: kb(runs[0].size) };
  }
  // Persiapan dokumen (issue 14): 20 different 800 KB letters chosen at once -> the whole table
  // and its summary on screen.
  const big = readFileSync(join(FIX, 'letters/surat_lamaran_800kb.pdf'));
  const set = Array.from({ length: 20 }, (_, i) => {
    const f = join(tmp, `lamaran_${String(i + 1).padStart(2, '0')}.pdf`);
    const pad = Buffer.alloc(800 * 1024 - big.length, 0x20);
    pad.write(`\n% copy ${i}\n`, 0);
    writeFileSync(f, Buffer.concat([big, pad]));
    return f;
  });
  await browser.open(browser.extensionUrl('prepare/prepare.html'));
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 15000 });
  for (let i = 0; i <= RUNS; i++) {
    await page.click('#clear');
    const t0 = Date.now();
    await page.setInputFiles('#files', set);
    await page.waitForFunction(() => document.querySelectorAll('#rows tr').length === 20 && document.body.dataset.busy === 'false' &&
      document.getElementById('summary').textContent, null, { timeout: 60000 });
    (i === 0 ? (prepareTimes.first = Date.now() - t0) : prepareTimes.warm.push(Date.now() - t0));
  }
  fillBench = await benchFill(browser, ROOT, RUNS);
} finally {
  await browser.close();
  await servers.close();
}
for (const r of fitRows) {
  console.log(
    `${basename(r.f).padEnd(35)} ${pad(kb(r.bytes.length), 7)}  ${pad(r.limit, 8)}  ${pad(r.n.ms.toFixed(0), 9)}  ${pad(r.wasm.toFixed(0), 7)}  ${pad(r.outKb, 6)}` +
      `  ${pad(r.peak.toFixed(1), 12)}  ${pad(r.canvas ? r.canvas.ms.toFixed(0) : '-', 9)}  ${pad(r.canvas ? r.canvas.kb : '-', 9)}`,
  );
}

console.log('\n3. Headless Chromium with the extension: choosing a file -> verdict on screen (goal <= 300 ms for 800 KB)');
for (const v of verdictTimes)
  console.log(`${basename(v.file).padEnd(35)} ${pad(kb(statSync(v.file).size), 7)} KB  first ${pad(v.first.toFixed(0), 4)} ms (wasm compiled on demand), then median ${v.warm.toFixed(0)} ms`);

if (verdictTimes.slept) {
  const z = verdictTimes.slept;
  console.log(`${basename(z.file).padEnd(35)} ${pad(kb(statSync(z.file).size), 7)} KB  after the background slept: chosen at once ${z.direct.toFixed(0)} ms, ` +
    `chosen 1 s after the click that opened the file dialog (which wakes it) ${z.afterClick.toFixed(0)} ms (medians)`);
}
console.log('\n3b. Persiapan dokumen in headless Chromium: 20 × 800 KB letters chosen at once -> table and summary on screen (goal <= 3000 ms)');
console.log(`first ${prepareTimes.first} ms (wasm compiled on demand), then median ${median(prepareTimes.warm)} ms`);
// 3c. The same on a low-end machine: the page's CPU throttled 6x (DevTools
// Emulation.setCPUThrottlingRate), in a fresh browser so the first check includes compiling the
// wasm. Chromium refuses to throttle workers ("Operation is only supported for pages, not
// workers"), so the background service worker running the core is not slowed: the line below also
// prints 6 x the unthrottled time as the bound when everything is 6x slower.
{
  const LETTER = join(FIX, 'letters/surat_lamaran_800kb.pdf');
  const servers = await startServers();
  const browser = await launch('chromium', servers);
  const page = browser.page;
  try {
    await browser.open('https://daftar-sscasn.bkn.go.id/unggah-dokumen?sscasn-lang=id');
    await page.waitForFunction(() => document.querySelectorAll('sscasn-verdict').length === 6, null, { timeout: 30000 });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    // From the file chosen (the change event) to the badge leaving "checking" (as in 3. above).
    await page.evaluate(() => {
      window.__bench = { changed: 0, verdict: 0 };
      // The choice: the first of its input and change events (the extension starts on either).
      for (const type of ['input', 'change']) document.addEventListener(type, () => (window.__bench.changed ||= performance.now()), true);
      new MutationObserver((records) => {
        for (const r of records) {
          const s = r.target.getAttribute('data-state');
          if (s === 'checking') window.__bench.changed ||= performance.now(); // never later than our own start
          else if (s && !r.target.hidden) window.__bench.verdict = performance.now();
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
    });
    const once = async () => {
      await page.evaluate(() => (window.__bench = { ...window.__bench, changed: 0, verdict: 0 }));
      await page.setInputFiles('#file-surat_lamaran', LETTER);
      await page.waitForFunction(() => window.__bench.verdict > window.__bench.changed && window.__bench.changed > 0, null, { timeout: 60000, polling: 50 });
      return page.evaluate(() => window.__bench.verdict - window.__bench.changed);
    };
    const first = await once();
    const warm = [];
    for (let i = 0; i < RUNS; i++) {
      await page.setInputFiles('#file-surat_lamaran', []);
      warm.push(await once());
    }
    const plain = verdictTimes.find((v) => v.file === LETTER);
    console.log(`\n3c. The same, page CPU throttled 6x (fresh browser; goal: first <= 600 ms with wasm compilation, warm <= 300 ms)`);
    console.log(`${basename(LETTER).padEnd(35)} ${pad(kb(statSync(LETTER).size), 7)} KB  first ${pad(first.toFixed(0), 4)} ms, then median ${median(warm).toFixed(0)} ms` +
      (plain ? `  (everything 6x slower would be: first ${(6 * plain.first).toFixed(0)} ms, warm ${(6 * plain.warm).toFixed(0)} ms)` : ''));
  } finally {
    await browser.close();
    await servers.close();
  }
}

const wasmFile = join(ROOT, 'target', 'wasm-web', 'sscasn_wasm_bg.wasm');
const raw = readFileSync(wasmFile);
// The previous release's wasm (main 62ff314: signature values checked by our own arithmetic),
// measured the same way; growth since is explained in the README ("What the wasm's size bought").
const PREVIOUS = { commit: '62ff314', raw: 1516866, gzip: 656758 };
const gz = gzipSync(raw, { level: 9 }).length;
console.log(`\n4. Sizes\nwasm: ${kb(raw.length)} KB raw, ${kb(gz)} KB gzip (goal 200 KB gzip)`);
console.log(`     previous release ${PREVIOUS.commit}: ${kb(PREVIOUS.raw)} KB raw, ${kb(PREVIOUS.gzip)} KB gzip -> ${gz >= PREVIOUS.gzip ? '+' : ''}${(
  (gz - PREVIOUS.gzip) / 1024
).toFixed(1)} KB gzip`);
for (const b of ['chrome', 'firefox']) console.log(`zip ${b}: ${kb(statSync(join(ROOT, 'dist', `sscasn-helper-${b}.zip`)).size)} KB`);
if (fillBench) printFill(fillBench);
rmSync(tmp, { recursive: true, force: true });

// 5. The profile lock's key derivation (issue 16): PBKDF2-SHA-256 at the core's work factor, in both browsers.
console.log('\n5. Profile PIN lock: PBKDF2-SHA-256 key derivation (goal >= 200 ms on a mid-range laptop)');
spawnSync(process.execPath, [join(ROOT, 'bench', 'pbkdf2.mjs')], { stdio: 'inherit', env: { ...process.env, PBKDF2_RUNS: String(RUNS) } });
