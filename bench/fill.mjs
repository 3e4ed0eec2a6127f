// Form filling, collect + plan (issue 13), in headless Chromium with the extension: the fill
// collector on a 60-control page (tests/gallery/forms/long.html), and the Rust core's plan for
// that snapshot through the extension's background (message round trip included). Goal ≤ 100 ms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageScript } from '../scripts/bundle-extension.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchFill(browser, root, runs) {
  const page = browser.page;
  await browser.open('https://daftar-sscasn.bkn.go.id/gallery/forms/long.html');
  await page.waitForFunction(() => window.__controls && window.__controls() >= 60, null, { timeout: 15000 });
  const collect = pageScript('lib/fill-collect.js', 'fillCollect');
  await page.evaluate(`(() => { ${collect}; window.__collect = fillCollect.collectControls; })()`);
  const profile = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'forms', 'profile.json'), 'utf8'));
  // The plan runs in the background; an extension page may message it like a content script.
  const ext = await browser.context.newPage();
  await ext.goto(browser.extensionUrl('popup/popup.html'));
  const collectMs = [];
  const planMs = [];
  let controls = 0;
  let steps = 0;
  for (let i = 0; i < runs + 1; i++) {
    const r = await page.evaluate(() => {
      const t = performance.now();
      const { snapshot } = window.__collect(document);
      return { ms: performance.now() - t, snapshot };
    });
    const p = await ext.evaluate(async ({ snapshot, profile }) => {
      const api = globalThis.browser || globalThis.chrome;
      const t = performance.now();
      const reply = await api.runtime.sendMessage({ type: 'plan-fill', snapshot, profile });
      return { ms: performance.now() - t, steps: reply && reply.ok ? reply.plan.steps.length : -1 };
    }, { snapshot: r.snapshot, profile });
    if (i === 0) continue; // the first plan also compiles the wasm
    collectMs.push(r.ms);
    planMs.push(p.ms);
    controls = r.snapshot.controls.length;
    steps = p.steps;
  }
  await ext.close();
  return { controls, steps, collect: median(collectMs), plan: median(planMs), total: median(collectMs.map((c, i) => c + planMs[i])) };
}

export function printFill(r) {
  console.log('\n5. Form filling: collect + plan on a page of 60 controls (Chromium; goal <= 100 ms)');
  console.log(`${r.controls} controls, ${r.steps} steps planned: collect ${r.collect.toFixed(1)} ms + plan ${r.plan.toFixed(1)} ms (wasm, message round trip) = ${r.total.toFixed(1)} ms (median)`);
}
