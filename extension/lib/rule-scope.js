// What a person reads around one upload control, gathered for the Rust core (which reads the limit,
// the file type and the stage from these words: crate/core/src/stated_rules.rs):
// - the control's own words (its label, button text, aria-label; a dialog's opening button),
// - its row, without the words of the row's other controls ("Unggah PDF yang belum ada
//   e-Meterai" beside a document's own "Unggah" belongs to that other button),
// - the notices that govern the list the row is in, nearest first: text above the list, the
//   step's header, a "Ketentuan" box, a table's header row,
// - the page's visible text (only to tell whether the page states any limit at all).
// Reads visible text only (innerText, and the text inside shadow roots); never changes the page.
import { composedParent, deepQueryAll, deepText } from './deep-dom.js';
const ROW_CHARS = 1200;
const NOTICE_CHARS = 800;
const PAGE_CHARS = 20000;
const MAX_NOTICES = 8;
const MAX_LEVELS = 12;
const CONTROLS = 'label, button, a[href], [role="button"], input[type="button"], input[type="submit"], input[type="file"]';
const norm = (s) => String(s || '').replace(/[ \t]+/g, ' ').trim();
// Text inside web components' shadow roots is the row's text too (deep-dom.js reads it).
const textOf = (el, max) => deepText(el, max);
const queryAll = (el, selector) => deepQueryAll(el, selector);
const parentOf = (el) => composedParent(el);
/** `text` without the chosen files' `names` (a file name is not a row's words). */
export const withoutNames = (text, names) => (names || []).reduce((t, n) => (n ? t.split(n).join(' ') : t), String(text || ''));

/** Whether `text` mentions a size at all ("200 KB", "0,5 MB"): where a row's own words may end. */
export const mentionsSize = (text) => /\d\s*(?:[kmg]i?b\b|kilo|mega)/i.test(String(text || ''));

/** The words of the control a person uses for `input`: the visible control, its labels, aria. */
export function controlWords(input, control) {
  const parts = [];
  if (control && control !== input) parts.push(textOf(control, ROW_CHARS), control.getAttribute('aria-label') || '', control.title || '');
  for (const l of input.labels || []) parts.push(textOf(l, ROW_CHARS));
  parts.push(input.getAttribute('aria-label') || '', input.title || '');
  return norm([...new Set(parts.map(norm).filter(Boolean))].join('\n')).slice(0, ROW_CHARS);
}

/** `node`'s text without the words of its controls other than `own` (and what holds `own`). */
export function rowWords(node, own) {
  let text = textOf(node, ROW_CHARS * 4);
  for (const c of queryAll(node, CONTROLS)) {
    if (own.some((o) => o && (c === o || c.contains(o) || o.contains(c)))) continue;
    const words = norm(c.innerText || c.value || '');
    if (words.length > 2) text = text.split(words).join(' ');
  }
  // A row's tooltip (an "ⓘ" with a title) is read by a person who points at it.
  const tips = queryAll(node, '[title]').filter((t) => !own.includes(t)).map((t) => norm(t.title)).filter(Boolean);
  if (tips.length) text += '\n' + [...new Set(tips)].join('\n');
  return text.slice(0, ROW_CHARS);
}

// A notice may hold a link ("lihat pengumuman"); a row holds a button or a file input.
const ROW_CONTROLS = 'button, [role="button"], input[type="button"], input[type="submit"], input[type="file"]';
const holdsControls = (el) => el.matches(ROW_CONTROLS) || queryAll(el, ROW_CONTROLS).length > 0;
const sameKind = (a, b) => a.localName === b.localName && a.className === b.className;

/**
 * Texts above `row` that govern its list, nearest first: at each level up from the row, what
 * stands before it (siblings without controls of their own: a notice, a header, a "Ketentuan"
 * box, a table's header), skipping the row's own kind (the rows before it).
 */
export function noticesAbove(row) {
  const out = [];
  const body = row.ownerDocument.body;
  let child = row;
  for (let level = 0; level < MAX_LEVELS && parentOf(child) && child !== body && out.length < MAX_NOTICES; level++) {
    for (let s = child.previousElementSibling; s && out.length < MAX_NOTICES; s = s.previousElementSibling) {
      if (/^(script|style|template|sscasn-)/i.test(s.localName) || sameKind(s, child) || holdsControls(s)) continue;
      const text = norm(textOf(s, NOTICE_CHARS * 2)).slice(0, NOTICE_CHARS);
      if (text && !out.includes(text)) out.push(text);
    }
    child = parentOf(child);
  }
  return out;
}

/**
 * Everything the core needs to read `input`'s rule: {control, row, notices, page, accept,
 * stamping_page}. `row` is the row element, `control` the visible control (or the dialog's
 * opening button), `names` the chosen files' names (never read as rules).
 */
export function controlTexts(input, row, control, names, stampingPage) {
  const doc = input.ownerDocument;
  const own = [input, control, ...(input.labels || [])];
  return {
    control: withoutNames(controlWords(input, control), names),
    row: withoutNames(row ? rowWords(row, own) : '', names),
    notices: row ? noticesAbove(row).map((t) => withoutNames(t, names)) : [],
    page: withoutNames(doc.body ? textOf(doc.body, PAGE_CHARS) : '', names).slice(0, PAGE_CHARS),
    accept: String(input.getAttribute('accept') || '').slice(0, 200),
    stamping_page: !!stampingPage,
  };
}

/** Whether `texts` is what controlTexts makes, within bounds (the background checks every message). */
export function validControlTexts(x) {
  const str = (s, n) => typeof s === 'string' && s.length <= n;
  return !!x && typeof x === 'object' && str(x.control, ROW_CHARS * 2) && str(x.row, ROW_CHARS * 2) && str(x.page, PAGE_CHARS) &&
    str(x.accept, 200) && typeof x.stamping_page === 'boolean' &&
    Array.isArray(x.notices) && x.notices.length <= MAX_NOTICES && x.notices.every((n) => str(n, NOTICE_CHARS * 2));
}
