// Collect: a snapshot of the page's form controls as a person sees them, for the Rust core to plan
// the fill (like a password manager's "page details"). Per control: its kind, the component
// library behind it, visibility and geometry, and every candidate label with its source — <label>,
// aria-label/-labelledby/-describedby, placeholder, title, name, id, autocomplete, the text left of
// it in the same row, the text above it, its table column/row header, the fieldset legend or the
// section heading — the option texts of selects and radio groups, and its ancestors (so the core
// can find repeated job entries). Nothing is decided here: no field names, no matching.
import { deepQueryAll } from './deep-dom.js';
const MAX_CONTROLS = 2000;
const MAX_TEXT = 160;
const CONTROL = 'input, select, textarea, button, [role=combobox], [role=button]';
const HEADING = 'h1, h2, h3, h4, h5, h6, legend, caption, [role=heading], .card-header, .card-title, .el-card__header, .ant-card-head-title, .ant-card-head, .panel-heading';
const SKIP_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'SELECT', 'OPTION', 'TEXTAREA', 'NOSCRIPT']);

/** Visible-ish text of `node`, without the text of `skip` (a control inside a wrapping label). */
function textOf(node, skip) {
  if (!node) return '';
  if (node.nodeType === 3) return clean(node.nodeValue);
  const parts = [];
  let budget = 600;
  (function walk(n) {
    for (let c = n.firstChild; c && budget > 0; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const v = c.nodeValue;
        if (v && v.trim()) {
          parts.push(v);
          budget -= v.length;
        }
      } else if (c.nodeType === 1 && !SKIP_TEXT.has(c.tagName) && c !== skip && !c.hidden && c.getAttribute('aria-hidden') !== 'true') walk(c);
    }
  })(node);
  return clean(parts.join(' '));
}
const clean = (s) => String(s || '').replace(/\s+/g, ' ').trim().slice(0, 600);
const cut = (s) => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s);

/** The component library behind a control, and the element a person sees as the control. */
function widgetOf(el) {
  const c = (sel) => el.closest(sel);
  let box;
  if ((box = c('.el-select'))) return { widget: 'el-select', box, kind: 'combobox' };
  if ((box = c('.ant-select'))) return { widget: 'antd-select', box, kind: 'combobox' };
  if ((box = c('.el-date-editor'))) return { widget: 'el-date', box, kind: 'datepicker' };
  if ((box = c('.ant-picker'))) return { widget: 'antd-date', box, kind: 'datepicker' };
  if (/^react-select-\d+-input$/.test(el.id) || el.getAttribute('aria-autocomplete') === 'list') {
    box = el.closest('[class*="-container"]') || el.parentElement.parentElement.parentElement || el;
    return { widget: 'react-select', box, kind: 'combobox' };
  }
  if (el.getAttribute('role') === 'combobox' && el.tagName === 'INPUT') return { widget: 'combobox', box: el, kind: 'combobox' };
  return { widget: '', box: el, kind: null };
}

/** The element a person sees as the control (a widget's outer box). */
export const widgetBox = (el) => widgetOf(el).box;

function kindOf(el) {
  const tag = el.tagName;
  if (tag === 'SELECT') return el.multiple ? null : 'select';
  if (tag === 'TEXTAREA') return 'textarea';
  if (tag === 'BUTTON') return el.getAttribute('type') === 'submit' ? 'submit' : 'button';
  if (tag !== 'INPUT') return el.getAttribute('role') === 'button' ? 'button' : null;
  const type = (el.getAttribute('type') || 'text').toLowerCase();
  if (type === 'hidden' || type === 'image' || type === 'reset' || type === 'range' || type === 'color') return null;
  if (type === 'submit') return 'submit';
  if (type === 'button') return 'button';
  if (['email', 'tel', 'number', 'date', 'month', 'password', 'file', 'checkbox', 'radio'].includes(type)) return type;
  return 'text';
}

function visible(el, rect) {
  if (rect.width <= 0 || rect.height <= 0) return false;
  const style = el.ownerDocument.defaultView.getComputedStyle(el);
  return style.visibility !== 'hidden' && style.display !== 'none';
}

// Text that carries no meaning of its own is never a label: ":", "*", "(wajib)", bullets, numbering.
const MEANINGLESS = /^(?:[\s:*•·\-–—.,;()[\]]|\(?\s*(?:wajib(?: diisi)?|required|harus diisi)\s*\)?|\d{1,2}[.)]|[a-z][.)])*$/i;
export const meaningless = (text) => MEANINGLESS.test(text);
// A fixed part of the value shown beside the input: "+62", "62", "0", "Rp", "IDR".
const PREFIX = /^(?:\+?\d{1,3}|Rp\.?|IDR)$/i;

function rectOf(node) {
  if (node.nodeType !== 3) return node.getBoundingClientRect();
  const range = node.ownerDocument.createRange();
  range.selectNodeContents(node);
  return range.getBoundingClientRect();
}

/** A control a person fills (not a button), for telling whether a label spans several. */
const fillable = (el) => el.matches('input:not([type=button]):not([type=submit]):not([type=hidden]):not([type=reset]), select, textarea, [role=combobox]');

/**
 * The nearest text before `box` (left in the same row, or just above), as Chromium infers labels;
 * meaningless text is passed over, a fixed prefix ("+62") is kept apart, and other controls in
 * the same row are passed over too (one label may govern several controls in its row: `skipped`
 * counts them, `node` is the label's node so the controls sharing it can be numbered).
 */
function nearbyText(box, rect, own) {
  const found = { skipped: 0 };
  let node = box;
  for (let depth = 0; depth < 6 && node && node.parentElement && !(found.left || found.above); depth++) {
    let sib = node.previousSibling;
    for (let n = 0; sib && n < 8; n++, sib = sib.previousSibling) {
      if (sib.nodeType === 1 && (sib.matches(CONTROL) || sib.querySelector(CONTROL))) {
        // A fillable control beside it in the same row: the row's label may be for both.
        const r = sib.getBoundingClientRect();
        const sameRow = r.top < rect.bottom - 2 && r.bottom > rect.top + 2 && r.right <= rect.left + 6;
        const ctl = sib.matches(CONTROL) ? sib : sib.querySelector(CONTROL);
        if (!sameRow || !fillable(ctl) || found.skipped >= 3) return found; // text beyond another control is its own
        found.skipped += sib.matches(CONTROL) ? 1 : sib.querySelectorAll('input, select, textarea').length || 1;
        continue;
      }
      if (own.has(sib) || sib.nodeName === 'LEGEND') continue; // its own <label> (already read); a legend is the section's
      const text = sib.nodeType === 3 ? clean(sib.nodeValue) : sib.nodeType === 1 ? textOf(sib) : '';
      if (!text || MEANINGLESS.test(text)) continue;
      const r = rectOf(sib);
      if (r.width <= 0 && r.height <= 0) continue;
      const overlapsRow = r.top < rect.bottom - 2 && r.bottom > rect.top + 2;
      if (PREFIX.test(text) && overlapsRow && r.right <= rect.left + 6 && rect.left - r.right < 40 && !found.prefix && !found.skipped) {
        found.prefix = text;
        continue;
      }
      if (r.right <= rect.left + 6 && overlapsRow) found.left = cut(text.slice(-MAX_TEXT));
      else if (r.bottom <= rect.top + 6 && rect.top - r.bottom < 80) found.above = cut(text.slice(-MAX_TEXT));
      if (found.left || found.above) {
        found.node = sib;
        break;
      }
    }
    node = node.parentElement;
  }
  return found;
}

/**
 * A caption drawn over the top edge of the control's box (a floating label, placed there by CSS
 * wherever it sits in the markup): it starts over the box and straddles its top border.
 */
function captionOnTopEdge(box, rect) {
  let node = box;
  for (let depth = 0; depth < 3 && node && node.parentElement; depth++, node = node.parentElement) {
    for (const step of ['previousSibling', 'nextSibling']) {
      for (let sib = node[step], n = 0; sib && n < 4; sib = sib[step], n++) {
        if (sib.nodeType !== 1 || sib.matches(CONTROL) || sib.querySelector(CONTROL)) continue;
        const text = textOf(sib);
        if (!text || MEANINGLESS.test(text)) continue;
        const r = sib.getBoundingClientRect();
        const straddles = r.top < rect.top && r.bottom > rect.top && r.bottom <= rect.top + rect.height / 2 + 2;
        if (straddles && r.left >= rect.left - 4 && r.left < rect.right) return cut(text);
      }
    }
  }
  return '';
}

/** The short text right after `box` in its row: a unit ("/ 4,00", "%"), or a checkbox's label. */
function textAfter(box, rect, max) {
  let node = box;
  for (let depth = 0; depth < 2 && node && node.parentElement; depth++, node = node.parentElement) {
    for (let sib = node.nextSibling, n = 0; sib && n < 4; sib = sib.nextSibling, n++) {
      if (sib.nodeType === 1 && (sib.matches(CONTROL) || sib.querySelector(CONTROL))) return '';
      const text = sib.nodeType === 3 ? clean(sib.nodeValue) : sib.nodeType === 1 ? textOf(sib) : '';
      if (!text || MEANINGLESS.test(text)) continue;
      const r = rectOf(sib);
      const sameRow = r.top < rect.bottom - 2 && r.bottom > rect.top + 2 && r.left >= rect.right - 6 && r.left - rect.right < 60;
      return sameRow && text.length <= max ? cut(text) : '';
    }
  }
  return '';
}

/** Its column's header and its row's header, when the control sits in a table cell. */
function tableHeaders(box) {
  const out = [];
  const cell = box.closest('td, th');
  const row = cell && cell.parentElement;
  const table = cell && cell.closest('table');
  if (!cell || !table) return out;
  const head = (table.tHead && table.tHead.rows[0]) || [...table.rows].find((r) => r.cells.length && [...r.cells].every((c) => c.tagName === 'TH'));
  if (head && head !== row && head.cells[cell.cellIndex]) out.push(textOf(head.cells[cell.cellIndex]));
  const rowHead = [...row.cells].find((c) => c.tagName === 'TH' && c !== cell);
  if (rowHead) out.push(textOf(rowHead));
  return out.filter(Boolean);
}

/** The nearest section heading before the control (card header, h1–h6, legend, caption). */
function headingOf(box) {
  let node = box;
  for (let depth = 0; depth < 10 && node && node.parentElement; depth++) {
    // The nearest heading before it in its section (rows of other controls in between are fine).
    let sib = node.previousElementSibling;
    for (let n = 0; sib && n < 40; n++, sib = sib.previousElementSibling) {
      if (sib.querySelector(CONTROL)) continue;
      const h = sib.matches(HEADING) ? sib : [...sib.querySelectorAll(HEADING)].pop();
      const text = h && textOf(h);
      if (text) return text;
    }
    node = node.parentElement;
  }
  return '';
}

/** Stable small ids for ancestor elements (within one collection). */
function pathOf(box, ids) {
  const path = [];
  for (let a = box.parentElement; a && path.length < 16; a = a.parentElement) {
    if (!ids.has(a)) ids.set(a, ids.size + 1);
    path.push(ids.get(a));
  }
  return path;
}

/** What the control shows now: its value, the chosen option, or a widget's selected text. */
export function shownValue(el) {
  if (el.tagName === 'SELECT') return el.selectedIndex >= 0 ? clean(el.options[el.selectedIndex].text) : '';
  const { widget, box } = widgetOf(el);
  if (widget === 'el-select' || widget === 'antd-select' || widget === 'react-select' || widget === 'combobox') {
    if (widget === 'combobox') return clean(el.value);
    for (const sel of ['.el-select__placeholder:not(.is-transparent)', '.ant-select-selection-item', '.ant-select-content-has-value', '[class*="singleValue"]', '[class*="single-value"]']) {
      const shown = box.querySelector(sel);
      if (shown && textOf(shown)) return textOf(shown);
    }
    return '';
  }
  return clean(el.value);
}

function labelsOf(el, box, rect, kind, radios) {
  const doc = el.ownerDocument;
  const labels = [];
  const add = (source, text) => {
    const t = cut(clean(text));
    if (t) labels.push({ source, text: t });
  };
  const own = radios ? radios : [el];
  // Its own <label> may also be the caption the next controls in its row share ("Tempat / Tgl.
  // Lahir" for a place box, then a date): kept with its node, to number them (below).
  if (!radios) {
    for (const l of el.labels || []) {
      const text = cut(textOf(l, el));
      if (text) labels.push({ source: 'label', text, node: l, skipped: 0 });
    }
  }
  for (const attr of ['aria-label', 'aria-labelledby', 'aria-describedby']) {
    const v = el.getAttribute(attr) || (box !== el && box.getAttribute(attr));
    if (!v) continue;
    if (attr === 'aria-label') add('aria_label', v);
    else add(attr.replace('-', '_'), v.split(/\s+/).map((id) => textOf((el.getRootNode().getElementById ? el.getRootNode() : doc).getElementById(id))).join(' ')); // ids are per shadow root
  }
  // A group's name ("Tanggal Lahir" over day / month / year selects) names each control in it.
  const group = !el.getAttribute('aria-label') && box.parentElement && box.parentElement.closest('[role="group"][aria-label], [role="group"][aria-labelledby]');
  if (group) {
    const by = group.getAttribute('aria-labelledby');
    add('aria_label', group.getAttribute('aria-label') || by.split(/\s+/).map((id) => textOf((group.getRootNode().getElementById ? group.getRootNode() : doc).getElementById(id))).join(' '));
  }
  add('placeholder', el.getAttribute('placeholder') || '');
  if (kind === 'combobox' || kind === 'datepicker') {
    const ph = box.querySelector('[class*="placeholder"]');
    if (ph && ph !== el) add('placeholder', textOf(ph));
  }
  add('title', el.getAttribute('title') || '');
  add('name', own[0].getAttribute('name') || '');
  add('id', own[0].id || '');
  const ac = el.getAttribute('autocomplete');
  if (ac && !/^(on|off)$/i.test(ac)) add('autocomplete', ac);
  if (kind === 'button' || kind === 'submit') add('text', el.tagName === 'INPUT' ? el.value : textOf(el));
  const near = nearbyText(box, rect, new Set(radios ? [] : el.labels || []));
  if (near.left) labels.push({ source: 'left', text: near.left, node: near.node, skipped: near.skipped });
  if (near.above) labels.push({ source: 'above', text: near.above, node: near.node, skipped: near.skipped });
  if (near.prefix) add('prefix', near.prefix);
  if (!labels.some((l) => ['label', 'aria_label', 'aria_labelledby', 'left', 'above'].includes(l.source))) add('above', captionOnTopEdge(box, rect));
  if (kind === 'checkbox' && !(el.labels && el.labels.length)) add('right', textAfter(box, rect, MAX_TEXT));
  else if (kind !== 'radio' && kind !== 'checkbox') add('suffix', textAfter(box, rect, 12));
  for (const h of tableHeaders(box)) add('table_header', h);
  const fieldset = box.closest('fieldset');
  const legend = fieldset && fieldset.querySelector('legend');
  if (legend) add('legend', textOf(legend));
  add('heading', headingOf(fieldset || box));
  return labels;
}

/**
 * The page's controls: {snapshot: {url, title, controls: [...]}, elements: [...]} where
 * `elements[i]` is the element (or, for a radio group, the list of radios) of control `i`.
 */
export function collectControls(doc) {
  const elements = [];
  const controls = [];
  const ids = new Map();
  const seenBoxes = new Set();
  const radioGroups = new Map();
  // Controls inside web components' shadow roots too (deep-dom.js).
  const all = (sel) => deepQueryAll(doc, sel);
  for (const el of all(CONTROL)) {
    if (controls.length >= MAX_CONTROLS) break;
    let kind = kindOf(el);
    const w = widgetOf(el);
    if (w.kind && el.tagName === 'INPUT') kind = w.kind;
    if (!kind) continue;
    if (w.widget && el.tagName !== 'INPUT') continue; // a widget's own buttons (clear, arrow)
    if (seenBoxes.has(w.box) && w.box !== el) continue;
    seenBoxes.add(w.box);
    let radios = null;
    let box = w.box;
    if (kind === 'radio') {
      if (radioGroups.has(el)) continue;
      const name = el.name;
      if (name) radios = all('input[type=radio]').filter((r) => r.name === name && r.form === el.form && r.getRootNode() === el.getRootNode());
      else {
        // Unnamed radios (some component libraries): the ones sharing the nearest container.
        radios = [el];
        for (let a = el.parentElement, n = 0; a && n < 5 && radios.length < 2; a = a.parentElement, n++) {
          radios = [...a.querySelectorAll('input[type=radio]')].filter((r) => !r.name);
        }
      }
      radios.forEach((r) => radioGroups.set(r, true));
      box = commonAncestor(radios);
    }
    const r = box.getBoundingClientRect();
    const options =
      kind === 'select'
        ? [...el.options].slice(0, 500).map((o) => cut(clean(o.text)))
        : radios
          ? radios.map((x) => cut([...(x.labels || [])].map((l) => textOf(l, x)).join(' ') || x.value))
          : [];
    if (kind === 'radio') {
      // A radio's option text: its label, else the text right of it, else its value.
      radios.forEach((radio, k) => {
        if (!options[k] || options[k] === radio.value) options[k] = cut(textAfter(radio, radio.getBoundingClientRect(), MAX_TEXT) || options[k]);
      });
    }
    controls.push({
      id: controls.length,
      kind,
      widget: w.widget,
      visible: visible(box, r),
      disabled: !!el.disabled || el.getAttribute('aria-disabled') === 'true',
      readonly: !!el.readOnly,
      rect: [Math.round(r.left), Math.round(r.top + (doc.defaultView.scrollY || 0)), Math.round(r.width), Math.round(r.height)],
      labels: labelsOf(el, box, r, kind, radios),
      options,
      path: pathOf(box, ids),
      value: kind === 'password' ? '' : cut(radios ? '' : shownValue(el)),
    });
    elements.push(radios || el);
  }
  // One label governing several controls in its row ("Tempat / Tgl. Lahir"), left of them or
  // above them (a caption over the row, a dt over its dd): number them.
  const sharing = new Map();
  for (const c of controls) for (const l of c.labels) if (l.node) sharing.set(l.node, [...(sharing.get(l.node) || []), l]);
  for (const list of sharing.values()) {
    const ordered = list.filter((l) => l.source === 'left' || l.source === 'above' || l.source === 'label').sort((a, b) => a.skipped - b.skipped);
    if (ordered.length > 1 && ordered.every((l, k) => l.skipped === k)) ordered.forEach((l, k) => Object.assign(l, { part: k, parts: ordered.length }));
  }
  for (const c of controls) {
    for (const l of c.labels) {
      delete l.node;
      delete l.skipped;
    }
  }
  return { snapshot: { url: String(doc.location && doc.location.href).slice(0, 300), title: cut(doc.title || ''), controls }, elements };
}

function commonAncestor(nodes) {
  let a = nodes[0].parentElement;
  while (a && !nodes.every((n) => a.contains(n))) a = a.parentElement;
  return a || nodes[0];
}
