// Apply: carry out the Rust core's fill plan the way a person would — focus, type (through the
// native value setter with bubbling input/change events, so React and Vue controlled inputs see
// it), choose in native selects, open searchable/remote selects (react-select, element-plus,
// antd), type, wait for their options and click the one the core picks, type dates into date
// pickers and confirm — then READ BACK every control and report three lists: filled, not found
// on this page, not accepted by the page. Never a captcha, password, file or submit control.
import { collectControls, shownValue, widgetBox } from './fill-collect.js';
import { sendMessage } from './platform.js';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const OPTION = '[role=option], .ant-select-item-option, .el-select-dropdown__item';

function forbidden(el) {
  if (!el || !el.tagName) return true;
  const type = (el.getAttribute('type') || '').toLowerCase();
  return type === 'password' || type === 'file' || type === 'hidden' || type === 'submit' || el.disabled;
}

function setNative(el, value) {
  const win = el.ownerDocument.defaultView;
  const proto = el instanceof win.HTMLTextAreaElement ? win.HTMLTextAreaElement.prototype
    : el instanceof win.HTMLSelectElement ? win.HTMLSelectElement.prototype : win.HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
}

function key(el, name) {
  const win = el.ownerDocument.defaultView;
  const code = name === 'Enter' ? 13 : name === 'Escape' ? 27 : 0;
  for (const type of ['keydown', 'keyup']) el.dispatchEvent(new win.KeyboardEvent(type, { key: name, code: name, keyCode: code, which: code, bubbles: true, cancelable: true }));
}

function press(el) {
  const win = el.ownerDocument.defaultView;
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
    const Ev = type.startsWith('pointer') && win.PointerEvent ? win.PointerEvent : win.MouseEvent;
    el.dispatchEvent(new Ev(type, { bubbles: true, cancelable: true, button: 0, view: win }));
  }
}

/** Type a value as a person does: focus, the native setter, input and change that bubble. */
export function typeValue(el, value, { blur = true } = {}) {
  const win = el.ownerDocument.defaultView;
  el.focus();
  setNative(el, value);
  el.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
  el.dispatchEvent(new win.Event('change', { bubbles: true }));
  if (blur) {
    el.blur();
    el.dispatchEvent(new win.FocusEvent('focusout', { bubbles: true }));
  }
}

/**
 * Type as a person does, one character at a time (keydown, beforeinput, the character, input,
 * keyup), for masked inputs that rewrite or refuse a whole value set at once. A page that cancels
 * a beforeinput keeps that character out, as it would for a person.
 */
export function typeByCharacter(el, value) {
  const win = el.ownerDocument.defaultView;
  el.focus();
  setNative(el, '');
  el.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
  for (const ch of String(value)) {
    const opts = { key: ch, bubbles: true, cancelable: true };
    if (!el.dispatchEvent(new win.KeyboardEvent('keydown', opts))) continue;
    el.dispatchEvent(new win.KeyboardEvent('keypress', { ...opts, charCode: ch.charCodeAt(0) }));
    if (!el.dispatchEvent(new win.InputEvent('beforeinput', { bubbles: true, cancelable: true, inputType: 'insertText', data: ch }))) continue;
    const at = typeof el.selectionStart === 'number' && el.selectionStart !== null ? el.selectionStart : el.value.length;
    const end = typeof el.selectionEnd === 'number' && el.selectionEnd !== null ? el.selectionEnd : at;
    setNative(el, el.value.slice(0, at) + ch + el.value.slice(end));
    try {
      el.setSelectionRange(at + 1, at + 1);
    } catch (e) {
      /* type=number/email have no caret */
    }
    el.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: ch }));
    el.dispatchEvent(new win.KeyboardEvent('keyup', opts));
  }
  el.dispatchEvent(new win.Event('change', { bubbles: true }));
  el.blur();
  el.dispatchEvent(new win.FocusEvent('focusout', { bubbles: true }));
}

/** Where this widget's options are: its own listbox/popup (aria-controls), else the page. */
function optionScope(el, box) {
  const id = el.getAttribute('aria-controls') || el.getAttribute('aria-owns');
  const list = id && el.ownerDocument.getElementById(id);
  if (list) return list.closest('.el-select-dropdown, .el-popper, .ant-select-dropdown, [class*="-menu"]') || list;
  return box.querySelector(OPTION) ? box : el.ownerDocument;
}

function visibleOptions(scope) {
  return [...scope.querySelectorAll(OPTION)].filter((o) => {
    const r = o.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && !o.classList.contains('is-disabled') && o.getAttribute('aria-disabled') !== 'true' &&
      !o.classList.contains('ant-select-item-option-disabled');
  });
}

const optionText = (o) => String(o.getAttribute('title') || o.textContent || '').replace(/\s+/g, ' ').trim();

/** Open a searchable/remote select, type, wait for its options, click the one the core picks. */
async function choose(el, step) {
  const box = widgetBox ? widgetBox(el) : el;
  const control = box.querySelector('.el-select__wrapper, .ant-select-selector, [class*="-control"]') || box;
  press(control);
  el.focus();
  if (!el.readOnly && step.search) {
    await sleep(30);
    typeValue(el, step.search, { blur: false });
  }
  let last = '';
  let stable = 0;
  let empty = 0;
  let cleared = !step.search || el.readOnly;
  // The words typed found nothing the widget offers ("L" / "P", "Pria" / "Wanita" for
  // "Perempuan"): clear them and read the whole list, as a person would.
  const clearSearch = () => {
    typeValue(el, '', { blur: false });
    cleared = true;
    stable = 0;
    empty = 0;
  };
  for (let i = 0; i < 80; i++) {
    await sleep(i === 0 ? 150 : 100);
    const options = visibleOptions(optionScope(el, box));
    const texts = options.map(optionText);
    const sig = texts.join('\n');
    stable = sig && sig === last ? stable + 1 : 0;
    last = sig;
    empty = texts.length ? 0 : empty + 1;
    if (!texts.length && empty >= 8 && !cleared) clearSearch(); // a remote list answers well within that
    if (!texts.length || stable < 1) continue;
    const reply = await sendMessage({ type: 'choose-option', field: step.field, value: step.value, options: texts.slice(0, 500) }, 5000);
    const index = reply && reply.ok ? reply.index : null;
    if (index === null || index === undefined) {
      if (stable < 6) continue; // the remote list may still be narrowing
      if (!cleared) {
        clearSearch();
        continue;
      }
      closeWidget(el);
      return { ok: false, reason: 'no_option' };
    }
    options[index].scrollIntoView({ block: 'nearest' });
    press(options[index]);
    await sleep(80);
    closeWidget(el);
    // Let its popup close before the next widget opens (closing popups keep their options visible).
    for (let n = 0; n < 10 && options[index].isConnected && options[index].getBoundingClientRect().height > 0; n++) await sleep(50);
    return { ok: true, expect: texts[index] };
  }
  closeWidget(el);
  return { ok: false, reason: 'no_option' };
}

function closeWidget(el) {
  if (el.ownerDocument.activeElement === el) key(el, 'Escape');
  el.blur();
}

/** Date picker widgets: type the date in the picker's format and confirm with Enter. */
async function pickDate(el, step) {
  press(el);
  el.focus();
  await sleep(30);
  typeValue(el, step.value, { blur: false });
  await sleep(30);
  key(el, 'Enter');
  await sleep(30);
  closeWidget(el);
  return { ok: true, expect: step.value };
}

async function applyStep(target, step) {
  if (step.how === 'radio') {
    const radio = Array.isArray(target) ? target[step.option] : null;
    if (!radio || forbidden(radio)) return { ok: false, reason: 'skipped' };
    (radio.labels && radio.labels[0] && radio.ownerDocument.defaultView.getComputedStyle(radio).opacity === '0' ? radio.labels[0] : radio).click();
    return { ok: true, expect: step.value, read: () => (radio.checked ? step.value : '') };
  }
  const el = target;
  if (forbidden(el)) return { ok: false, reason: 'skipped' };
  el.scrollIntoView({ block: 'center' });
  if (step.how === 'select') {
    const win = el.ownerDocument.defaultView;
    el.focus();
    el.selectedIndex = step.option;
    el.dispatchEvent(new win.Event('input', { bubbles: true }));
    el.dispatchEvent(new win.Event('change', { bubbles: true }));
    el.blur();
    return { ok: true, expect: step.value };
  }
  if (step.how === 'check') {
    if (!el.checked) (el.labels && el.labels[0] ? el.labels[0] : el).click();
    return { ok: true, expect: 'true', read: () => (el.checked ? 'true' : '') };
  }
  if (step.how === 'choose') return choose(el, step);
  if (step.how === 'pick_date') return pickDate(el, step);
  typeValue(el, step.value);
  // The page rewrote or refused the whole value (a mask): type it as a person does, then read back.
  await sleep(10);
  if (!sameValue(shownValue(el), step.value)) typeByCharacter(el, step.value);
  return { ok: true, expect: step.value };
}

const norm = (s) => String(s || '').toLowerCase().replace(/\s+/g, ' ').trim();
const digits = (s) => String(s || '').replace(/\D/g, '');
function sameValue(shown, expect) {
  if (norm(shown) === norm(expect)) return true;
  const d = digits(expect);
  return d.length >= 4 && d.length >= norm(expect).replace(/[^a-z0-9]/g, '').length && digits(shown) === d;
}

async function planFor(doc, profile) {
  const { snapshot, elements } = collectControls(doc);
  const reply = await sendMessage({ type: 'plan-fill', snapshot, profile }, 10000);
  if (!reply || !reply.ok) throw new Error((reply && reply.error) || 'no plan');
  return { plan: reply.plan, elements };
}

/** Whether the page shows any control the profile can fill (asks the core). */
export async function hasFillableFields(doc) {
  const { plan } = await planFor(doc, null);
  return plan.matched > 0;
}

/**
 * Fill the page from `profile`. Resolves to {filled, notFound, notAccepted, empty, untouched}:
 * lists of {field, name: {id, en}, reason?} (untouched: control ids never touched).
 */
export async function fillPage(doc, profile) {
  let { plan, elements } = await planFor(doc, profile);
  // More job entries are needed: click "Tambah …" (never a submit button), then plan again.
  for (let n = 0; plan.add_entry && n < 10; n++) {
    const button = elements[plan.add_entry.control];
    if (!button || button.type === 'submit' || forbidden(button)) break;
    const before = plan.job_entries;
    const count = elements.length;
    button.click();
    for (let i = 0; i < 30 && collectControls(doc).elements.length === count; i++) await sleep(100);
    ({ plan, elements } = await planFor(doc, profile));
    if (plan.job_entries <= before) break;
  }
  const result = {
    filled: [], notFound: [], notAccepted: [], empty: [], unsure: [], untouched: plan.untouched.map((u) => u.control),
    // Controls the core could not map, by the label a person sees.
    unrecognised: (plan.unrecognised || []).map((u) => u.label),
  };
  for (const step of plan.steps) {
    const target = elements[step.control];
    let outcome;
    try {
      outcome = await applyStep(target, step);
    } catch (e) {
      outcome = { ok: false, reason: 'error' };
    }
    const entry = { field: step.field, name: step.name };
    if (!outcome.ok) {
      result.notAccepted.push({ ...entry, reason: outcome.reason });
      continue;
    }
    await sleep(20);
    // Read back what the page holds now.
    const el = Array.isArray(target) ? null : target;
    const shown = outcome.read ? outcome.read() : shownValue(el);
    if (sameValue(shown, outcome.expect)) result.filled.push(entry);
    else result.notAccepted.push({ ...entry, reason: 'not_kept', shown });
  }
  // A field planned as several controls (a date as day / month / year) is filled only when
  // every part was read back.
  for (let i = result.filled.length - 1; i >= 0; i--) {
    const f = result.filled[i];
    if (result.notAccepted.some((n) => n.field === f.field)) result.filled.splice(i, 1);
    else if (result.filled.findIndex((g) => g.field === f.field) < i) result.filled.splice(i, 1);
  }
  for (let i = result.notAccepted.length - 1; i >= 0; i--) {
    if (result.notAccepted.findIndex((g) => g.field === result.notAccepted[i].field) < i) result.notAccepted.splice(i, 1);
  }
  // A later step (a re-render) can undo an earlier one: read every filled control once more.
  await sleep(50);
  for (const step of plan.steps) {
    const target = elements[step.control];
    const i = result.filled.findIndex((f) => f.field === step.field);
    if (i < 0 || Array.isArray(target) || step.how === 'choose' || step.how === 'check') continue;
    if (!sameValue(shownValue(target), step.value)) result.notAccepted.push({ ...result.filled.splice(i, 1)[0], reason: 'not_kept' });
  }
  for (const m of plan.missing) {
    const entry = { field: m.field, name: m.name, reason: m.reason };
    if (m.reason === 'empty_in_profile') result.empty.push(entry);
    else if (m.reason === 'no_option' || m.reason === 'bad_value') result.notAccepted.push(entry);
    else if (m.reason === 'unsure') result.unsure.push(entry);
    else result.notFound.push(entry);
  }
  return result;
}

// The summary groups a whole section the page does not have under the section's name.
const SECTIONS = [
  ['data_diri', (f) => !f.includes('.')],
  ['pendidikan', (f) => f.startsWith('pendidikan.')],
  ['formasi', (f) => f.startsWith('formasi.')],
  ['pekerjaan', (f) => f.startsWith('pekerjaan.')],
];
function groupBySection(list, others, t, names) {
  const out = [];
  let rest = list;
  for (const [key, inSection] of SECTIONS) {
    const here = rest.filter((f) => inSection(f.field));
    if (here.length > 1 && !others.some((f) => inSection(f.field))) {
      out.push(t('fillSection_' + key, String(here.length)));
      rest = rest.filter((f) => !inSection(f.field));
    }
  }
  return [...out, names(rest)].filter(Boolean).join(', ');
}

/** The person's summary: filled, not found on this page, not accepted, empty in the profile. */
export function fillSummary(result, t) {
  const lang = t('fillNameLang') === 'en' ? 'en' : 'id';
  const names = (list) => list.map((f) => (f.name && f.name[lang]) || f.field).join(', ');
  const lines = [t('fillDone', String(result.filled.length), names(result.filled) || '-')];
  // Every field of the profile is in one line: filled, not accepted, to check, not on this page, empty.
  if (result.notAccepted.length) lines.push(t('fillNotAccepted', names(result.notAccepted)));
  if (result.unsure && result.unsure.length) lines.push(t('fillUnsure', names(result.unsure)));
  if (result.unrecognised && result.unrecognised.length) lines.push(t('fillUnrecognised', result.unrecognised.map((l) => '"' + l + '"').join(', ')));
  const onPage = [...result.filled, ...result.notAccepted, ...(result.unsure || [])];
  if (result.notFound.length) lines.push(t('fillMissing', groupBySection(result.notFound, onPage, t, names)));
  if (result.empty.length) lines.push(t('fillEmpty', names(result.empty)));
  lines.push(t('fillNeverTouched'));
  return lines.join('\n');
}
