// Writes the Chrome or Firefox manifest from the one source: Chrome runs the background as a
// service worker and rejects gecko settings; Firefox runs it as an event page (background.scripts).
import { readFileSync, writeFileSync } from 'node:fs';

const [source, browser, target] = process.argv.slice(2);
if (!source || !['chrome', 'firefox'].includes(browser) || !target) {
  console.error('usage: node variant-manifest.mjs manifest.json chrome|firefox out/manifest.json');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(source, 'utf8'));
if (browser === 'chrome') {
  delete manifest.background.scripts;
  delete manifest.browser_specific_settings;
} else {
  delete manifest.background.service_worker;
}
writeFileSync(target, JSON.stringify(manifest, null, 2) + '\n');
