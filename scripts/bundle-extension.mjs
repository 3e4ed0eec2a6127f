// Bundles the extension's ES modules (extension/) per entry point with esbuild, into each given
// package folder (dist/chrome, dist/firefox), and prints each bundle's size.
//
//   node scripts/bundle-extension.mjs dist/chrome dist/firefox
//
// The background is an ES module (Chrome: a module service worker; Firefox: an event page whose
// scripts are modules) that keeps importing the wasm-bindgen glue (./wasm/sscasn_wasm.js, copied
// next to it by build.sh). Content scripts cannot be modules, and extension pages need no module
// loader: those are self-contained IIFE bundles. Nothing is minified (store reviewers read it).
import { build, buildSync } from 'esbuild';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTENSION = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'extension');

/** Every entry point: its source (relative to extension/), also where its bundle goes in a package. */
export const ENTRIES = [
  { path: 'background.js', format: 'esm' },
  { path: 'content/sscasn.js', format: 'iife' },
  { path: 'content/stamping.js', format: 'iife' },
  { path: 'popup/popup.js', format: 'iife' },
  { path: 'options/options.js', format: 'iife' },
  { path: 'prepare/prepare.js', format: 'iife' },
];

/** esbuild options for one entry; `contents` replaces the entry's source (tests patch the background). */
export function optionsFor(entry, contents) {
  const common = {
    bundle: true,
    write: false,
    format: entry.format,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'error',
    // The wasm-bindgen glue is a build output, next to the background in the package.
    external: ['./wasm/*'],
  };
  if (contents === undefined) return { ...common, entryPoints: [join(EXTENSION, entry.path)] };
  return { ...common, stdin: { contents, resolveDir: dirname(join(EXTENSION, entry.path)), sourcefile: entry.path, loader: 'js' } };
}

/** The bundle of one entry, as text. */
export async function bundle(entry, contents) {
  const result = await build(optionsFor(entry, contents));
  return result.outputFiles[0].text;
}

/** The same, synchronously (tests build a patched copy of a bundle while setting up). */
export function bundleSync(entry, contents) {
  return buildSync(optionsFor(entry, contents)).outputFiles[0].text;
}

/**
 * One module of extension/ (e.g. 'lib/fill-collect.js') with what it imports, as a script that
 * defines `globalName` (its exports) when evaluated in a page: benchmarks and snapshot scripts
 * run one part of the extension in a page without loading the extension.
 */
export function pageScript(path, globalName) {
  return buildSync({ entryPoints: [join(EXTENSION, path)], bundle: true, write: false, format: 'iife', globalName, charset: 'utf8', logLevel: 'error' })
    .outputFiles[0].text;
}

async function main(targets) {
  if (!targets.length) {
    console.error('usage: node scripts/bundle-extension.mjs <package folder>…');
    process.exit(2);
  }
  const sizes = [];
  for (const entry of ENTRIES) {
    const text = await bundle(entry);
    for (const target of targets) {
      const out = join(target, entry.path);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
    }
    sizes.push([entry.path, entry.format, statSync(join(targets[0], entry.path)).size]);
  }
  console.log('bundles (esbuild, one per entry point):');
  for (const [path, format, size] of sizes) console.log(`  ${path.padEnd(22)} ${format.padEnd(4)} ${(size / 1024).toFixed(1).padStart(6)} KB`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
