// One file through a fresh wasm instance: prints the instance's linear memory after analysis
// (wasm memory only grows, so this is its peak) in bytes. Run by bench/run.mjs, one process per file.
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [file, mode, maxKb] = process.argv.slice(2);
const glue = await import(pathToFileURL(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm.js')).href);
const exports = await glue.default({ module_or_path: readFileSync(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm_bg.wasm')) });
const bytes = readFileSync(file);
const before = exports.memory.buffer.byteLength;
if (mode === 'fit') glue.fitFile(bytes, Number(maxKb) * 1024);
else glue.analyze(bytes, { doc: 'surat_lamaran', stage: 'upload' });
console.log(JSON.stringify({ before, after: exports.memory.buffer.byteLength }));
