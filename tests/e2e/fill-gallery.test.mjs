// Issue 13 in both browsers: "Fill from profile" on form pages built with real component
// libraries (and, issue 21, a Lit page whose fields live in nested shadow roots) (tests/gallery/forms/, served under SSCASN's host name). For each page the test reads
// what the page's own code received (window.__state(): the plain page's listeners, React state,
// Vue's reactive model, antd's form store), requires ≥ 95 % of applicable fields right, checks
// that the summary names every field not filled (and the profile fields the page has no control
// for), and that the captcha, password and submit controls were never touched.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, waitFor, OUT, BROWSERS } from './browsers.mjs';
import { FIXTURES } from './server.mjs';

const SITE = 'https://daftar-sscasn.bkn.go.id';
// The same profile the saved page snapshots are planned with (tests/fixtures/forms/).
export const PROFILE = JSON.parse(readFileSync(join(FIXTURES, 'forms', 'profile.json'), 'utf8'));

const PERSON = { nik: PROFILE.nik, no_kk: PROFILE.no_kk, nama: PROFILE.nama, tempat_lahir: 'Jakarta', email: PROFILE.email, alamat: PROFILE.alamat };
const JOBS = { 'job0.perusahaan': 'PT Maju Jaya', 'job0.jabatan': 'Programmer', 'job1.perusahaan': 'CV Data Nusantara', 'job1.jabatan': 'Analis Sistem' };
const ISO_JOBS = { 'job0.mulai': '2018-01-02', 'job0.selesai': '2020-12-31', 'job1.mulai': '2021-01-04' };
const GAJI = { 'job0.gaji': '5000000', 'job1.gaji': '7500000' };
const NAMES_BY_TEXT = { instansi: 'Badan Kepegawaian Negara', jabatan: 'Pranata Komputer Ahli Pertama', lokasi: 'Kantor Pusat Jakarta' };
/** What each page's own state must hold, and profile fields it has no control for (named in the summary). */
export const PAGES = {
  'bootstrap-grid': {
    want: { ...PERSON, tanggal_lahir: '17-08-1995', jenis_kelamin: 'P', no_hp: '081234567890', instansi: 'BKN', jabatan: 'PK', lokasi: 'JKT', ...JOBS, ...ISO_JOBS, ...GAJI },
    reported: [],
  },
  table: {
    want: {
      ...PERSON, tanggal_lahir: '17/08/1995', jenis_kelamin: '2', no_hp: '+6281234567890', jenjang: 'S-1/D-IV', tahun_lulus: '2017', ipk: '3,45',
      instansi: 'BKN', jabatan: 'PK', lokasi: 'JKT', ...JOBS, 'job0.mulai': '02/01/2018', 'job0.selesai': '31/12/2020', 'job1.mulai': '04/01/2021', ...GAJI,
    },
    reported: ['Program studi / pendidikan', 'Perguruan tinggi / sekolah', 'Nomor ijazah'],
  },
  cards: {
    want: {
      ...PERSON, tanggal_lahir: '1995-08-17', jenis_kelamin: 'Perempuan', no_hp: '081234567890', instansi: '2', jabatan: '1', lokasi: '1', ...JOBS, ...ISO_JOBS, ...GAJI,
      'job0.sekarang': '', 'job1.sekarang': 'true',
    },
    reported: [],
  },
  aria: {
    want: {
      ...PERSON, tanggal_lahir: '17-08-1995', jenis_kelamin: 'P', no_hp: '+6281234567890', instansi: 'b', jabatan: 'a', lokasi: 'a', ...JOBS,
      'job0.mulai': '02/01/2018', 'job0.selesai': '31/12/2020', 'job1.mulai': '04/01/2021', ...GAJI,
    },
    reported: [],
  },
  react: {
    want: { ...PERSON, tanggal_lahir: '1995-08-17', jenis_kelamin: 'P', no_hp: '0812-3456-7890', ...NAMES_BY_TEXT, ...JOBS, ...ISO_JOBS, ...GAJI },
    reported: [],
  },
  'element-plus': {
    want: { ...PERSON, tanggal_lahir: '1995-08-17', jenis_kelamin: 'P', no_hp: '081234567890', ...NAMES_BY_TEXT, pendidikan: 'S-1 Teknik Informatika', ...JOBS, ...ISO_JOBS },
    reported: ['Pekerjaan 1: Gaji', 'Pekerjaan 2: Gaji'],
  },
  antd: {
    want: { ...PERSON, tanggal_lahir: '1995-08-17', jenis_kelamin: 'P', no_hp: '+6281234567890', ...NAMES_BY_TEXT, ...JOBS, ...ISO_JOBS, ...GAJI },
    reported: [],
  },
  // Issue 22: a "label | : | control" table, "Tempat / Tgl. Lahir" over two controls, "+62" and
  // "Rp" outside the inputs, radios and a checkbox labelled by the text right of them, an imask NIK.
  classic: {
    want: {
      ...PERSON, nik: '3171 0457 0895 0003', tanggal_lahir: '1995-08-17', jenis_kelamin: '2', no_hp: '81234567890', jenjang: 's1', pendidikan: 'Teknik Informatika',
      institusi: 'Universitas Indonesia', nomor_ijazah: 'UI-2017-001', ipk: '3,45', tahun_lulus: '2017', ...JOBS,
      'job0.mulai': '02-01-2018', 'job0.selesai': '31-12-2020', 'job1.mulai': '04-01-2021', 'job1.sekarang': 'true', ...GAJI,
    },
    state: { pendidikan: 'program_studi' },
    reported: ['formasi (3 kolom)', 'Kolom yang tidak dikenali (tidak diisi): "Agama"'],
  },
  // dt/dd, the date of birth as day / month-name / year selects, "+62" before an imask phone mask.
  era: {
    want: {
      nik: PROFILE.nik, nama: PROFILE.nama, tempat_lahir: 'Jakarta', tanggal_lahir: '1995-08-17', jenis_kelamin: 'P', no_hp: '812-3456-7890', email: PROFILE.email,
      alamat: PROFILE.alamat, jenjang: 'S-1', pendidikan: 'Teknik Informatika', ipk: '3,45', instansi: 'bkn', jabatan: 'pk', lokasi: 'jkt',
    },
    state: { pendidikan: 'program_studi' },
    reported: ['Nomor KK', 'Perguruan tinggi / sekolah', 'Nomor ijazah', 'Tahun lulus', 'riwayat pekerjaan (9 kolom)'],
  },
  // Issue 21: every field and its label inside nested open shadow roots (Lit).
  lit: {
    want: { ...PERSON, tanggal_lahir: '1995-08-17', jenis_kelamin: 'P', no_hp: '081234567890' },
    reported: [],
  },
};
/** The names the summary uses for each state key. */
const NAME = {
  nik: 'NIK', no_kk: 'Nomor KK', nama: 'Nama lengkap', tempat_lahir: 'Tempat lahir', tanggal_lahir: 'Tanggal lahir', jenis_kelamin: 'Jenis kelamin',
  no_hp: 'Nomor HP', email: 'Email', alamat: 'Alamat', instansi: 'Instansi (formasi)', jabatan: 'Jabatan (formasi)', lokasi: 'Lokasi formasi',
  pendidikan: 'Program studi / pendidikan', jenjang: 'Jenjang pendidikan', tahun_lulus: 'Tahun lulus', ipk: 'IPK',
};
/**
 * Every field of the profile by the name the summary gives it (a current job's end date is said by
 * the page's empty end date), and the section a whole-section "not on this page" names instead.
 */
const PROFILE_FIELDS = [
  ...['NIK', 'Nomor KK', 'Nama lengkap', 'Tempat lahir', 'Tanggal lahir', 'Jenis kelamin', 'Nomor HP', 'Email', 'Alamat'].map((n) => [n, 'data diri']),
  ...['Jenjang pendidikan', 'Program studi / pendidikan', 'Perguruan tinggi / sekolah', 'Nomor ijazah', 'IPK', 'Tahun lulus'].map((n) => [n, 'pendidikan']),
  ...['Instansi (formasi)', 'Lokasi formasi', 'Jabatan (formasi)'].map((n) => [n, 'formasi']),
  ...PROFILE.pekerjaan.flatMap((j, i) =>
    ['Perusahaan/instansi', 'Jabatan', 'Mulai', ...(j.sekarang ? [] : ['Selesai']), 'Gaji'].map((f) => [`Pekerjaan ${i + 1}: ${f}`, 'riwayat pekerjaan'])),
];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The profile fields a summary does not account for (filled, not accepted, to check, not on this page, empty). */
export function unaccounted(summary) {
  return PROFILE_FIELDS.filter(([name, section]) =>
    !new RegExp(`(: |, )${escape(name)}(?=[,.\n]|$)`).test(summary) && !new RegExp(`(: |, )${escape(section)} \\(\\d+ kolom\\)`).test(summary)).map(([n]) => n);
}
const nameOf = (k) => NAME[k] || k.replace(/^job(\d)\.(\w+)$/, (_, i, f) => `Pekerjaan ${+i + 1}: ${{ perusahaan: 'Perusahaan/instansi', jabatan: 'Jabatan', mulai: 'Mulai', selesai: 'Selesai', gaji: 'Gaji', sekarang: 'Masih bekerja' }[f]}`);

const profileFile = join(mkdtempSync(join(tmpdir(), 'sscasn-profile-')), 'profil.json');
writeFileSync(profileFile, JSON.stringify(PROFILE));
const fillControl = (expr) => `(() => { const f = document.querySelector('sscasn-fill'); return f && f.shadowRoot && (${expr}); })()`;
const results = [];

for (const name of BROWSERS) {
  describe(`${name}: filling form pages built with React, Vue + element-plus, antd, Bootstrap`, () => {
    const ctx = useBrowser(name);
    before(async () => {
      // The profile, as the options page stores it.
      await ctx.b.open(`${SITE}/gallery/forms/bootstrap-grid.html`);
      await waitFor(ctx.b, fillControl('true'), 15000, 'fill control');
      const back = await ctx.b.inNewTab(() => ctx.b.run(fillControl(`(f.shadowRoot.querySelector('a').click(), true)`)));
      await waitFor(ctx.b, `document.documentElement.dataset.ready === 'true'`, 15000, 'options page');
      // Saving locks the profile with a PIN by default (issue 16); it stays unlocked for this session.
      await ctx.b.run(`(document.getElementById('pin').value = document.getElementById('pin2').value = '246810', true)`);
      await ctx.b.choose('#import', profileFile);
      // Saving derives the key (1.2 M PBKDF2 rounds): tens of seconds on a busy machine.
      await waitFor(ctx.b, `document.getElementById('profile-status').textContent === 'Profile saved.'`, 60000, 'profile saved', `document.getElementById('profile-status').textContent`);
      await back();
    });

    test('every page: ≥ 95 % of applicable fields right in the page state; the summary names the rest; captcha, password, submit untouched', async () => {
      const b = ctx.b;
      const failures = [];
      for (const [page, { want, reported, state: keys = {} }] of Object.entries(PAGES)) {
        await b.open(`${SITE}/gallery/forms/${page}.html?sscasn-lang=id`);
        await waitFor(b, fillControl(`f.shadowRoot.querySelector('button.fill')`), 20000, `fill control on ${page}`);
        await b.run(fillControl(`(f.shadowRoot.querySelector('button.fill').click(), true)`));
        await waitFor(b, fillControl(`f.dataset.filled`), 60000, `filled on ${page}`);
        const summary = await b.run(fillControl(`f.shadowRoot.querySelector('.result').textContent`));
        const state = await b.run('window.__state()');
        for (const [k, pageKey] of Object.entries(keys)) state[k] = state[pageKey];
        const wrong = Object.keys(want).filter((k) => String(state[k] ?? '') !== want[k]);
        const right = Object.keys(want).length - wrong.length;
        const unnamed = wrong.filter((k) => !summary.includes(nameOf(k)));
        const notReported = reported.filter((n) => !summary.includes(n));
        const guard = await b.run('window.__guard');
        const captcha = await b.run(`[...document.querySelectorAll('[data-guard=captcha], input[type=password]')].map((e) => e.value).join('')`);
        results.push({ browser: name, page, right, applicable: Object.keys(want).length, wrong: wrong.map((k) => `${k}=${JSON.stringify(state[k])}`), reported, summary });
        if (right / Object.keys(want).length < 0.95) failures.push(`${page}: ${right}/${Object.keys(want).length} right; wrong: ${wrong.map((k) => `${k}=${JSON.stringify(state[k])} (want ${want[k]})`).join(', ')}`);
        if (unnamed.length) failures.push(`${page}: not filled and not named in the summary: ${unnamed.join(', ')}\n${summary}`);
        if (notReported.length) failures.push(`${page}: missing fields not reported: ${notReported.join(', ')}\n${summary}`);
        // The summary never hides a miss: every field of the profile is in it.
        const silent = unaccounted(summary);
        if (silent.length) failures.push(`${page}: profile fields the summary does not account for: ${silent.join(', ')}\n${summary}`);
        if (guard.touched.length || guard.submitted || captcha) failures.push(`${page}: touched ${JSON.stringify(guard)} captcha/password "${captcha}"`);
      }
      assert.deepEqual(failures, []);
    });

    test('a value the page does not keep, or a choice it does not offer, is reported as not accepted, never as filled', async () => {
      const b = ctx.b;
      await b.open(`${SITE}/gallery/forms/rejects.html?sscasn-lang=id`);
      await waitFor(b, fillControl(`f.shadowRoot.querySelector('button.fill')`), 20000, 'fill control');
      await b.run(fillControl(`(f.shadowRoot.querySelector('button.fill').click(), true)`));
      await waitFor(b, fillControl(`f.dataset.filled`), 30000, 'filled');
      const summary = await b.run(fillControl(`f.shadowRoot.querySelector('.result').textContent`));
      const lines = summary.split('\n');
      const filled = lines.find((l) => l.startsWith('Terisi'));
      const refused = lines.find((l) => l.startsWith('Tidak diterima halaman'));
      assert.match(filled, /^Terisi 3 kolom: Nama lengkap, Tempat lahir, Instansi \(formasi\)\./, summary);
      assert.ok(refused, summary);
      for (const name of ['NIK', 'Email', 'Lokasi formasi']) assert.ok(refused.includes(name), `${name} in: ${refused}`);
      const state = await b.run('window.__state()');
      assert.equal(state.nik, PROFILE.nik.slice(0, 10), 'the page kept only 10 digits');
      assert.equal(state.lokasi, undefined, 'no other location was chosen instead');
      assert.equal(await b.run(`document.querySelector('[data-k=lokasi]').value`), '');
    });
  });
}

after(() => {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'fill-gallery.json'), JSON.stringify(results, null, 1));
});
