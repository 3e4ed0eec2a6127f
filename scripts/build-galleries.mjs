// Builds the test galleries: pages made with the real component libraries that sites like SSCASN
// and the e-Meterai portals use (React, Vue, antd, element-plus, Bootstrap, react-select,
// react-dropzone, pdf.js viewers and viewer components, drag-and-resize and drag components, Lit web
// components), from the pinned devDependencies.
//
// Layout (committed):   tests/gallery/<area>/<page>.html        the page, loading ./<page>.js
//                        tests/gallery/<area>/<page>.entry.{js,jsx,mjs}   its script (imports npm packages)
//                        any other file in tests/gallery/ (css, json, svg) is copied as it is
// Output (ignored):      tests/out/gallery/<area>/<page>.js (+ <page>.css when the entry imports CSS)
// Served by tests/e2e/server.mjs at https://<real host>/gallery/<area>/<page>.html.
//
// Vue templates are compiled in the browser (vue's esm-bundler build), so entries need no SFC
// plugin. pdf.js workers: import `pdfjs-dist/build/pdf.worker.min.mjs?url`-style paths are not
// supported; instead, every pdfjs-dist copy in node_modules is served at /gallery-vendor/ (see
// server.mjs), or an entry may be named `*.worker.entry.mjs` to be bundled as a plain worker.
import { readdirSync, statSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// esbuild and the galleries' libraries are the tests' packages (tests/package.json, installed into
// tests/node_modules by `./build.sh test`), not the build's.
const TEST_MODULES = join(ROOT, 'tests', 'node_modules');
const { build } = createRequire(join(ROOT, 'tests', 'package.json'))('esbuild');
const SRC = join(ROOT, 'tests', 'gallery');
const OUT = join(ROOT, 'tests', 'out', 'gallery');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const ENTRY = /\.entry\.(jsx?|mjs)$/;
const files = walk(SRC);
const entries = files.filter((f) => ENTRY.test(f));
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const f of files.filter((f) => !ENTRY.test(f) && !f.endsWith('.md'))) {
  const to = join(OUT, relative(SRC, f));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(f, to);
}

const started = Date.now();
await build({
  entryPoints: Object.fromEntries(entries.map((f) => [relative(SRC, f).replace(ENTRY, ''), f])),
  outdir: OUT,
  bundle: true,
  format: 'esm',
  splitting: false,
  minify: true,
  sourcemap: false,
  target: ['chrome120', 'firefox128'],
  jsx: 'automatic',
  loader: { '.js': 'jsx', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file', '.gif': 'file' },
  alias: { vue: 'vue/dist/vue.esm-bundler.js' },
  // An alias is resolved from the working directory (the root), not the importing file.
  nodePaths: [TEST_MODULES],
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  logLevel: 'warning',
});
console.log(`galleries: ${entries.length} pages bundled into ${relative(ROOT, OUT)} in ${Date.now() - started} ms`);
