// A generated upload page (spec from tests/generated/upload.mjs): its shell, control, rule location
// and wording, and list layout. window.__gen.give(key, file) hands a row a file as a person does
// there; window.__gen.outcome() reads each row's verdict badges as a person sees them.
import { spec, h, toDom, toReact, toVue, later, deepAll, fileFrom, setFiles, dropOn, until } from './common.mjs';

const { dims, rows, rule } = spec;
const inner = new URLSearchParams(location.search).get('inner') === '1';
const shell = inner ? 'plain' : dims.shell;
window.__received = {};
let state = { chosen: {}, gen: {} };
let rerender = () => {};
let root = document; // where the rows live (a shadow root for the Lit shell)

function onFile(row, file, input) {
  window.__received[row.key] = { name: file.name, size: file.size };
  state.chosen[row.key] = file.name;
  const kind = dims.control;
  const framework = shell === 'react' || shell === 'vue';
  if (kind === 'cleared') input.value = '';
  if (kind === 'replaced') {
    if (framework) state.gen[row.key] = (state.gen[row.key] || 0) + 1;
    else input.replaceWith(toDom(inputNode(row)));
  }
  // The site takes the whole upload field away (the input and what stands in its box: the
  // extension's verdict under it too); the row keeps its title and "Terpilih: …".
  if (kind === 'removed' && !framework) (input.closest('.field') || input).remove();
  if (kind === 'recreated') {
    // The site re-renders the whole row a moment later (after "saving").
    later(() => {
      state.gen[row.key] = (state.gen[row.key] || 0) + 1;
      if (framework) rerender();
      else {
        const old = root.querySelector(`[data-row="${row.key}"]`);
        old.replaceWith(toDom(rowNode(row)));
      }
    }, 150);
  }
  if (framework) rerender();
  else for (const s of root.querySelectorAll(`[data-chosen="${row.key}"]`)) s.textContent = `Terpilih: ${file.name}`;
  if (dims.layout === 'modal') later(closeDialog, 80);
}

const inputNode = (row, extra = {}) =>
  h('input', { type: 'file', accept: '.pdf', 'data-control': '', key: `in-${row.key}-${state.gen[row.key] || 0}`, ...extra,
    on: { change: (e) => { const input = e.currentTargetEl || e.target; if (input.files[0]) onFile(row, input.files[0], input); } } });

function controlNode(row) {
  const kind = dims.control;
  if (kind === 'removed') return state.chosen[row.key] && (shell === 'react' || shell === 'vue') ? null : h('div', { class: 'field' }, inputNode(row));
  if (kind === 'label')
    return h('label', { class: 'pick', 'data-control': '' }, 'Pilih berkas', inputNode(row, { style: 'position:absolute;opacity:0;width:1px;height:1px', 'data-control': null }));
  if (kind === 'hidden') {
    let input;
    return h('span', {}, inputNode(row, { hidden: true, ref: (e) => (input = e), 'data-control': null }),
      h('button', { type: 'button', class: 'pick', 'data-control': '', on: { click: (e) => (input || e.target.previousElementSibling).click() } }, 'Pilih berkas'));
  }
  if (kind === 'dropzone')
    return h('div', { class: 'zone', 'data-control': '', on: {
      dragover: (e) => e.preventDefault(), dragenter: (e) => e.preventDefault(),
      drop: (e) => { e.preventDefault(); const f = e.dataTransfer.files[0]; if (f) onFile(row, f, (e.currentTargetEl || e.currentTarget).querySelector('input')); },
    } }, 'Tarik berkas PDF ke sini', inputNode(row, { hidden: true, 'data-control': null }));
  return inputNode(row);
}

function clean(props) {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null));
}
function fixNulls(v) {
  if (typeof v === 'string' || !v) return v;
  return { ...v, props: clean(v.props), children: v.children.map(fixNulls) };
}

const chosenNode = (row) => h('span', { class: 'chosen', 'data-chosen': row.key }, state.chosen[row.key] ? `Terpilih: ${state.chosen[row.key]}` : '');
// With tabs naming document kinds, a row's title bolds the kind's word ("<b>Transkrip</b> Nilai"):
// a title split across inline elements, whose first part alone is also the tab's whole text.
const tabbed = dims.preface === 'tabs' || dims.preface === 'both';
const titleText = (row) => {
  const [kind, ...rest] = row.title.split(' ');
  return tabbed && rest.length ? [h('b', {}, kind), ' ' + rest.join(' ')] : [row.title];
};
const titleNode = (tag, row) => h(tag, {}, ...titleText(row), dims.ruleAt === 'title' ? h('span', { class: 'info', title: `Format PDF, ${row.rule}` }, ' ⓘ') : null);
const ruleText = (row) => (dims.ruleAt === 'row' ? `${row.what}, ${row.rule}` : row.what);
const rowKey = (row) => `row-${row.key}-${dims.control === 'recreated' ? state.gen[row.key] || 0 : 0}`;
function controlOrOpener(row) {
  if (dims.layout !== 'modal') return controlNode(row);
  return h('button', { type: 'button', class: 'pick', 'data-control': '', 'data-open': row.key, on: { click: () => openDialog(row) } }, 'Unggah');
}

function rowNode(row) {
  const key = rowKey(row);
  switch (dims.layout) {
    case 'table':
      return h('tr', { 'data-row': row.key, key }, h('td', {}, titleNode('span', row)), h('td', {}, ruleText(row)), h('td', {}, controlOrOpener(row), chosenNode(row)));
    case 'dl':
      return h('div', { 'data-row': row.key, key }, h('dt', {}, titleNode('strong', row)), h('dd', {}, h('p', { class: 'rule' }, ruleText(row)), controlOrOpener(row), chosenNode(row)));
    case 'accordion':
      return h('div', { class: 'doc', 'data-row': row.key, key }, h('details', {}, h('summary', {}, titleNode('span', row)),
        h('p', { class: 'rule' }, ruleText(row)), controlOrOpener(row), chosenNode(row)));
    default:
      return h('div', { class: 'doc', 'data-row': row.key, key }, titleNode('h3', row), h('p', { class: 'rule' }, ruleText(row)), controlOrOpener(row), chosenNode(row));
  }
}

/** Before the list, what names the documents again (pages often do): tabs and a checklist of what is required. */
function prefaceNodes() {
  const p = dims.preface || 'none';
  const tabs = p === 'tabs' || p === 'both'
    ? h('nav', { class: 'tabs', role: 'tablist' }, ...['Data Diri', 'Ijazah', 'Transkrip', 'Lainnya'].map((t) => h('span', { role: 'tab', tabindex: '0' }, t)))
    : null;
  const checklist = p === 'checklist' || p === 'both'
    ? h('aside', { class: 'checklist' }, h('strong', {}, 'Dokumen yang diperlukan:'), h('ul', {}, ...rows.map((r) => h('li', {}, r.title))))
    : null;
  return [tabs, checklist];
}

function listNode() {
  const heading = h('h2', {}, dims.ruleAt === 'header' && dims.layout !== 'table' ? `Unggah Dokumen Persyaratan (${rule})` : 'Unggah Dokumen Persyaratan');
  const notice = dims.ruleAt === 'notice' ? h('div', { class: 'notice' }, h('strong', {}, 'Ketentuan: '), `setiap berkas ${rule}.`) : null;
  let list;
  if (dims.layout === 'table') {
    const head = h('tr', {}, h('th', {}, 'Dokumen'), h('th', {}, 'Keterangan'), h('th', {}, dims.ruleAt === 'header' ? `Berkas (${rule})` : 'Berkas'));
    list = h('table', { class: 'docs' }, h('thead', {}, head), h('tbody', {}, ...rows.map(rowNode)));
  } else if (dims.layout === 'dl') list = h('dl', {}, ...rows.map(rowNode));
  else list = h('div', { class: 'list' }, ...rows.map(rowNode));
  return fixNulls(h('section', {}, ...prefaceNodes(), heading, notice, list));
}

// ---- the modal layout: the control lives in a dialog opened from the row (in document.body)
let dialog = null;
let dialogRow = null; // the key of the row whose dialog is open
function openDialog(row) {
  closeDialog();
  dialogRow = row.key;
  dialog = toDom(fixNulls(h('div', { class: 'dialog-back' }, h('div', { class: 'dialog', role: 'dialog', 'aria-label': `Unggah ${row.title}` },
    h('h3', {}, `Unggah ${row.title}`), h('p', { class: 'rule' }, ruleText(row)), controlNode(row)))));
  document.body.append(dialog);
}
function closeDialog() {
  dialog?.remove();
  dialog = null;
  dialogRow = null;
}

// ---- shells
async function mount() {
  const app = document.getElementById('app');
  if (shell === 'iframe') {
    const frame = document.createElement('iframe');
    frame.src = `${location.pathname}${location.search}&inner=1`;
    frame.style.cssText = 'width:100%;height:700px;border:1px solid #ccc';
    app.append(frame);
    return;
  }
  if (shell === 'route') {
    app.append(toDom(h('p', {}, 'Beranda — memuat langkah unggah dokumen…')));
    await new Promise((r) => later(r, 250));
    history.pushState({ step: 'dokumen' }, '', location.pathname.replace(/\.html$/, '/dokumen') + location.search);
    app.replaceChildren();
  }
  if (shell === 'react') {
    const { React, createRoot, flushSync } = await import('/gallery/generated/libs.js');
    const r = createRoot(app);
    rerender = () => flushSync(() => r.render(toReact(React, listNode())));
    rerender();
    return;
  }
  if (shell === 'vue') {
    const { createApp, vueH, reactive, nextTick } = await import('/gallery/generated/libs.js');
    state = reactive(state);
    createApp({ render: () => toVue(vueH, listNode()) }).mount(app);
    rerender = () => {};
    await nextTick();
    return;
  }
  if (shell === 'lit') {
    const { LitElement } = await import('/gallery/generated/libs.js');
    customElements.define('gen-documents', class extends LitElement {
      firstUpdated() {
        this.renderRoot.append(toDom(listNode()));
      }
    });
    const el = document.createElement('gen-documents');
    app.append(el);
    await until(() => el.shadowRoot && el.shadowRoot.querySelector('[data-row]'));
    root = el.shadowRoot;
    return;
  }
  app.append(toDom(listNode()));
}

function frameGen() {
  const frame = document.querySelector('iframe');
  return frame && frame.contentWindow && frame.contentWindow.__gen;
}

/** The row a badge belongs to by place: the nearest row at or before it. */
function rowOf(badge) {
  for (let n = badge; n; ) {
    if (n !== badge && n.localName !== 'sscasn-verdict' && n.dataset && n.dataset.row) return n.dataset.row;
    n = n.previousElementSibling || n.parentElement || (n.parentNode && n.parentNode.host) || null;
  }
  return null;
}

window.__gen = {
  ready: false,
  /** Modal layout: click the row's button; resolves once its dialog (with the control) is open. */
  async open(key) {
    if (shell === 'iframe') return frameGen().open(key);
    root.querySelector(`[data-row="${key}"] [data-open]`).click();
    return until(() => dialogRow === key && dialog && dialog.isConnected && dialog.querySelector('[role=dialog]')).then(() => true);
  },
  /** The open dialog's hidden verdict badges (the extension's; it puts one under each control it watches). */
  watchedInDialog() {
    if (shell === 'iframe') return frameGen()?.watchedInDialog() ?? 0;
    return dialog && dialog.isConnected ? deepAll(dialog, 'sscasn-verdict').length : 0;
  },
  async give(key, f) {
    if (shell === 'iframe') return frameGen().give(key, f);
    const file = await fileFrom(f);
    let row = root.querySelector(`[data-row="${key}"]`);
    if (dims.layout === 'accordion') row.querySelector('details').open = true;
    if (dims.layout === 'modal') {
      // The dialog the driver opened for this row (a person chooses in it); else opened now.
      if (dialogRow !== key || !dialog || !dialog.isConnected) await this.open(key);
      row = dialog.querySelector('[role=dialog]');
    }
    if (dims.control === 'dropzone') dropOn(row.querySelector('.zone'), file);
    else setFiles(row.querySelector('input[type=file]'), file);
    return true;
  },
  pending() {
    if (shell === 'iframe') return frameGen()?.pending() ?? 1;
    return window.__pendingChanges;
  },
  outcome() {
    if (shell === 'iframe') return frameGen().outcome();
    const badges = deepAll(document, 'sscasn-verdict');
    return Object.fromEntries(rows.map((row) => {
      const mine = badges.filter((b) => rowOf(b) === row.key);
      const shown = mine.filter((b) => !b.hidden && b.shadowRoot);
      const b = shown[0];
      const s = b && b.shadowRoot;
      return [row.key, { count: shown.length, all: mine.length, received: window.__received[row.key] || null,
        state: b ? b.dataset.state : null, summary: s ? s.querySelector('.summary')?.textContent : null,
        file: s ? s.querySelector('.file')?.textContent : null, limit: s ? s.querySelector('.limit')?.textContent : null }];
    }));
  },
};

await mount();
if (shell === 'iframe') await until(() => frameGen()?.ready, 10000);
window.__gen.ready = true;
