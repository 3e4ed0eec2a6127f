// Issue 7 in both browsers: the profile is imported on the options page (validated by the Rust
// core, problems shown beside the field), then SSCASN forms are filled from it with one click.
// Assertions read what the replica's own scripts received, not just DOM values, and check that
// the captcha, password fields and submit buttons were never touched.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, waitFor, BROWSERS } from './browsers.mjs';
import { FIXTURES } from './server.mjs';

const SITE = 'https://daftar-sscasn.bkn.go.id';
// The same profile the saved page snapshots are planned with (tests/fixtures/forms/).
const PROFILE = JSON.parse(readFileSync(join(FIXTURES, 'forms', 'profile.json'), 'utf8'));
const BIODATA = {
  nik: '3171045708950003', no_kk: '3171041203150007', nama: 'SITI AMINAH', tempat_lahir: 'Jakarta', jenis_kelamin: 'P',
  no_hp: '081234567890', email: 'siti.aminah@example.co.id', alamat: 'Jl. Merdeka No. 1, Jakarta Pusat',
};
const dir = mkdtempSync(join(tmpdir(), 'sscasn-profile-'));
const goodFile = join(dir, 'profil.json');
writeFileSync(goodFile, JSON.stringify(PROFILE));
const badFile = join(dir, 'profil-salah.json');
writeFileSync(badFile, JSON.stringify({ ...PROFILE, jenis_kelamin: 'L', no_kk: '12345' }));

const fillControl = (expr) => `(() => { const f = document.querySelector('sscasn-fill'); return f && f.shadowRoot && (${expr}); })()`;

for (const name of BROWSERS) {
  describe(`${name}: profile and form filling`, () => {
    const ctx = useBrowser(name);
    let b;
    before(() => {
      b = ctx.b;
    });

    async function fill(url) {
      await b.open(url);
      await waitFor(b, fillControl(`f.shadowRoot.querySelector('button.fill')`), 15000, 'fill control');
      await b.run(fillControl(`(f.shadowRoot.querySelector('button.fill').click(), true)`));
      await waitFor(b, fillControl(`f.dataset.filled`), 30000, 'filled');
      return b.run(fillControl(`f.shadowRoot.querySelector('.result').textContent`));
    }

    test('the profile is imported on the options page and validated beside each field', async () => {
      await b.open(`${SITE}/biodata?sscasn-lang=id`);
      await waitFor(b, fillControl(`f.shadowRoot.querySelector('a')`), 15000, 'fill control');
      const back = await b.inNewTab(() => b.run(fillControl(`(f.shadowRoot.querySelector('a').click(), true)`)));
      await waitFor(b, `document.documentElement.dataset.ready === 'true' && document.querySelectorAll('[data-path]').length > 10`, 15000, 'options page');
      // Saving locks the profile with a PIN by default (issue 16); it stays unlocked for this session.
      await b.run(`(document.getElementById('pin').value = document.getElementById('pin2').value = '246810', true)`);
      await b.choose('#import', badFile);
      const problem = await waitFor(b, `document.querySelector('.problem[data-for="jenis_kelamin"]').textContent`, 15000, 'validation');
      // The options page follows the browser's language (English in these headless browsers).
      assert.match(problem, /^This NIK belongs to a woman \(birth day \+ 40\), but the gender says male\.$/);
      assert.match(await b.run(`document.querySelector('.problem[data-for="no_kk"]').textContent`), /must be 16 digits/);
      assert.equal(await b.run(`document.querySelector('[data-path="jenis_kelamin"]').getAttribute('aria-invalid')`), 'true');
      await b.choose('#import', goodFile);
      await waitFor(b, `document.getElementById('profile-status').textContent === 'Profile saved.'`, 15000, 'saved');
      assert.equal(await b.run(`document.querySelector('.problem[data-for="jenis_kelamin"]').textContent`), '');
      assert.equal(await b.run(`document.querySelectorAll('.job').length`), 2);
      await back();
    });

    test('data diri is filled, and the site received the values', async () => {
      const summary = await fill(`${SITE}/biodata?sscasn-lang=id`);
      const got = await b.run('window.__replica.received');
      assert.deepEqual({ ...got, tanggal_lahir: undefined }, { ...BIODATA, tanggal_lahir: undefined });
      assert.equal(got.tanggal_lahir, '1995-08-17');
      assert.match(summary, /^Terisi 9 kolom/);
    });

    test('another markup (aria-label only, other order, renamed ids, text date) still fills', async () => {
      await fill(`${SITE}/biodata?variant=b&sscasn-lang=id`);
      const got = await b.run('window.__replica.received');
      assert.deepEqual({ ...got, tanggal_lahir: undefined }, { ...BIODATA, tanggal_lahir: undefined });
      assert.equal(got.tanggal_lahir, '17/08/1995');
    });

    test('formasi: searchable selects that load late are chosen; captcha and submit untouched', async () => {
      await fill(`${SITE}/formasi?sscasn-lang=id`);
      const got = await waitFor(b, `window.__replica.received.jabatan && window.__replica.received`, 10000, 'four selections');
      assert.deepEqual(got, { instansi: '4011', pendidikan: 'S1-TI', lokasi: 'JKT', jabatan: 'PK-AHLI' });
      assert.deepEqual(await b.run('window.__replica.touched'), []);
      assert.equal(await b.run(`document.getElementById('captcha').value`), '');
      assert.equal(await b.run('window.__replica.submitted'), false);
    });

    test('riwayat pekerjaan: a second entry is added and both are filled', async () => {
      const summary = await fill(`${SITE}/riwayat-pekerjaan?sscasn-lang=id`);
      const jobs = await b.run('window.__replica.received.pekerjaan');
      assert.deepEqual(jobs, [
        { perusahaan: 'PT Maju Jaya', jabatan: 'Programmer', tgl_mulai: '2018-01-02', tgl_selesai: '2020-12-31', gaji: '5000000' },
        { perusahaan: 'CV Data Nusantara', jabatan: 'Analis Sistem', tgl_mulai: '2021-01-04', gaji: '7500000' },
      ]);
      assert.equal(await b.run('window.__replica.submitted'), false);
      // The other sections are named as not on this page (issue 22), no job field is.
      const notFound = summary.split('\n').find((l) => l.startsWith('Tidak ditemukan')) || '';
      assert.doesNotMatch(notFound, /Pekerjaan|riwayat pekerjaan/, summary);
      assert.match(notFound, /data diri \(9 kolom\)/, summary);
    });

    test('the login page: NIK is filled, the password and captcha are not', async () => {
      await fill(`${SITE}/login?sscasn-lang=id`);
      assert.equal(await b.run(`document.getElementById('nik').value`), PROFILE.nik);
      assert.equal(await b.run(`document.getElementById('password').value`), '');
      assert.deepEqual(await b.run('window.__replica.touched'), []);
      assert.equal(await b.run('window.__replica.submitted'), false);
    });

    if (name === 'chromium') {
      // The popup's button fills the active SSCASN tab (popup opened as a second tab here).
      test('the popup fills the SSCASN form in the active tab', async () => {
        await b.open(`${SITE}/biodata?sscasn-lang=id`);
        await waitFor(b, fillControl('true'), 15000, 'page ready');
        const site = b.page;
        const popup = await b.context.newPage();
        await popup.goto(b.extensionUrl('popup/popup.html?sscasn-lang=id'));
        await site.bringToFront();
        await popup.evaluate(() => document.getElementById('fill').click());
        await popup.waitForFunction(() => document.getElementById('fill-result').textContent.length > 0);
        assert.match(await popup.evaluate(() => document.getElementById('fill-result').textContent), /^Terisi 9 kolom/);
        assert.equal((await site.evaluate(() => window.__replica.received)).nik, PROFILE.nik);
        await popup.close();
      });
    }
  });
}
