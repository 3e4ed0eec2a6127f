// Real headless browsers with the built extension loaded, behind one small interface:
// open(url), choose(selector, file), run(expression), screenshot(path), close().
import { mkdtempSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { startServers } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = { chromium: join(ROOT, 'dist', 'chrome'), firefox: join(ROOT, 'dist', 'firefox') };
export const OUT = join(ROOT, 'tests', 'out');
const HOSTS = ['daftar-sscasn.bkn.go.id', 'meterai-elektronik.com'];
const GECKO_ID = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
const FIREFOX_UUID = '5c5ca5e0-0000-4000-8000-5c5ca5e00001';
/**
 * The browsers an end-to-end file runs its suites in: E2E_BROWSERS (or BROWSERS), e.g. "firefox",
 * else both. A file that loops over this list is run as one process per browser by
 * tests/e2e/run-files.mjs, side by side; a file that does not is run once, whole.
 */
export const BROWSERS = (process.env.E2E_BROWSERS || process.env.BROWSERS || 'chromium,firefox').split(',');

/**
 * Launch `name` with the built extension (or another unpacked copy of it: `dist`). `extra` is for
 * tests that need a differently configured browser: `{args}` (command-line arguments), and for
 * Firefox `{prefs}` (preferences) and `{systemAccess}` (the chrome context may be used);
 * `{profileDir}` starts the browser on that profile folder and keeps it on close (a "restart" is a
 * second launch on the same folder; the caller removes it). Without it every browser starts the
 * same way, on a fresh folder.
 */
export async function launch(name, servers, dist = DIST[name], extra = {}) {
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`build first: ${dist} is missing (./build.sh build)`);
  return name === 'chromium' ? launchChromium(servers, dist, extra) : launchFirefox(servers, dist, extra);
}

async function launchChromium({ httpsPort }, dist, { args = [], profileDir } = {}) {
  const { chromium } = await import('playwright-core');
  const profile = profileDir || mkdtempSync(join(tmpdir(), 'sscasn-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1:${httpsPort}`).join(',')}`,
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...args,
    ],
  });
  // The extension's service worker must be up before pages talk to it.
  if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker', { timeout: 15000 });
  let page = context.pages()[0] || (await context.newPage());
  const extensionId = new URL(context.serviceWorkers()[0].url()).host;
  return {
    name: 'chromium',
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    page,
    context,
    get page() {
      return page;
    },
    async open(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    /** Run `action`, which opens a tab, and continue in that tab; returns a way back. */
    async inNewTab(action) {
      const previous = page;
      const opened = context.waitForEvent('page', { timeout: 15000 });
      await action();
      page = await opened;
      await page.waitForLoadState('load');
      return () => {
        page = previous;
      };
    },
    async choose(selector, file) {
      await page.setInputFiles(selector, file);
    },
    async run(expression) {
      return page.evaluate(expression);
    },
    async screenshot(path) {
      await page.screenshot({ path, fullPage: true });
    },
    async close() {
      await context.close();
      if (!profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function launchFirefox({ proxyPort }, dist, { prefs = {}, args = [], systemAccess = false, profileDir } = {}) {
  const { Builder } = await import('selenium-webdriver');
  const firefox = await import('selenium-webdriver/firefox.js');
  // Downloads go straight to a fresh folder (tests read them from `downloadDir`).
  const downloadDir = mkdtempSync(join(tmpdir(), 'sscasn-downloads-'));
  const options = new firefox.Options()
    .addArguments('-headless')
    .setBinary(process.env.FIREFOX || '/usr/bin/firefox-esr')
    .setAcceptInsecureCerts(true)
    .setPreference('network.proxy.type', 1)
    .setPreference('network.proxy.ssl', '127.0.0.1')
    .setPreference('network.proxy.ssl_port', proxyPort)
    .setPreference('network.proxy.allow_hijacking_localhost', true)
    .setPreference('network.proxy.no_proxies_on', '')
    .setPreference('network.dns.disableIPv6', true)
    .setPreference('intl.locale.requested', 'en-US')
    // A fixed internal UUID, so tests can open the extension's own pages (popup, options).
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }))
    .setPreference('browser.download.folderList', 2)
    .setPreference('browser.download.dir', downloadDir)
    .setPreference('browser.download.useDownloadDir', true)
    .setPreference('browser.download.always_ask_before_handling_new_types', false)
    .setPreference('browser.download.start_downloads_in_tmp_dir', false)
    .setPreference('browser.download.alwaysOpenPanel', false)
    .setPreference('extensions.getAddons.cache.enabled', false)
    .setPreference('app.update.enabled', false)
    .setPreference('datareporting.policy.dataSubmissionEnabled', false)
    .setPreference('browser.safebrowsing.malware.enabled', false)
    .setPreference('browser.safebrowsing.phishing.enabled', false)
    .setPreference('network.captive-portal-service.enabled', false)
    .setPreference('network.connectivity-service.enabled', false)
    .windowSize({ width: 1100, height: 900 });
  for (const [key, value] of Object.entries(prefs)) options.setPreference(key, value);
  if (args.length) options.addArguments(...args);
  if (profileDir) {
    // geckodriver uses a -profile folder in place; the temporary add-on is removed at shutdown,
    // so its storage (and its internal UUID) must be kept for the next launch to see them.
    options.addArguments('-profile', profileDir);
    options.setPreference('extensions.webextensions.keepStorageOnUninstall', true);
    options.setPreference('extensions.webextensions.keepUuidOnUninstall', true);
  }
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER || 'geckodriver');
  // Lets a test read the browser's own state in the chrome context (e.g. the background's).
  if (systemAccess) service.addArguments('--allow-system-access');
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.installAddon(dist, true);
  return {
    name: 'firefox',
    extensionUrl: (path) => `moz-extension://${FIREFOX_UUID}/${path}`,
    extensionId: GECKO_ID,
    driver,
    downloadDir,
    async open(url) {
      await driver.get(url);
    },
    async inNewTab(action) {
      const previous = await driver.getWindowHandle();
      const before = await driver.getAllWindowHandles();
      await action();
      let handle;
      for (let i = 0; i < 150 && !handle; i++) {
        handle = (await driver.getAllWindowHandles()).find((h) => !before.includes(h));
        if (!handle) await new Promise((r) => setTimeout(r, 100));
      }
      if (!handle) throw new Error('firefox: no new tab opened');
      await driver.switchTo().window(handle);
      return () => driver.switchTo().window(previous);
    },
    async choose(selector, file) {
      const { By } = await import('selenium-webdriver');
      await driver.findElement(By.css(selector)).sendKeys(resolve(file));
    },
    async run(expression) {
      return driver.executeScript(`return (${expression});`);
    },
    async screenshot(path) {
      writeFileSync(path, Buffer.from(await driver.takeScreenshot(), 'base64'));
    },
    async close() {
      // selenium waits for geckodriver's exit on an unref'd child process: keep Node's event loop
      // up meanwhile, or node:test ends the suite with "Promise resolution is still pending".
      const keepAlive = setInterval(() => {}, 200);
      try {
        await driver.quit();
      } finally {
        clearInterval(keepAlive);
      }
      rmSync(downloadDir, { recursive: true, force: true });
    },
  };
}

/** Poll an expression in the page until it is truthy; returns its value. */
export async function waitFor(browser, expression, timeoutMs = 15000, what = expression, detail = null) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeoutMs) {
    try {
      last = await browser.run(expression);
      if (last) return last;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // What the page showed instead (e.g. a status line), so a timeout says why.
  const shown = detail ? await browser.run(detail).catch((e) => e.message) : undefined;
  throw new Error(`${browser.name}: timed out waiting for ${what} (last: ${JSON.stringify(last)}${detail ? `; shown: ${JSON.stringify(shown)}` : ''})`);
}

/** Open the replica upload page at `url` and wait for the site's late rendering of its six inputs. */
export async function openUploadPage(browser, url) {
  await browser.open(url);
  await waitFor(browser, `document.querySelectorAll('input[type=file]').length === 6`, 15000, 'inputs rendered');
}

/**
 * The verdict badge element of the row of the input matching `selector` (null until the extension
 * has put one there): right after the input, or (when the extension put it after the row's visible
 * control) the one in the smallest ancestor that holds only this input, or right after that ancestor.
 */
export function badgeElementOf(selector) {
  return `(() => {
    const input = document.querySelector(${JSON.stringify(selector)});
    let b = input && input.nextElementSibling;
    if (input && (!b || b.localName !== 'sscasn-verdict')) {
      b = null;
      for (let a = input.parentElement; a && a !== document.body && !b; a = a.parentElement) {
        if (a.querySelectorAll('input[type=file]').length > 1) break;
        b = a.querySelector('sscasn-verdict') || (a.nextElementSibling?.localName === 'sscasn-verdict' ? a.nextElementSibling : null);
      }
    }
    return b && b.localName === 'sscasn-verdict' && b.shadowRoot ? b : null;
  })()`;
}

/** The verdict badge of the row of the input matching `selector`, as plain data (see badgeElementOf). */
export function badgeOf(selector) {
  return `(() => {
    const b = ${badgeElementOf(selector)};
    if (!b) return null;
    const s = b.shadowRoot;
    return { state: b.dataset.state, lang: b.dataset.lang, doc: b.dataset.doc || null,
      summary: s.querySelector('.summary').textContent,
      // The headline's finding, then the list under it.
      codes: [...s.querySelectorAll('.summary[data-code], .details li[data-code]')].map((li) => li.dataset.code),
      details: [...s.querySelectorAll('.details li, .facts li')].map((li) => li.textContent) };
  })()`;
}

/** Choose `file` in `selector` and wait for the verdict about that very file. */
export async function verdictFor(b, selector, file) {
  const started = Date.now();
  await b.choose(selector, file);
  const name = JSON.stringify(basename(file));
  const v = await waitFor(
    b,
    `(() => { const v = ${badgeOf(selector)}; return v && v.state !== 'checking' &&
      (v.state === 'failed' || v.details.some((d) => d.includes(${name}))) && v; })()`,
    30000,
    `verdict for ${basename(file)}`,
  );
  return { ...v, ms: Date.now() - started };
}

/** Chromium: the extension worker's running status as DevTools reports it, and a way to stop it. */
export async function watchWorker(b) {
  const cdp = await b.context.newCDPSession(b.page);
  const url = b.extensionUrl('background.js');
  const states = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL === url) states.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const w = {
    states,
    async until(want, timeoutMs = 10000) {
      const start = Date.now();
      while (states.at(-1) !== want) {
        if (Date.now() - start > timeoutMs) throw new Error(`chromium: worker not ${want} (states: ${states.join(' → ')})`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return Date.now() - start;
    },
    async targets() {
      return (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'service_worker' && t.url === url);
    },
    /** Stop it, and see it stopped: DevTools says so and no worker target is left. */
    async stop() {
      const start = Date.now();
      await cdp.send('ServiceWorker.stopAllWorkers');
      await w.until('stopped');
      const left = await w.targets();
      if (left.length) throw new Error(`chromium: a running extension worker is left after stopping: ${JSON.stringify(left)}`);
      return Date.now() - start;
    },
    detach: () => cdp.detach(),
  };
  await w.until('running');
  return w;
}

/**
 * Inside a describe(): start the replica servers and `name` with the extension before the tests
 * (from `dist()` when given; `extra` as for launch), close both after. The returned object's `b` is the browser.
 */
export function useBrowser(name, dist, extra) {
  const ctx = { b: null, servers: null };
  before(async () => {
    ctx.servers = await startServers();
    ctx.b = await launch(name, ctx.servers, dist ? dist() : undefined, extra);
  });
  after(() => closeAll(ctx.b, ctx.servers));
  return ctx;
}

/** Close `browser` and then `servers` (either may be missing), for a suite's after() hook. */
export async function closeAll(browser, servers) {
  // Teardown can wait on handles that do not keep Node's event loop alive (selenium waiting for
  // geckodriver's exit; tunnelled proxy sockets): hold the loop open meanwhile, or node:test ends
  // the suite with "Promise resolution is still pending but the event loop has already resolved".
  const keepAlive = setInterval(() => {}, 200);
  try {
    await browser?.close();
    await Promise.race([servers?.close(), new Promise((r) => setTimeout(r, 10000))]);
  } finally {
    clearInterval(keepAlive);
  }
}
