// Settings: the language (storage.local) and the applicant's profile (validated by the Rust core in
// the background), kept the way the person chooses — locked with a PIN (default), only until the
// browser closes ("komputer umum"), or plain — through the background's profile-* messages; export
// locked with the same PIN (plain only behind a warning), import, and "delete all data". No sync,
// no network.
import { api, localizePage, sendMessage } from '../lib/platform.js';
(async function () {
  'use strict';
  const store = api.storage.local;
  const { settings, t } = await localizePage(document);
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
    const reply = await sendMessage({ type: 'validate-profile', profile });
    const problems = reply && reply.ok ? reply.problems : [];
    for (const pr of problems) {
      const span = document.querySelector(`.problem[data-for="${CSS.escape(pr.field)}"]`);
      const input = document.querySelector(`[data-path="${CSS.escape(pr.field)}"]`);
      if (span) span.textContent = settings.lang === 'en' || document.documentElement.lang === 'en' ? pr.message.en : pr.message.id;
      if (input) input.setAttribute('aria-invalid', 'true');
    }
    return problems;
  }
  const en = () => document.documentElement.lang === 'en';
  const say = (m) => (typeof m === 'string' ? m : en() ? m.en : m.id);
  const clock = (ms) => new Date(ms).toLocaleTimeString(en() ? 'en-GB' : 'id-ID', { hour: '2-digit', minute: '2-digit', hour12: false });
  const secs = (ms) => Math.max(1, Math.ceil(ms / 1000));
  const send = async (msg) => {
    const reply = await sendMessage(msg, 30000);
    if (!reply || !reply.ok) throw new Error((reply && reply.error) || 'no reply');
    return reply;
  };
  const modeInputs = [...document.querySelectorAll('input[name=mode]')];
  const mode = () => (modeInputs.find((i) => i.checked) || modeInputs[0]).value;
  let state = { state: 'none', mode: null };

  for (const m of [5, 15, 30, 60]) $('unlock-minutes').append(new Option(t('lockMinutes', m), String(m)));
  $('unlock-minutes').value = '15';

  /** Show where the profile is and what it needs; the editor only while it can be read. */
  function showState(s) {
    state = s;
    $('lock').dataset.state = s.state;
    const text = {
      none: t(s.mode === 'session' ? 'lockStateSessionGone' : 'lockStateNone'),
      locked: t('lockStateLocked'),
      unlocked: t('lockStateUnlocked', s.until ? clock(s.until) : ''),
      session: t('lockStateSession'),
      plain: t('lockStatePlain'),
    }[s.state];
    $('lock-state').textContent = text || '';
    $('unlock').hidden = s.state !== 'locked';
    $('lock-now').hidden = s.state !== 'unlocked';
    $('editor').hidden = s.state === 'locked';
    const m = s.mode || 'pin';
    modeInputs.forEach((i) => (i.checked = i.value === (s.state === 'plain' ? 'pin' : m)));
    $('pin-label').textContent = t(s.state === 'unlocked' ? 'lockPinChange' : 'lockPin');
    showPins();
  }
  function showPins() {
    $('pin-fields').hidden = mode() !== 'pin';
  }
  modeInputs.forEach((i) => i.addEventListener('change', showPins));

  async function refresh() {
    const got = await send({ type: 'profile-get' });
    showState(got);
    if (got.profile) write(got.profile);
    else if (got.state !== 'locked') write(null);
    return got;
  }

  /** The new PIN typed twice, '' when none, or null (with a message) when they differ. */
  function newPin() {
    const pin = $('pin').value;
    if (pin !== $('pin2').value) {
      $('profile-status').textContent = t('lockPinMismatch');
      return null;
    }
    return pin;
  }

  async function save(profile, pinOverride) {
    const pin = pinOverride !== undefined ? pinOverride : newPin();
    if (pin === null) return false;
    const r = await send({ type: 'profile-save', profile, mode: mode(), pin: mode() === 'pin' ? pin : '', minutes: Number($('unlock-minutes').value) });
    if (!r.saved) {
      $('profile-status').textContent = r.problem === 'pin-needed' ? t('lockPinNeeded') : say(r.problem);
      return false;
    }
    $('pin').value = '';
    $('pin2').value = '';
    await refresh();
    const problems = await validate(profile);
    $('profile-status').textContent = problems.length ? t('profileSavedWithProblems', problems.length) : t('profileSaved');
    return true;
  }

  // The page's first look at the stored profile (the background may still be starting). Every
  // action below is registered at once and waits for it, so a file chosen or a form sent meanwhile
  // is handled after it — never lost, never overwritten by the first look.
  const ready = refresh().then(
    () => {},
    () => ($('lock-state').textContent = t('fillFailed')),
  );
  $('profile').addEventListener('submit', async (e) => {
    e.preventDefault();
    await ready;
    save(read()).catch(() => ($('profile-status').textContent = t('fillFailed')));
  });

  $('unlock').addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = $('unlock-status');
    out.textContent = '';
    $('unlock-button').disabled = true;
    await ready;
    try {
      const r = await send({ type: 'profile-unlock', pin: $('unlock-pin').value, minutes: Number($('unlock-minutes').value) });
      if (r.unlocked) {
        $('unlock-pin').value = '';
        await refresh();
        $('profile-status').textContent = t('lockUnlocked');
      } else if (r.reason === 'wrong-pin') out.textContent = t('lockWrongPin', r.failures, secs(r.waitMs));
      else if (r.reason === 'wait') out.textContent = t('lockWait', secs(r.waitMs));
      else if (r.reason === 'damaged') out.textContent = t('lockDamaged');
      else await refresh();
    } catch (_) {
      out.textContent = t('fillFailed');
    } finally {
      $('unlock-button').disabled = false;
    }
  });
  $('lock-now').addEventListener('click', async () => {
    await ready;
    await send({ type: 'profile-lock' });
    write(null);
    await refresh();
  });

  function download(text, name) {
    const blob = new Blob([text], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
  // Locked export: with the unlocked key (same PIN), or with the PIN typed above for a profile
  // that is not locked with one (komputer umum, plain).
  $('export').addEventListener('click', async () => {
    await ready;
    try {
      const pin = state.state === 'unlocked' ? '' : newPin();
      if (pin === null) return;
      const r = await send({ type: 'profile-export', profile: read(), pin });
      if (!r.blob) {
        $('profile-status').textContent = r.problem === 'pin-needed' ? t('lockExportPinNeeded') : say(r.problem);
        // The PIN fields belong to the PIN mode; show them for the export's PIN whatever the mode.
        if (r.problem === 'pin-needed') {
          $('pin-fields').hidden = false;
          $('pin').focus();
        }
        return;
      }
      download(JSON.stringify(r.blob, null, 2), 'profil-sscasn-terkunci.json');
      $('profile-status').textContent = t('lockExported');
    } catch (_) {
      $('profile-status').textContent = t('fillFailed');
    }
  });
  $('plain-ok').addEventListener('change', () => ($('export-plain').disabled = !$('plain-ok').checked));
  $('export-plain').addEventListener('click', () => {
    if (!$('plain-ok').checked) return;
    download(JSON.stringify(read(), null, 2), 'profil-sscasn.json');
  });

  // Import: a plain profile file, or a locked one (its PIN asked beside the button, never in a page).
  let pendingImport = null;
  async function importText(text) {
    const pin = $('import-pin').value;
    const r = await send({ type: 'profile-import', text, pin });
    if (!r.profile) {
      pendingImport = text;
      const problem = r.problem;
      $('import-locked').hidden = !(problem === 'pin-needed' || problem === 'wrong-pin' || problem === 'wait');
      if (problem === 'pin-needed') $('profile-status').textContent = t('lockImportNeedsPin');
      else if (problem === 'wrong-pin') $('profile-status').textContent = t('lockImportWrongPin', r.failures, secs(r.waitMs));
      else if (problem === 'wait') $('profile-status').textContent = t('lockWait', secs(r.waitMs));
      else if (problem === 'damaged') $('profile-status').textContent = t('lockDamaged');
      else $('profile-status').textContent = say(problem);
      return;
    }
    pendingImport = null;
    $('import-locked').hidden = true;
    $('import-pin').value = '';
    write(r.profile);
    // A locked file keeps its PIN here unless a new one was typed (or the profile is already unlocked).
    const typed = newPin();
    if (typed === null) return;
    const keep = r.locked && mode() === 'pin' && !typed && state.state !== 'unlocked' ? pin : typed;
    await save(read(), keep);
  }
  $('import').addEventListener('change', async () => {
    const f = $('import').files[0];
    if (!f) return;
    await ready;
    try {
      await importText(await f.text());
    } catch (_) {
      $('profile-status').textContent = t('profileImportFailed');
    } finally {
      $('import').value = '';
    }
  });
  $('import-open').addEventListener('click', async () => {
    await ready;
    if (pendingImport) importText(pendingImport).catch(() => ($('profile-status').textContent = t('profileImportFailed')));
  });
  $('clear').addEventListener('click', async () => {
    try {
      await send({ type: 'profile-clear' });
    } catch (_) {
      // storage.local is cleared below in any case
    }
    await store.clear();
    select.value = 'auto';
    write(null);
    await refresh().catch(() => {});
    $('cleared').textContent = t('optionsCleared');
  });
  // Every control answers from here on (tests wait for this, as a person would for the page).
  document.documentElement.dataset.ready = 'true';
})();
