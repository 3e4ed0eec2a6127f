// Issue 16 in both browsers: the profile saved with a PIN is stored locked (the raw storage.local,
// read through the API and as files on disk, holds no NIK; the key only in storage.session); after
// a restart (a new launch on the same profile folder) filling waits for the PIN, typed in the
// extension's own page — a wrong PIN is refused and throttled — then fills the replica form; in
// shared-computer ("komputer umum") mode the profile lives in the session only and a restarted
// browser has none, and both the options page and the floating control say so. The locked export
// opens on a clean install with its PIN, and a plain profile left by an older release is kept and
// offered locking.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, waitFor, closeAll, BROWSERS } from './browsers.mjs';
import { startServers } from './server.mjs';

const SITE = 'https://daftar-sscasn.bkn.go.id';
const PIN = '246810';
const PROFILE = {
  nik: '3171045708950003', no_kk: '3171041203150007', nama: 'SITI AMINAH', tempat_lahir: 'Jakarta',
  tanggal_lahir: '1995-08-17', jenis_kelamin: 'P', no_hp: '+62 812-3456-7890', email: 'siti.aminah@example.co.id',
  alamat: 'Jl. Merdeka No. 1, Jakarta Pusat', pendidikan: {}, formasi: {}, pekerjaan: [],
};
const SECRETS = [PROFILE.nik, PROFILE.no_kk, PROFILE.nama, PROFILE.email, PROFILE.alamat];
const dir = mkdtempSync(join(tmpdir(), 'sscasn-lock-'));
const profileFile = join(dir, 'profil.json');
writeFileSync(profileFile, JSON.stringify(PROFILE));

const fillControl = (expr) => `(() => { const f = document.querySelector('sscasn-fill'); return f && f.shadowRoot && (${expr}); })()`;
/** Everything the extension holds, as text: storage.local and storage.session (run on an extension page). */
const RAW = `(async () => { const api = globalThis.browser || globalThis.chrome;
  return JSON.stringify({ local: await api.storage.local.get(null), session: await api.storage.session.get(null) }); })()`;

/** Every file under `root` (the browser profile folder), as latin1 text. */
function filesText(root) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      let st;
      try {
        st = statSync(p);
      } catch (_) {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size < 64 * 1024 * 1024) out.push({ path: p, text: readFileSync(p).toString('latin1') });
    }
  };
  walk(root);
  return out;
}

for (const name of BROWSERS) {
  describe(`${name}: the profile locked with a PIN, or kept until the browser closes`, () => {
    let servers;
    let b;
    const profileDir = mkdtempSync(join(tmpdir(), `sscasn-${name}-keep-`));
    const start = async () => {
      b = await launch(name, servers, undefined, { profileDir });
    };
    const restart = async () => {
      await b.close();
      b = null;
      await start();
    };
    before(async () => {
      servers = await startServers();
      await start();
    });
    after(async () => {
      await closeAll(b, servers);
      rmSync(profileDir, { recursive: true, force: true });
    });

    /**
     * Run `fn` on the options page, opened the way a person does (the control's "Atur profil"
     * link: Firefox's WebDriver will not navigate to a moz-extension page), then close that tab.
     */
    async function onOptions(fn, opener = `f.shadowRoot.querySelector('a')`) {
      if (opener === `f.shadowRoot.querySelector('a')`) await openSite();
      const back = await b.inNewTab(() => b.run(fillControl(`(${opener}.click(), true)`)));
      try {
        await waitFor(b, `document.getElementById('lock-state') && document.getElementById('lock-state').textContent.length > 0`, 15000, 'options page state');
        return await fn();
      } finally {
        if (b.name === 'chromium') await b.page.close();
        else await b.driver.close();
        await back();
      }
    }
    async function raw() {
      return JSON.parse(await b.run(RAW));
    }
    async function openSite() {
      await b.open(`${SITE}/biodata?sscasn-lang=id`);
      await waitFor(b, fillControl(`f.dataset.profile`), 15000, 'fill control with the profile state');
    }
    async function clickFill() {
      await b.run(fillControl(`(delete f.dataset.filled, f.shadowRoot.querySelector('button.fill').click(), true)`));
      await waitFor(b, fillControl(`f.dataset.filled`), 30000, 'fill finished');
      return b.run(fillControl(`f.shadowRoot.querySelector('.result').textContent`));
    }

    test('saved with a PIN: storage.local holds only the locked profile; the key is in storage.session only', async () => {
      await onOptions(async () => {
        assert.equal(await b.run(`document.querySelector('input[name=mode]:checked').value`), 'pin', 'a PIN lock is the default');
        await b.run(`(document.getElementById('pin').value = '12345', document.getElementById('pin2').value = '12345', true)`);
        await b.choose('#import', profileFile);
        await waitFor(b, `/at least 6/.test(document.getElementById('profile-status').textContent)`, 15000, 'the PIN rule');
        assert.deepEqual(JSON.parse(await b.run(RAW)).local, {}, 'nothing saved with a too short PIN');
        await b.run(`(document.getElementById('pin').value = document.getElementById('pin2').value = '${PIN}', true)`);
        await b.choose('#import', profileFile);
        await waitFor(b, `document.getElementById('profile-status').textContent === 'Profile saved.'`, 15000, 'saved');
        assert.match(await b.run(`document.getElementById('lock-state').textContent`), /locked with a PIN; it is open until \d\d:\d\d/);
        const { local, session } = await raw();
        const localText = JSON.stringify(local);
        for (const s of SECRETS) assert.ok(!localText.includes(s), `storage.local holds ${s}`);
        assert.ok(!localText.includes(PIN), 'the PIN is stored nowhere');
        assert.deepEqual(Object.keys(local).sort(), ['profileMode', 'profileVault']);
        assert.equal(local.profileVault.format, 'sscasn-helper-profile');
        assert.ok(local.profileVault.kdf.iterations >= 1000000);
        assert.equal(session.profileKey.bits.length, 44, 'a 256-bit key in the session');
        assert.ok(!localText.includes(session.profileKey.bits), 'the key never reaches storage.local');
      });
    });

    test('after a restart: locked, a wrong PIN is refused and throttled, the PIN typed in the extension opens it, the form fills', async () => {
      await b.close();
      b = null;
      // The profile folder on disk, as someone who copies it would read it.
      const files = filesText(profileDir);
      const leaks = files.filter((f) => SECRETS.some((s) => f.text.includes(s))).map((f) => f.path);
      assert.deepEqual(leaks, [], 'no profile field in any file of the browser profile');
      // The control: the locked blob is found, as text, where each browser keeps extension storage.
      const where = name === 'chromium' ? 'Local Extension Settings' : 'moz-extension+++';
      assert.ok(files.some((f) => f.path.includes(where) && f.text.includes('sscasn-helper-profile')), 'the vault is on disk');
      await start();
      await openSite();
      assert.equal(await b.run(fillControl(`f.dataset.profile`)), 'locked');
      const text = await clickFill();
      assert.match(text, /terkunci dengan PIN/);
      assert.equal(await b.run(fillControl(`f.dataset.filled`)), '0');
      assert.deepEqual(await b.run('window.__replica.received'), {}, 'nothing was typed into the form');
      assert.equal(await b.run(`document.getElementById('nik').value`), '');
      // The page has no PIN field: the PIN goes into the extension's own page.
      assert.equal(await b.run(fillControl(`f.shadowRoot.querySelectorAll('input').length`)), 0);
      await onOptions(async () => {
        await waitFor(b, `document.getElementById('unlock') && !document.getElementById('unlock').hidden`, 15000, 'unlock form');
        assert.equal(await b.run(`document.getElementById('editor').hidden`), true, 'the profile is not shown while locked');
        const attempt = (pin) =>
          b.run(`(document.getElementById('unlock-status').textContent = '', document.getElementById('unlock-pin').value = '${pin}', document.getElementById('unlock-button').click(), true)`);
        const status = () => waitFor(b, `document.getElementById('unlock-status').textContent`, 15000, 'unlock status');
        await attempt('135790');
        assert.match(await status(), /^Wrong PIN \(1 times in a row\)\. Try again in 1 seconds\. Nothing was deleted\.$/);
        await new Promise((r) => setTimeout(r, 1100));
        await attempt('135791');
        assert.match(await status(), /^Wrong PIN \(2 times in a row\)\. Try again in 2 seconds\./);
        // At once again, even with the right PIN: refused until the wait is over.
        await attempt(PIN);
        assert.match(await status(), /^Too many wrong PINs\. Wait [12] seconds, then try again\.$/);
        assert.equal(await b.run(`document.getElementById('editor').hidden`), true);
        await new Promise((r) => setTimeout(r, 2100));
        await attempt(PIN);
        await waitFor(b, `/open until/.test(document.getElementById('lock-state').textContent)`, 15000, 'unlocked');
        assert.equal(await b.run(`document.querySelector('[data-path="nik"]').value`), PROFILE.nik);
        const { local } = await raw();
        assert.ok(!JSON.stringify(local).includes(PROFILE.nik), 'still no NIK in storage.local');
      }, `f.shadowRoot.querySelector('button.unlock')`);
      // Back on the page, the same button fills; the control then says until when it stays open.
      const summary = await clickFill();
      assert.match(summary, /^Terisi 9 kolom/);
      assert.equal((await b.run('window.__replica.received')).nik, PROFILE.nik);
      assert.equal(await b.run(`document.getElementById('nik').value`), PROFILE.nik);
      await waitFor(b, fillControl(`f.dataset.profile === 'unlocked' && /^Profil terbuka sampai \\d\\d[.:]\\d\\d\\.$/.test(f.shadowRoot.querySelector('.note').textContent)`), 15000, 'open-until note');
    });

    /** Click `selector` on the current page and return the text of the file it downloads. */
    async function download(selector) {
      if (b.name === 'chromium') {
        const [file] = await Promise.all([b.page.waitForEvent('download', { timeout: 15000 }), b.page.click(selector)]);
        return readFileSync(await file.path(), 'utf8');
      }
      const before = new Set(readdirSync(b.downloadDir));
      await b.run(`(document.querySelector(${JSON.stringify(selector)}).click(), true)`);
      for (let i = 0; i < 150; i++) {
        const done = readdirSync(b.downloadDir).filter((f) => !before.has(f) && !f.endsWith('.part'));
        if (done.length) {
          await new Promise((r) => setTimeout(r, 200));
          return readFileSync(join(b.downloadDir, done[0]), 'utf8');
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${b.name}: no download`);
    }

    test('the locked export opens on a clean install with the same PIN; an old plain profile is offered locking', async () => {
      await onOptions(async () => {
        await waitFor(b, `/open until/.test(document.getElementById('lock-state').textContent)`, 15000, 'unlocked');
        const text = await download('#export');
        const file = JSON.parse(text);
        assert.equal(file.format, 'sscasn-helper-profile');
        for (const s of SECRETS) assert.ok(!text.includes(s), `the export holds ${s}`);
        assert.match(await b.run(`document.getElementById('profile-status').textContent`), /needs the same PIN/);
        // The plain export is there, but only behind its warning.
        assert.equal(await b.run(`document.getElementById('export-plain').disabled`), true);
        // "Another install": everything deleted, then the file imported.
        await b.run(`(document.getElementById('clear').click(), true)`);
        await waitFor(b, `document.getElementById('cleared').textContent && /No profile yet/.test(document.getElementById('lock-state').textContent)`, 15000, 'cleared');
        assert.deepEqual((await raw()).local, {});
        const exported = join(dir, `export-${name}.json`);
        writeFileSync(exported, text);
        await b.choose('#import', exported);
        await waitFor(b, `/This file is locked/.test(document.getElementById('profile-status').textContent)`, 15000, 'import asks for the PIN');
        assert.equal(await b.run(`document.getElementById('import-locked').hidden`), false);
        await b.run(`(document.getElementById('import-pin').value = '999999', document.getElementById('import-open').click(), true)`);
        await waitFor(b, `/^Wrong PIN or an altered file \\(1 times in a row\\)/.test(document.getElementById('profile-status').textContent)`, 15000, 'wrong import PIN');
        await new Promise((r) => setTimeout(r, 1100));
        await b.run(`(document.getElementById('import-pin').value = '${PIN}', document.getElementById('import-open').click(), true)`);
        await waitFor(b, `document.getElementById('profile-status').textContent === 'Profile saved.'`, 15000, 'imported and saved');
        assert.equal(await b.run(`document.querySelector('[data-path="nik"]').value`), PROFILE.nik);
        const { local } = await raw();
        assert.ok(!JSON.stringify(local).includes(PROFILE.nik));
        // Kept locked with the PIN it came with.
        await b.run(`(document.getElementById('lock-now').click(), true)`);
        await waitFor(b, `!document.getElementById('unlock').hidden`, 15000, 'locked');
        await b.run(`(document.getElementById('unlock-pin').value = '${PIN}', document.getElementById('unlock-button').click(), true)`);
        await waitFor(b, `/open until/.test(document.getElementById('lock-state').textContent)`, 15000, 'unlocked with the same PIN');

        // A profile left in plain text by an older release: still there, and locking is offered.
        await b.run(`(async () => { const api = globalThis.browser || globalThis.chrome;
          await api.storage.local.remove(['profileVault', 'profileMode']); await api.storage.session.remove('profileKey');
          await api.storage.local.set({ profile: ${JSON.stringify(PROFILE)} }); location.reload(); return true; })()`);
        await waitFor(b, `document.getElementById('lock-state') && /WITHOUT a lock/.test(document.getElementById('lock-state').textContent)`, 15000, 'plain profile offered locking');
        assert.equal(await b.run(`document.querySelector('[data-path="nik"]').value`), PROFILE.nik, 'the old profile is not lost');
        assert.equal(await b.run(`document.querySelector('input[name=mode]:checked').value`), 'pin');
        await b.run(`(document.getElementById('pin').value = document.getElementById('pin2').value = '${PIN}', document.getElementById('save').click(), true)`);
        await waitFor(b, `document.getElementById('profile-status').textContent === 'Profile saved.'`, 15000, 'locked');
        const after = await raw();
        assert.ok(!JSON.stringify(after.local).includes(PROFILE.nik), 'the plain copy is gone');
        assert.ok(after.local.profileVault);
      });
    });

    if (name === 'chromium') {
      // The popup asks for the PIN itself when the profile is locked (popup opened as a second tab).
      test('"Kunci sekarang" locks at once; the popup asks for the PIN, then fills; the key outlives a stopped worker', async () => {
        await onOptions(async () => {
          await b.run(`(document.getElementById('lock-now').click(), true)`);
          await waitFor(b, `!document.getElementById('unlock').hidden`, 15000, 'locked again');
          const { session } = await raw();
          assert.equal(session.profileKey, undefined, 'the key is forgotten');
        });
        await openSite();
        const site = b.page;
        const popup = await b.context.newPage();
        await popup.goto(b.extensionUrl('popup/popup.html?sscasn-lang=id'));
        await site.bringToFront();
        await popup.evaluate(() => document.getElementById('fill').click());
        await popup.waitForFunction(() => !document.getElementById('unlock').hidden);
        assert.equal(await popup.evaluate(() => document.getElementById('fill-result').textContent), '');
        assert.deepEqual(await site.evaluate(() => window.__replica.received), {}, 'nothing filled before the PIN');
        await popup.fill('#unlock-pin', PIN);
        await popup.evaluate(() => document.getElementById('unlock-button').click());
        await popup.waitForFunction(() => document.getElementById('fill-result').textContent.length > 0, null, { timeout: 15000 });
        assert.match(await popup.evaluate(() => document.getElementById('fill-result').textContent), /^Terisi 9 kolom/);
        assert.equal((await site.evaluate(() => window.__replica.received)).nik, PROFILE.nik);
        assert.equal(await popup.evaluate(() => document.getElementById('unlock').hidden), true);
        await popup.close();
        // Chromium stops an idle extension worker after 30 s: the key, in storage.session, outlives it.
        const cdp = await b.context.newCDPSession(b.page);
        const states = [];
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          for (const v of versions) if (v.scriptURL === b.extensionUrl('background.js')) states.push(v.runningStatus);
        });
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        for (let i = 0; i < 100 && states.at(-1) !== 'stopped'; i++) await new Promise((r) => setTimeout(r, 100));
        assert.equal(states.at(-1), 'stopped', `worker states: ${states.join(' → ')}`);
        await cdp.detach();
        await openSite();
        assert.equal(await b.run(fillControl(`f.dataset.profile`)), 'unlocked', 'still open after the worker restarted');
        assert.match(await clickFill(), /^Terisi 9 kolom/);
      });
    }

    test('komputer umum: the profile is in the session only, both UIs say so, a restarted browser has none', async () => {
      await onOptions(async () => {
        await b.run(`(document.querySelector('input[name=mode][value=session]').click(), document.getElementById('save').click(), true)`);
        await waitFor(b, `document.getElementById('profile-status').textContent === 'Profile saved.'`, 15000, 'saved for the session');
        assert.match(await b.run(`document.getElementById('lock-state').textContent`), /^Shared-computer mode: .* gone when the browser closes\.$/);
        const { local, session } = await raw();
        assert.deepEqual(Object.keys(local).sort(), ['profileMode', 'profileUnlock']);
        assert.ok(!JSON.stringify(local).includes(PROFILE.nik));
        assert.equal(session.profile.nik, PROFILE.nik);
      });
      await openSite();
      assert.match(await b.run(fillControl(`f.shadowRoot.querySelector('.note').textContent`)), /komputer umum: profil dihapus saat browser ditutup/);
      assert.match(await clickFill(), /^Terisi 9 kolom/);
      assert.equal((await b.run('window.__replica.received')).nik, PROFILE.nik);

      await restart();
      await openSite();
      assert.equal(await b.run(fillControl(`f.dataset.profile`)), 'none');
      assert.match(await b.run(fillControl(`f.shadowRoot.querySelector('.note').textContent`)), /sudah dihapus saat browser ditutup/);
      assert.match(await clickFill(), /komputer umum: profil sudah dihapus/);
      assert.deepEqual(await b.run('window.__replica.received'), {});
      await onOptions(async () => {
        assert.match(await b.run(`document.getElementById('lock-state').textContent`), /previous profile was deleted when the browser closed/);
        assert.equal(await b.run(`document.querySelector('[data-path="nik"]').value`), '');
        const after = await raw();
        assert.ok(!JSON.stringify(after).includes(PROFILE.nik), 'the profile is gone everywhere');
      });
    });
  });
}
