// Fills SSCASN form fields from the profile, the way a person types, so the site's framework sees
// the values. Fields are found by every signal a page offers (label, aria-label, placeholder,
// name/id, nearby text) with a score and a threshold, so one markup change does not break it.
// Never touches a captcha, a password, a final submit, or anything outside SSCASN hosts.
(function (root) {
  'use strict';
  const NS = (root.SSCASN = root.SSCASN || {});
  const THRESHOLD = 3;
  const FORBIDDEN = /captcha|kode\s+(keamanan|verifikasi)|ketik\s+kode|kata\s+sandi|password|otp/i;
  const SUBMIT = /simpan\s+permanen|kirim|submit|selanjutnya|daftar\s+sekarang|bayar|masuk|login/i;

  // What each profile value looks like on a page. `not` keeps look-alikes apart.
  const FIELDS = [
    { key: 'nik', re: /\bnik\b|nomor\s+induk\s+kependudukan/i },
    { key: 'no_kk', re: /\bkk\b|kartu\s+keluarga|no_?kk/i },
    { key: 'nama', re: /nama\s+lengkap|^\s*nama\s*$|full\s*name|\bnama\b/i, not: /perusahaan|instansi|ibu|ayah|jabatan|sekolah|kampus/i },
    { key: 'tempat_lahir', re: /tempat\s+lahir|tempat_lahir|birth\s*place/i },
    { key: 'tanggal_lahir', re: /tanggal\s+lahir|tgl\.?\s*lahir|tanggal_lahir|date\s+of\s+birth|birth\s*date/i },
    { key: 'jenis_kelamin', re: /jenis\s+kelamin|jenis_kelamin|gender|\bsex\b/i },
    { key: 'no_hp', re: /\bhp\b|handphone|ponsel|telepon|telp|whatsapp|no_hp|phone|mobile/i },
    { key: 'email', re: /e-?mail|surel/i },
    { key: 'alamat', re: /alamat|address|domisili/i },
    { key: 'formasi.instansi', re: /instansi/i, not: /perusahaan/i, widget: true },
    { key: 'pendidikan.program_studi', re: /pendidikan|program\s+studi|jurusan/i, widget: true },
    { key: 'formasi.lokasi', re: /lokasi/i, widget: true },
    { key: 'formasi.jabatan', re: /jabatan/i, not: /pekerjaan|riwayat/i, widget: true, page: 'formasi' },
  ];
  const JOB_FIELDS = [
    { key: 'perusahaan', re: /perusahaan|nama\s+instansi|tempat\s+kerja|employer/i },
    { key: 'jabatan', re: /jabatan|posisi|position/i },
    { key: 'mulai', re: /mulai|dari\s+tanggal|start/i },
    { key: 'selesai', re: /selesai|sampai|hingga|end/i },
    { key: 'gaji', re: /gaji|penghasilan|salary/i },
  ];

  /** All the text a page offers about a control. */
  NS.signalsOf = function signalsOf(el) {
    const doc = el.ownerDocument;
    const labels = el.labels ? [...el.labels].map((l) => l.textContent) : [];
    const by = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean).map((id) => (doc.getElementById(id) || {}).textContent || '');
    let near = '';
    const group = el.closest('.form-group, .field, .mb-3, .row, tr, li, fieldset');
    if (group) near = (group.querySelector('label, .label, th, legend') || {}).textContent || '';
    if (!near && el.previousElementSibling) near = el.previousElementSibling.textContent || '';
    return {
      label: [...labels, ...by].join(' '),
      aria: el.getAttribute('aria-label') || '',
      placeholder: el.getAttribute('placeholder') || '',
      name: `${el.name || ''} ${el.id || ''}`.replace(/[_\-[\]]+/g, ' '),
      near: near.slice(0, 120),
    };
  };

  /** How strongly a control's signals match a field pattern. */
  NS.scoreField = function scoreField(signals, field) {
    const weights = { label: 4, aria: 4, placeholder: 2, name: 3, near: 2 };
    let score = 0;
    for (const [where, text] of Object.entries(signals)) {
      if (!text) continue;
      if (field.not && field.not.test(text)) return 0;
      if (field.re.test(text)) score += weights[where];
    }
    return score;
  };

  function isForbidden(el) {
    if (el.type === 'password' || el.type === 'hidden' || el.type === 'file' || el.disabled || el.readOnly) return true;
    const s = NS.signalsOf(el);
    return FORBIDDEN.test(`${s.label} ${s.aria} ${s.placeholder} ${s.name} ${s.near}`);
  }

  function controls(doc) {
    return [...doc.querySelectorAll('input, select, textarea')].filter((el) => !el.closest('sscasn-fill') && !isForbidden(el));
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  /** Set a value as typing would: focus, the native setter, bubbling input and change, blur. */
  NS.typeValue = function typeValue(el, value) {
    const win = el.ownerDocument.defaultView;
    el.focus();
    const proto = el instanceof win.HTMLTextAreaElement ? win.HTMLTextAreaElement.prototype
      : el instanceof win.HTMLSelectElement ? win.HTMLSelectElement.prototype : win.HTMLInputElement.prototype;
    const setter = Object.getOwnPropertyDescriptor(proto, 'value').set;
    setter.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    el.blur();
    el.dispatchEvent(new Event('blur'));
  };

  const norm = (s) => String(s || '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

  /** The option whose text or value matches `want` best (exact, then containing). */
  function pickOption(options, want, text = (o) => o.textContent) {
    const w = norm(want);
    if (!w) return null;
    return options.find((o) => norm(text(o)) === w || norm(o.value) === w) || options.find((o) => norm(text(o)).includes(w) || (norm(text(o)) && w.includes(norm(text(o))))) || null;
  }

  /** A value in the format the control expects (`phone` = both forms of the number, if known). */
  function formatFor(el, key, value, phone) {
    if (/tanggal|mulai|selesai/.test(key)) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!m) return value;
      if (el.type === 'date') return value;
      const ph = (el.getAttribute('placeholder') || '').toLowerCase();
      const sep = ph.includes('/') ? '/' : '-';
      return ph.startsWith('yyyy') ? value : `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
    }
    if (key === 'no_hp' && phone) {
      const ph = el.getAttribute('placeholder') || '';
      return /\+62|^62/.test(ph) ? phone.international : phone.local;
    }
    if (key === 'gaji') return String(value).replace(/[^\d]/g, '');
    return value;
  }

  /** Fill one control; returns true when the value took. */
  async function fillControl(el, key, value, phone) {
    const win = el.ownerDocument.defaultView;
    if (el instanceof win.HTMLSelectElement) {
      const want = key === 'jenis_kelamin' ? (value === 'P' ? 'perempuan' : 'laki laki') : value;
      const opt = pickOption([...el.options], want) || pickOption([...el.options], value);
      if (!opt) return false;
      NS.typeValue(el, opt.value);
      return el.value === opt.value;
    }
    if (el.getAttribute('role') === 'combobox' || el.closest('[class*="select"]')) {
      return fillSearchable(el, value);
    }
    NS.typeValue(el, formatFor(el, key, value, phone));
    return true;
  }

  /** Searchable select widgets: type to search, wait for the options to load, click the match. */
  async function fillSearchable(el, value) {
    const box = el.closest('[class*="select"]') || el.parentElement;
    el.focus();
    el.dispatchEvent(new FocusEvent('focus'));
    el.click();
    const words = String(value).split(/\s+/).slice(0, 2).join(' ');
    NS.typeValue(el, words);
    el.focus();
    for (let i = 0; i < 60; i++) {
      const options = [...box.querySelectorAll('[role=option], .option, li')];
      const opt = pickOption(options, value);
      if (opt) {
        for (const type of ['mousedown', 'mouseup', 'click']) opt.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
        await sleep(30);
        return true;
      }
      await sleep(100);
    }
    return false;
  }

  function get(profile, key) {
    return key.split('.').reduce((o, k) => (o == null ? undefined : o[k]), profile);
  }

  /** The best control for each profile field (one control serves one field). */
  function assign(doc, fields) {
    const taken = new Set();
    const out = [];
    const scored = [];
    for (const el of controls(doc)) {
      const s = NS.signalsOf(el);
      for (const f of fields) {
        const score = NS.scoreField(s, f);
        if (score >= THRESHOLD) scored.push({ el, f, score });
      }
    }
    scored.sort((a, b) => b.score - a.score);
    const done = new Set();
    for (const { el, f } of scored) {
      if (taken.has(el) || done.has(f.key)) continue;
      taken.add(el);
      done.add(f.key);
      out.push({ el, f });
    }
    return out;
  }

  /** Job entries: the i-th control of each job field; "Tambah" adds entries until there are enough. */
  async function fillJobs(doc, jobs, result) {
    const firstJobControls = () => controls(doc).filter((el) => NS.scoreField(NS.signalsOf(el), JOB_FIELDS[0]) >= THRESHOLD);
    if (!jobs.length || !firstJobControls().length) return;
    for (let tries = 0; firstJobControls().length < jobs.length && tries < jobs.length; tries++) {
      const add = [...doc.querySelectorAll('button, a, [role=button]')].find((b) => /tambah|add/i.test(b.textContent) && !SUBMIT.test(b.textContent));
      if (!add) break;
      const before = firstJobControls().length;
      add.click();
      for (let i = 0; i < 30 && firstJobControls().length === before; i++) await sleep(100);
    }
    for (const f of JOB_FIELDS) {
      const els = controls(doc).filter((el) => NS.scoreField(NS.signalsOf(el), f) >= THRESHOLD && (f.key !== 'jabatan' || !/instansi|formasi/i.test(NS.signalsOf(el).near)));
      jobs.forEach((job, i) => {
        const value = f.key === 'selesai' && job.sekarang ? '' : job[f.key];
        const label = `pekerjaan ${i + 1}: ${f.key}`;
        if (!value) return;
        if (!els[i]) {
          result.missing.push(label);
          return;
        }
        NS.typeValue(els[i], formatFor(els[i], f.key, value));
        result.filled.push(label);
      });
    }
  }

  /** Whether this page shows anything the profile can fill. */
  NS.hasFillableFields = function hasFillableFields(doc) {
    return controls(doc).some((el) => [...FIELDS, ...JOB_FIELDS].some((f) => NS.scoreField(NS.signalsOf(el), f) >= THRESHOLD));
  };

  /** Fill what this page shows; resolves to {filled: [...], missing: [...]} (field names). */
  NS.fillPage = async function fillPage(doc, profile, phone) {
    const result = { filled: [], missing: [] };
    const isJobPage = controls(doc).some((el) => NS.scoreField(NS.signalsOf(el), JOB_FIELDS[0]) >= THRESHOLD);
    const fields = FIELDS.filter((f) => !(isJobPage && f.key === 'formasi.jabatan'));
    for (const { el, f } of assign(doc, fields)) {
      const value = get(profile, f.key);
      if (value === undefined || value === null || value === '') continue;
      if (await fillControl(el, f.key, String(value), phone)) result.filled.push(f.key);
      else result.missing.push(f.key);
    }
    await fillJobs(doc, profile.pekerjaan || [], result);
    return result;
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = NS;
})(typeof globalThis !== 'undefined' ? globalThis : this);
