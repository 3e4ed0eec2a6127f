// Remembers the rules an SSCASN upload page states (each row's document, limit and type) in
// storage.local with the date, so "Persiapan dokumen" can check a whole set against the person's
// own registration before the site opens. Reads rows with the same helpers as the badges (the words
// around each control, read by the core); stores nothing else. Tells the person, with a link to
// the page, from a corner where the note covers nothing of the site (else below the page).
import { api, sendMessage } from './platform.js';
import { controlTexts, mentionsSize } from './rule-scope.js';
import { controlOf, describeInput, rowOf } from './watch.js';
export const RULES_KEY = 'uploadRules';
const MAX_ROWS = 64;
const OPTIONAL_RE = /\b(opsional|optional|jika\s+ada|bila\s+ada|apabila\s+ada|tidak\s+wajib)\b/i;
const METERAI_RE = /meterai|materai/i;

/**
 * What each file input of the page says, for the core: [{input, doc, texts, text}] (at most
 * MAX_ROWS; chosen files' names removed). The page's own words only, read as for the badges.
 */
export function uploadControls(doc) {
  const out = [];
  for (const input of doc.querySelectorAll('input[type="file"]')) {
    const info = describeInput(input);
    if (info.doc === 'other') continue;
    const names = [...(input.files || [])].map((f) => f.name);
    const row = rowOf(input, names).node;
    const texts = controlTexts(input, row, controlOf(input), names, false);
    texts.page = ''; // only the row's own rule or its notice is remembered, never a default
    out.push({ input, doc: info.doc, expected: info.expected, texts, text: texts.control + '\n' + texts.row });
    if (out.length >= MAX_ROWS) break;
  }
  return out;
}

/**
 * The rows of an upload page as plain data: [{doc, max_kb, expected, required, emeterai}], one
 * per document (the first row naming it wins), from the core's reading of each control
 * (`rules` as `read-rules` returned them). Controls for a file to be stamped are left out.
 */
export function uploadRowsFrom(controls, rules) {
  const rows = [];
  controls.forEach((c, i) => {
    const rule = rules[i];
    if (!rule || rule.stage === 'to_be_stamped' || rows.some((r) => r.doc === c.doc)) return;
    const stated = rule.source === 'row' || rule.source === 'notice';
    rows.push({
      doc: c.doc,
      // Whole KB, rounded down: "maks. 0,2 MB" (209 715 bytes) is kept as 204 KB, never above.
      max_kb: stated ? Math.max(1, Math.floor(rule.max_bytes / 1024)) : null,
      expected: rule.expected || c.expected || null,
      required: !OPTIONAL_RE.test(c.text),
      emeterai: METERAI_RE.test(c.text),
    });
  });
  return rows;
}

/** The stored rules ({date, source, rows}) or null. */
export async function loadUploadRules() {
  try {
    const got = await api.storage.local.get({ [RULES_KEY]: null });
    const r = got && got[RULES_KEY];
    return r && Array.isArray(r.rows) && r.rows.length ? r : null;
  } catch (_) {
    return null;
  }
}

const NOTE_STYLE = `
  :host { all: initial; display: block; position: fixed; left: 16px; bottom: 16px; z-index: 2147482999; font: 12px/1.4 system-ui, sans-serif; }
  :host([data-docked]) { position: static; margin: 8px 16px; width: max-content; max-width: calc(100% - 32px); }
  :host([hidden]) { display: none; }
  :host([data-small]) .text { display: none; }
  .box { background: #fff; border: 1px solid #90cdf4; border-radius: 8px; box-shadow: 0 2px 10px rgba(0,0,0,.15); padding: 6px 8px; max-width: 280px; color: #1f2933; }
  a { color: #2b6cb0; font-weight: 600; cursor: pointer; text-decoration: underline; }
  button { all: unset; cursor: pointer; margin-left: 6px; color: #52606d; }
`;

// Where the note may sit: a corner of the window where it covers nothing of the site, else after
// the page's own content (in the flow, below everything, where it moves nothing).
const CORNERS = [{ left: '16px', bottom: '16px' }, { right: '16px', bottom: '16px' }, { right: '16px', top: '16px' }, { left: '16px', top: '16px' }];
const CONTENT = 'input, button, select, textarea, a, label, [role], img, svg, canvas, video, iframe, embed, object';

/** Whether the site shows something at (x, y) under the note: a control, a picture, or text. */
function siteShowsAt(doc, host, x, y) {
  const top = doc.elementsFromPoint(x, y).find((e) => e !== host && !host.contains(e));
  if (!top || top === doc.documentElement || top === doc.body) return false;
  if (top.closest(CONTENT) || /^sscasn-/.test(top.localName)) return true;
  return [...top.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
}

/** Whether a note at `r` ({left, top, width, height}) would cover anything the site shows (5 × 3 points). */
function coversAt(doc, host, r) {
  for (let i = 0; i <= 4; i++)
    for (let j = 0; j <= 2; j++) if (siteShowsAt(doc, host, r.left + 1 + ((r.width - 2) * i) / 4, r.top + 1 + ((r.height - 2) * j) / 2)) return true;
  return false;
}

/** Whether the note at its present place covers anything the site shows. */
export function noteCoversSite(doc, host) {
  const r = host.getBoundingClientRect();
  return r.width >= 1 && r.height >= 1 && coversAt(doc, host, r);
}

/**
 * Put the note in the first corner of the window where it covers nothing of the site; else dock
 * it after the page's own content for good (going back to floating would shorten the page under
 * a person scrolled to its end). Corners are tried at the note's size without moving it.
 */
function placeNote(doc, host) {
  if (!host.isConnected || host.hasAttribute('data-docked')) return;
  const { width, height } = host.getBoundingClientRect();
  if (width < 1 || height < 1) return;
  for (const corner of CORNERS) {
    const left = corner.left ? 16 : doc.documentElement.clientWidth - 16 - width;
    const top = corner.top ? 16 : doc.documentElement.clientHeight - 16 - height;
    if (coversAt(doc, host, { left, top, width, height })) continue;
    for (const side of ['left', 'right', 'top', 'bottom']) host.style.setProperty(side, corner[side] || 'auto');
    host.dataset.corner = Object.keys(corner).join('-');
    return;
  }
  for (const side of ['left', 'right', 'top', 'bottom']) host.style.removeProperty(side);
  host.setAttribute('data-docked', '');
  delete host.dataset.corner;
  doc.body.append(host);
  if (host._again) host._again.stop(); // docked for good: nothing left to look at
}

/**
 * Look again at the note's place whenever the site under it can have changed: it scrolls, the
 * window resizes, or the page itself changes (rows grow as files are chosen and verdicts appear, a
 * dialog opens) while nothing scrolls. Once per frame at most; the note's own changes do not count.
 * Returns that look-again function, with `stop()`.
 */
function watchPlace(doc, host) {
  const view = doc.defaultView;
  let pending = false;
  const again = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (!host.isConnected) return again.stop(); // closed, or removed by the site
      // Where it is still covers nothing: it stays (a page that changes every frame costs one
      // look at the note's own place, and the note does not wander between corners).
      if (host.dataset.corner && !noteCoversSite(doc, host)) return;
      placeNote(doc, host);
    });
  };
  const changed = new MutationObserver((records) => {
    if (records.some((r) => r.target !== host)) again();
  });
  changed.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
  // Layout the DOM records do not show (pictures and fonts loading, content inside shadow roots).
  const resized = new ResizeObserver(again);
  resized.observe(doc.documentElement);
  resized.observe(doc.body);
  view.addEventListener('scroll', again, { passive: true });
  view.addEventListener('resize', again, { passive: true });
  again.stop = () => {
    changed.disconnect();
    resized.disconnect();
    view.removeEventListener('scroll', again);
    view.removeEventListener('resize', again);
  };
  return again;
}

function showNote(doc, t, count) {
  let host = doc.querySelector('sscasn-rules-note');
  if (!host) {
    host = doc.createElement('sscasn-rules-note');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = NOTE_STYLE;
    const box = doc.createElement('div');
    box.className = 'box';
    box.setAttribute('role', 'status');
    const text = doc.createElement('span');
    text.className = 'text';
    const open = doc.createElement('a');
    open.setAttribute('role', 'button');
    open.tabIndex = 0;
    open.textContent = t('prep_open');
    const close = doc.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', t('prep_noteClose'));
    box.append(text, ' ', open, close);
    shadow.append(style, box);
    const go = (e) => {
      e.preventDefault();
      sendMessage({ type: 'prepare', op: 'open' }).catch(() => {});
    };
    open.addEventListener('click', go);
    open.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && go(e));
    doc.body.append(host);
    host._again = watchPlace(doc, host);
    close.addEventListener('click', () => {
      host._again.stop();
      host.remove();
    });
  }
  host.dataset.rows = String(count);
  const text = t('prep_noteSaved', count);
  host.shadowRoot.querySelector('.text').textContent = text;
  host.shadowRoot.querySelector('.box').title = text;
  // Said once in full, then only the link stays, out of the way of the site's own rows.
  host.removeAttribute('data-small');
  clearTimeout(host._small);
  host._small = setTimeout(() => {
    host.setAttribute('data-small', '');
    host._again();
  }, 10000);
  placeNote(doc, host);
}

/**
 * On an upload page: store its rows (with the date) once they are rendered, and again when
 * they change; the page's own work is never touched. Returns a function that stops watching.
 */
export function rememberUploadRules(doc, t) {
  if (/e-?meterai/i.test(doc.location.pathname)) return () => {};
  let lastTexts = '';
  let last = '';
  let timer = null;
  const save = async () => {
    timer = null;
    const controls = uploadControls(doc);
    if (!controls.length) return;
    // The core is asked only when what can state a rule changed (the background sleeps): the
    // controls, their own words, the notices over them, and whether a row or the page mentions a
    // size at all. A row's text changes with every choice (the site shows the chosen file and its
    // size), which must not wake the background each time.
    const textsKey = JSON.stringify(controls.map((c) => [c.doc, c.texts.control, c.texts.notices, c.texts.accept, mentionsSize(c.texts.row), mentionsSize(c.texts.page)]));
    if (textsKey === lastTexts) return;
    lastTexts = textsKey;
    let read;
    try {
      const reply = await sendMessage({ type: 'read-rules', items: controls.map((c) => ({ doc: c.doc, texts: c.texts })) });
      if (!reply || !reply.ok) {
        lastTexts = ''; // not read this time: read again on the next change
        return;
      }
      read = reply.rules;
    } catch (_) {
      lastTexts = ''; // the background may still be starting: read again on the next change
      return;
    }
    const rows = uploadRowsFrom(controls, read);
    if (!rows.length) return;
    const key = JSON.stringify(rows);
    if (key === last) return;
    last = key;
    const rules = { date: new Date().toISOString(), source: doc.location.origin + doc.location.pathname, rows };
    try {
      await api.storage.local.set({ [RULES_KEY]: rules });
      showNote(doc, t, rows.length);
    } catch (_) {
      // storage unavailable: the page works as without the extension
    }
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(save, 400);
  };
  const observer = new MutationObserver((records) => {
    // Our own note does not count as the page changing.
    if (records.every((r) => [...r.addedNodes, ...r.removedNodes].every((n) => /^SSCASN-/.test(n.nodeName)) || (r.target.closest && r.target.closest('sscasn-rules-note')))) return;
    if (doc.querySelector('input[type="file"]')) schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  if (doc.querySelector('input[type="file"]')) schedule();
  return () => observer.disconnect();
}
