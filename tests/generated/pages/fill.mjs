// A generated form page (spec from tests/generated/fill.mjs). window.__state() is what the page's
// own listeners hold; window.__guard records any touch of the captcha or the submit button.
import { spec, h, toDom } from './common.mjs';

const { dims } = spec;
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
let ids = 0;
const nextId = () => `f${++ids}`;

// ---- controls: each returns a list of nodes; `label` goes where the placement puts it
function select(k, options, extra = {}) {
  return h('select', { 'data-k': k, ...extra }, h('option', { value: '' }, extra.placeholder || '-- Pilih --'), ...options.map(([v, t]) => h('option', { value: v }, t)));
}
// Library widgets (react-select, el-select, antd) and imask masks, mounted once the form is in the page.
const mounts = [];
function control(field, extra) {
  if (field.kind === 'select' && dims.widget !== 'native') {
    mounts.push({ k: field.k, props: { id: extra.id, label: extra['aria-label'], labelledby: extra['aria-labelledby'], placeholder: extra.placeholder, options: field.options } });
    return [h('span', { class: 'widget', 'data-widget': field.k })];
  }
  switch (field.kind) {
    case 'date':
      if (dims.date === 'native') return [h('input', { type: 'date', 'data-k': field.k, ...extra })];
      if (dims.date === 'text') return [h('input', { type: 'text', 'data-k': field.k, ...extra, ...(extra.placeholder ? {} : { title: 'dd-mm-yyyy' }) })];
      return [h('span', { class: 'split', role: extra['aria-label'] ? 'group' : null, 'aria-label': extra['aria-label'] || null, id: extra.id || null, 'aria-labelledby': extra['aria-labelledby'] || null },
        select('lahir_d', Array.from({ length: 31 }, (_, i) => [String(i + 1), String(i + 1).padStart(2, '0')]), { placeholder: extra.placeholder ? `${extra.placeholder} (tgl)` : 'Tgl' }), ' ',
        select('lahir_m', BULAN.map((m, i) => [String(i + 1), dims.date === 'split-name' ? m : String(i + 1).padStart(2, '0')]), { placeholder: extra.placeholder ? 'Bulan' : 'Bln' }), ' ',
        select('lahir_y', Array.from({ length: 50 }, (_, i) => [String(2008 - i), String(2008 - i)]), { placeholder: extra.placeholder ? 'Tahun' : 'Thn' }))];
    case 'phone':
      if (dims.phone === 'prefix') return [h('span', { class: 'prefix' }, '+62'), h('input', { type: 'tel', 'data-k': field.k, ...extra })];
      return [h('input', { type: 'tel', 'data-k': field.k, ...(dims.phone === 'mask' ? { 'data-mask': '0000-0000-0000' } : {}), ...(dims.phone === 'imask' ? { 'data-imask': '' } : {}), ...extra })];
    case 'select':
      return [select(field.k, field.options, extra)];
    case 'area':
      return [h('textarea', { 'data-k': field.k, rows: '2', ...extra })];
    default:
      return [h('input', { type: field.type || 'text', 'data-k': field.k, ...extra })];
  }
}
const strip = (props) => Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));
function clean(v) {
  return typeof v === 'string' ? v : { ...v, props: strip(v.props), children: v.children.map(clean) };
}

/** One row of the form: `text` labelling `fields` (two when one caption governs a pair). */
function fieldRow(text, fields) {
  const id = nextId();
  const first = fields[0];
  const rest = fields.slice(1).flatMap((f) => [' ', ...control(f, {})]);
  const labelled = (extra) => [...control(first, extra), ...rest];
  switch (dims.labels) {
    case 'for': return h('div', { class: 'row' }, h('label', { for: id }, text), ' ', ...labelled({ id }));
    case 'wrap': return h('div', { class: 'row' }, h('label', {}, text, ' ', ...labelled({})));
    case 'aria': return h('div', { class: 'row' }, ...labelled({ 'aria-label': text }));
    case 'labelledby': return h('div', { class: 'row' }, h('span', { id: `${id}l` }, text), ' ', ...labelled({ 'aria-labelledby': `${id}l` }));
    case 'left-cell': return h('tr', {}, h('td', {}, text), h('td', {}, ...labelled({})));
    case 'colon-cell': return h('tr', {}, h('td', {}, text), h('td', {}, ':'), h('td', {}, ...labelled({})));
    case 'th': return h('tr', {}, h('th', { scope: 'row' }, text), h('td', {}, ...labelled({})));
    case 'above': return h('div', { class: 'row' }, h('div', { class: 'caption' }, text), h('div', {}, ...labelled({})));
    case 'floating': return h('div', { class: 'float' }, ...labelled({ id, placeholder: ' ' }), h('label', { for: id }, text));
    case 'placeholder': return h('div', { class: 'row' }, ...labelled({ placeholder: text }));
    case 'dl': return h('div', {}, h('dt', {}, text), h('dd', {}, ...labelled({})));
    default: throw new Error(dims.labels);
  }
}
const TABLE = ['left-cell', 'colon-cell', 'th'];
const container = (rows) => (TABLE.includes(dims.labels) ? h('table', { class: 'form' }, h('tbody', {}, ...rows)) : dims.labels === 'dl' ? h('dl', {}, ...rows) : h('div', {}, ...rows));

const F = {
  nama: { k: 'nama' }, nik: { k: 'nik' }, tempat: { k: 'tempat_lahir' }, tanggal: { k: 'tanggal_lahir', kind: 'date' },
  gender: { k: 'jenis_kelamin', kind: 'select', options: spec.gender }, hp: { k: 'no_hp', kind: 'phone' }, email: { k: 'email', type: 'email' },
  alamat: { k: 'alamat', kind: 'area' }, jenjang: { k: 'jenjang', kind: 'select', options: spec.level },
};
const birth = dims.pair === 'one-label' ? [fieldRow('Tempat / Tgl. Lahir', [F.tempat, F.tanggal])] : [fieldRow('Tempat Lahir', [F.tempat]), fieldRow('Tanggal Lahir', [F.tanggal])];
const sections = [
  ['Data Diri', [fieldRow('Nama Lengkap', [F.nama]), fieldRow('NIK', [F.nik]), ...birth, fieldRow('Jenis Kelamin', [F.gender]),
    fieldRow('Nomor HP', [F.hp]), fieldRow('Email', [F.email]), fieldRow('Alamat', [F.alamat])]],
  ['Pendidikan', [fieldRow('Jenjang Pendidikan', [F.jenjang])]],
];
let jobs = null;
if (dims.jobs === 'groups')
  jobs = [0, 1].map((i) => h('div', { class: 'job' }, h('h4', {}, `Pekerjaan ${i + 1}`),
    container([fieldRow('Nama Perusahaan / Instansi', [{ k: `job${i}.perusahaan` }]), fieldRow('Jabatan', [{ k: `job${i}.jabatan` }])])));
else if (dims.jobs === 'table')
  jobs = [h('table', { class: 'jobs' }, h('thead', {}, h('tr', {}, h('th', {}, 'No'), h('th', {}, 'Nama Perusahaan / Instansi'), h('th', {}, 'Jabatan'))),
    h('tbody', {}, ...[0, 1].map((i) => h('tr', {}, h('td', {}, String(i + 1)), h('td', {}, h('input', { type: 'text', 'data-k': `job${i}.perusahaan` })),
      h('td', {}, h('input', { type: 'text', 'data-k': `job${i}.jabatan` }))))))];

function section(title, body) {
  if (dims.sections === 'fieldsets') return h('fieldset', {}, h('legend', {}, title), ...body);
  if (dims.sections === 'headings') return h('section', {}, h('h2', {}, title), ...body);
  return h('div', {}, ...body);
}
const form = h('form', { id: 'daftar' },
  ...sections.map(([title, rows]) => section(title, [container(rows)])),
  jobs ? section('Riwayat Pekerjaan', jobs) : null,
  h('p', {}, 'Kode Captcha ', h('input', { type: 'text', 'data-guard': 'captcha', 'aria-label': 'Kode captcha' })),
  h('button', { type: 'submit' }, 'Kirim Pendaftaran'));
document.getElementById('app').append(toDom(clean(form)));

// ---- the page's own code: its state, a phone mask, the joined birth date, and a guard
const state = {};
const record = (e) => {
  const el = e.target;
  const k = el && el.getAttribute && el.getAttribute('data-k');
  if (!k) return;
  if (el.dataset.mask) {
    const d = el.value.replace(/\D/g, '').slice(0, 12);
    el.value = [d.slice(0, 4), d.slice(4, 8), d.slice(8)].filter(Boolean).join('-');
  }
  state[k] = el.value;
  const [d, m, y] = ['lahir_d', 'lahir_m', 'lahir_y'].map((x) => state[x]);
  if (d && m && y) state.tanggal_lahir = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
};
document.addEventListener('input', record);
document.addEventListener('change', record);
window.__state = () => ({ ...state });
const g = (window.__guard = { touched: [], submitted: false });
for (const type of ['focusin', 'input', 'change', 'keydown', 'click'])
  document.addEventListener(type, (e) => e.target?.matches?.('[data-guard], [type=submit]') && g.touched.push(`${type}:${e.target.getAttribute('data-guard') || e.target.type}`), true);
document.addEventListener('submit', (e) => {
  e.preventDefault();
  g.submitted = true;
}, true);
// One bundle per library (tests/gallery/generated/widget-*.entry.*), loaded only when drawn.
if (mounts.length) {
  if (dims.widget === 'el-select') {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/gallery/generated/widget-el-select.css';
    document.head.append(css);
    await new Promise((r) => css.addEventListener('load', r, { once: true }));
  }
  const { mount } = await import(`/gallery/generated/widget-${dims.widget}.js`);
  for (const { k, props } of mounts) mount(document.querySelector(`[data-widget="${k}"]`), { ...props, onChange: (v) => (state[k] = v) });
}
if (dims.phone === 'imask') {
  const { maskPhone } = await import('/gallery/generated/imask.js');
  for (const input of document.querySelectorAll('[data-imask]')) maskPhone(input, (v) => (state[input.getAttribute('data-k')] = v));
}
if (mounts.length) await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
window.__gen = { ready: true };
