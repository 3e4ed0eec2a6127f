// Benchmark: the same files analysed natively (sscasn-check), in wasm (what the extension runs)
// and with pdf.js in Node (load, text of every page, annotations/signature fields). Prints
// medians in milliseconds and the wasm : pdf.js ratio, plus the shipped sizes. Figures, not tests.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIX = join(ROOT, 'tests', 'fixtures');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

// A 10 MB letter (padded) joins the corpus's largest files.
const tmp = mkdtempSync(join(tmpdir(), 'sscasn-bench-'));
const letter = readFileSync(join(FIX, 'letters/surat_lamaran_std14.pdf'));
const big = join(tmp, 'letter_10mb.pdf');
writeFileSync(big, Buffer.concat([letter, Buffer.from('\n%'), Buffer.alloc(10 * 1024 * 1024 - letter.length - 2, 0x20)]));
const FILES = [
  join(FIX, 'letters/surat_pernyataan_ttf_liberation.pdf'),
  join(FIX, 'producers/surat_pernyataan_chromium.pdf'),
  join(FIX, 'stamped/stamped_page3.pdf'),
  join(FIX, 'scans/scan_800kb.pdf'),
  big,
];

const glue = await import(pathToFileURL(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm.js')).href);
await glue.default({ module_or_path: readFileSync(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm_bg.wasm')) });
const pdfjs = await import(pathToFileURL(join(ROOT, 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.mjs')).href);
const CLI = join(ROOT, 'target', 'release', 'sscasn-check');

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

console.log(`file                                   size KB  native ms  wasm ms  pdf.js ms  pdf.js/wasm`);
for (const f of FILES) {
  const bytes = readFileSync(f);
  const native = [];
  const wasm = [];
  const pj = [];
  for (let i = 0; i < RUNS; i++) {
    native.push(
      await time(() => {
        try {
          execFileSync(CLI, ['--json', f], { stdio: 'pipe' });
        } catch (_) {
          /* exit 1 = the file is not ok: still a report */
        }
      }),
    );
    wasm.push(await time(() => glue.analyze(bytes, { doc: 'surat_lamaran', stage: 'upload' })));
    pj.push(await time(() => withPdfjs(bytes)));
  }
  const [n, w, p] = [median(native), median(wasm), median(pj)];
  console.log(`${basename(f).padEnd(38)} ${String(Math.round(statSync(f).size / 1024)).padStart(7)}  ${n.toFixed(1).padStart(9)}  ${w.toFixed(1).padStart(7)}  ${p.toFixed(1).padStart(9)}  ${(p / w).toFixed(1).padStart(10)}x`);
}
const wasmFile = join(ROOT, 'target', 'wasm-web', 'sscasn_wasm_bg.wasm');
const raw = readFileSync(wasmFile);
console.log(`\nwasm: ${Math.round(raw.length / 1024)} KB raw, ${Math.round(gzipSync(raw, { level: 9 }).length / 1024)} KB gzip`);
for (const b of ['chrome', 'firefox']) console.log(`zip ${b}: ${Math.round(statSync(join(ROOT, 'dist', `sscasn-helper-${b}.zip`)).size / 1024)} KB`);
console.log('(native includes process start-up; time to verdict in Chromium: ./build.sh demo prints it per file)');
