// Saves what the fill collector (extension/lib/fill-collect.js) sees on each form page — the
// gallery pages (tests/gallery/forms/) and the SSCASN replicas — as JSON snapshots in
// tests/fixtures/forms/, the input of the core's native plan tests (crate/core/tests/fill_plans.rs)
// and of `sscasn-check --plan-fill`. Needs the built extension and galleries:
//   ./build.sh build && node scripts/build-galleries.mjs && node scripts/save-form-snapshots.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageScript } from './bundle-extension.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { startServers } = await import(join(ROOT, 'tests', 'e2e', 'server.mjs'));
const { launch, waitFor } = await import(join(ROOT, 'tests', 'e2e', 'browsers.mjs'));
const SITE = 'https://daftar-sscasn.bkn.go.id';
const PAGES = {
  'grid-bootstrap': '/gallery/forms/bootstrap-grid.html',
  'table-layout': '/gallery/forms/table.html',
  'cards-labels-above': '/gallery/forms/cards.html',
  'aria-only': '/gallery/forms/aria.html',
  'react-select-async': '/gallery/forms/react.html',
  'element-plus-form': '/gallery/forms/element-plus.html',
  'antd-form': '/gallery/forms/antd.html',
  'long-60-controls': '/gallery/forms/long.html',
  'colon-table': '/gallery/forms/classic.html',
  'dl-split-date': '/gallery/forms/era.html',
  'replica-biodata': '/biodata',
  'replica-biodata-variant-b': '/biodata?variant=b',
  'replica-formasi': '/formasi',
  'replica-riwayat': '/riwayat-pekerjaan',
  'replica-login': '/login',
};
const collect = pageScript('lib/fill-collect.js', 'fillCollect');
const servers = await startServers();
const b = await launch('chromium', servers);
try {
  // Names on the command line: save only those pages.
  const only = process.argv.slice(2);
  for (const [name, path] of Object.entries(PAGES).filter(([n]) => !only.length || only.includes(n))) {
    await b.open(SITE + path);
    await waitFor(b, `document.querySelectorAll('input, select').length >= 3`, 15000, `${name} rendered`);
    await new Promise((r) => setTimeout(r, 300));
    // In the page (not the content script's world): the same code, the same DOM.
    const snapshot = await b.run(`(() => { ${collect}; return fillCollect.collectControls(document).snapshot; })()`);
    snapshot.url = SITE + path;
    writeFileSync(join(ROOT, 'tests', 'fixtures', 'forms', `${name}.snapshot.json`), JSON.stringify(snapshot, null, 1) + '\n');
    console.log(`${name}: ${snapshot.controls.length} controls`);
  }
} finally {
  await b.close();
  await servers.close();
}
