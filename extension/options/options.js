// Settings kept only in storage.local: the language and the applicant's profile (validated by the
// Rust core in the background), with JSON export/import and "delete all data". No sync, no network.
(async function () {
  'use strict';
  const NS = globalThis.SSCASN;
  const store = NS.api.storage.local;
  const { settings, t } = await NS.localizePage(document);
  const $ = (id) => document.getElementById(id);

  const select = $('lang');
  select.value = settings.lang || 'auto';
  select.addEventListener('change', async () => {
    await store.set({ lang: select.value });
    $('saved').textContent = t('optionsSaved');
  });

  // [path, label key, input type]
  const PERSON = [['nik', 'pfNik', 'text'], ['no_kk', 'pfKk', 'text'], ['nama', 'pfNama', 'text'], ['tempat_lahir', 'pfTempatLahir', 'text'],
    ['tanggal_lahir', 'pfTanggalLahir', 'date'], ['jenis_kelamin', 'pfJenisKelamin', 'select'], ['no_hp', 'pfHp', 'tel'],
    ['email', 'pfEmail', 'email'], ['alamat', 'pfAlamat', 'text']];
  const EDUCATION = [['pendidikan.jenjang', 'pfJenjang', 'text'], ['pendidikan.program_studi', 'pfProdi', 'text'],
    ['pendidikan.institusi', 'pfInstitusi', 'text'], ['pendidikan.nomor_ijazah', 'pfNoIjazah', 'text'],
    ['pendidikan.ipk', 'pfIpk', 'text'], ['pendidikan.tahun_lulus', 'pfTahunLulus', 'text']];
  const FORMASI = [['formasi.instansi', 'pfInstansi', 'text'], ['formasi.lokasi', 'pfLokasi', 'text'], ['formasi.jabatan', 'pfJabatanFormasi', 'text']];
  const JOB = [['perusahaan', 'pfPerusahaan', 'text'], ['jabatan', 'pfJabatan', 'text'], ['mulai', 'pfMulai', 'date'],
    ['selesai', 'pfSelesai', 'date'], ['sekarang', 'pfSekarang', 'checkbox'], ['gaji', 'pfGaji', 'text']];

  function field(path, key, type) {
    const label = document.createElement('label');
    const text = document.createElement('span');
    text.textContent = t(key);
    let input;
    if (type === 'select') {
      input = document.createElement('select');
      for (const [v, k] of [['', 'pfChoose'], ['L', 'pfMale'], ['P', 'pfFemale']]) input.append(new Option(t(k), v));
    } else {
      input = document.createElement('input');
      input.type = type;
    }
    input.dataset.path = path;
    const problem = document.createElement('span');
    problem.className = 'problem';
    problem.dataset.for = path;
    label.append(text, input, problem);
    return label;
  }
  PERSON.forEach(([p, k, ty]) => $('fields').append(field(p, k, ty)));
  EDUCATION.forEach(([p, k, ty]) => $('education').append(field(p, k, ty)));
  FORMASI.forEach(([p, k, ty]) => $('formasi').append(field(p, k, ty)));

  function addJob(job = {}) {
    const i = $('jobs').children.length;
    const box = document.createElement('div');
    box.className = 'job';
    for (const [k, key, ty] of JOB) {
      const f = field(`pekerjaan.${i}.${k}`, key, ty);
      const input = f.querySelector('input');
      if (ty === 'checkbox') input.checked = !!job[k];
      else input.value = job[k] || '';
      box.append(f);
    }
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = t('profileRemoveJob');
    remove.addEventListener('click', () => {
      const jobs = read().pekerjaan;
      jobs.splice(i, 1);
      renderJobs(jobs);
    });
    box.append(remove);
    $('jobs').append(box);
  }
  function renderJobs(jobs) {
    $('jobs').replaceChildren();
    jobs.forEach(addJob);
  }
  $('add-job').addEventListener('click', () => addJob());

  function read() {
    const profile = { pendidikan: {}, formasi: {}, pekerjaan: [] };
    document.querySelectorAll('#profile [data-path]').forEach((input) => {
      const parts = input.dataset.path.split('.');
      const value = input.type === 'checkbox' ? input.checked : input.value.trim();
      if (parts[0] === 'pekerjaan') {
        const i = Number(parts[1]);
        profile.pekerjaan[i] = profile.pekerjaan[i] || {};
        profile.pekerjaan[i][parts[2]] = value;
      } else if (parts.length === 2) profile[parts[0]][parts[1]] = value;
      else profile[parts[0]] = value;
    });
    return profile;
  }
  function write(profile) {
    const p = profile || {};
    document.querySelectorAll('#profile [data-path]').forEach((input) => {
      if (input.dataset.path.startsWith('pekerjaan.')) return;
      const value = input.dataset.path.split('.').reduce((o, k) => (o ? o[k] : undefined), p);
      input.value = value == null ? '' : String(value);
    });
    renderJobs(Array.isArray(p.pekerjaan) ? p.pekerjaan : []);
  }
  async function validate(profile) {
    document.querySelectorAll('.problem').forEach((s) => (s.textContent = ''));
    document.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
    const reply = await NS.sendMessage({ type: 'validate-profile', profile });
    const problems = reply && reply.ok ? reply.problems : [];
    for (const pr of problems) {
      const span = document.querySelector(`.problem[data-for="${CSS.escape(pr.field)}"]`);
      const input = document.querySelector(`[data-path="${CSS.escape(pr.field)}"]`);
      if (span) span.textContent = settings.lang === 'en' || document.documentElement.lang === 'en' ? pr.message.en : pr.message.id;
      if (input) input.setAttribute('aria-invalid', 'true');
    }
    return problems;
  }
  async function save(profile) {
    await store.set({ profile });
    const problems = await validate(profile);
    $('profile-status').textContent = problems.length ? t('profileSavedWithProblems', problems.length) : t('profileSaved');
  }

  write((await store.get({ profile: null })).profile);
  $('profile').addEventListener('submit', (e) => {
    e.preventDefault();
    save(read());
  });
  $('export').addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(read(), null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'profil-sscasn.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  $('import').addEventListener('change', async () => {
    const f = $('import').files[0];
    if (!f) return;
    try {
      const profile = JSON.parse(await f.text());
      if (!profile || typeof profile !== 'object' || Array.isArray(profile)) throw new Error('not an object');
      write(profile);
      await save(read());
    } catch (_) {
      $('profile-status').textContent = t('profileImportFailed');
    }
  });
  $('clear').addEventListener('click', async () => {
    await store.clear();
    select.value = 'auto';
    write(null);
    $('cleared').textContent = t('optionsCleared');
  });
})();
