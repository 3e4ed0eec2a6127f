// Shared by the form gallery pages: what the page's own code received (window.__state()), and
// whether anything touched the captcha, a password, or a submit button (window.__guard).
export const INSTANSI = ['Badan Pusat Statistik', 'Badan Kepegawaian Negara', 'Kementerian Keuangan', 'Kementerian Agama', 'Pemerintah Kota Bandung'];
export const JABATAN = ['Analis Kepegawaian Ahli Pertama', 'Pranata Komputer Ahli Pertama', 'Pranata Komputer Terampil', 'Statistisi Ahli Pertama'];
export const LOKASI = ['Kantor Regional I Yogyakarta', 'Kantor Pusat Jakarta', 'Kantor Regional II Surabaya'];
export const PENDIDIKAN = ['S-1 Sistem Informasi', 'S-1 Teknik Informatika', 'D-III Manajemen Informatika', 'S-1 Statistika'];

/** Record touches of captcha, password and submit controls, and any submission. */
export function guard(doc = document) {
  const g = (window.__guard = { touched: [], submitted: false });
  const watched = (t) => t && t.matches && t.matches('[data-guard], [type=password], [type=submit]');
  for (const type of ['focusin', 'input', 'change', 'keydown', 'click']) {
    doc.addEventListener(type, (e) => watched(e.target) && g.touched.push(`${type}:${e.target.getAttribute('data-guard') || e.target.type}`), true);
  }
  doc.addEventListener('submit', (e) => {
    e.preventDefault();
    g.submitted = true;
  }, true);
  return g;
}

/** Plain pages: the page's own listeners keep `state[data-k]` up to date (what its code holds). */
export function recordPlain(doc = document) {
  const state = {};
  const record = (e) => {
    const el = e.target;
    const k = el && el.getAttribute && el.getAttribute('data-k');
    if (!k) return;
    if (el.type === 'radio') {
      if (el.checked) state[k] = el.value;
    } else if (el.type === 'checkbox') state[k] = String(el.checked);
    else state[k] = el.value;
  };
  doc.addEventListener('input', record);
  doc.addEventListener('change', record);
  window.__state = () => ({ ...state });
  return state;
}
