// Remembers the rules an SSCASN upload page states (each row's document, limit and type) in
// storage.local with the date, so "Persiapan dokumen" can check a whole set against the person's
// own registration before the site opens. Reads rows with the same helpers as the input watcher
// (describeInput / rowText); stores nothing else. Tells the person, with a link to the page.
(function (root) {
  'use strict';
  const NS = (root.SSCASN = root.SSCASN || {});
  NS.RULES_KEY = 'uploadRules';
  const MAX_ROWS = 64;
  const OPTIONAL_RE = /\b(opsional|optional|jika\s+ada|bila\s+ada|apabila\s+ada|tidak\s+wajib)\b/i;
  const METERAI_RE = /meterai|materai/i;

  /**
   * The rows of an upload page as plain data: [{doc, max_kb, expected, required, emeterai}], one
   * per document (the first row naming it wins). Stamping inputs and unnamed rows are left out.
   */
  NS.readUploadRows = function readUploadRows(doc) {
    const rows = [];
    for (const input of doc.querySelectorAll('input[type="file"]')) {
      const info = NS.describeInput(input);
      if (info.stamping || info.doc === 'other' || rows.some((r) => r.doc === info.doc)) continue;
      let text = NS.rowText(input);
      for (const f of input.files || []) text = text.split(f.name).join(' ');
      rows.push({
        doc: info.doc,
        max_kb: info.maxKb || null,
        expected: info.expected || null,
        required: !OPTIONAL_RE.test(text),
        emeterai: METERAI_RE.test(text),
      });
      if (rows.length >= MAX_ROWS) break;
    }
    return rows;
  };

  /** The stored rules ({date, source, rows}) or null. */
  NS.loadUploadRules = async function loadUploadRules() {
    try {
      const got = await NS.api.storage.local.get({ [NS.RULES_KEY]: null });
      const r = got && got[NS.RULES_KEY];
      return r && Array.isArray(r.rows) && r.rows.length ? r : null;
    } catch (_) {
      return null;
    }
  };

  const NOTE_STYLE = `
    :host { all: initial; position: fixed; left: 16px; bottom: 16px; z-index: 2147482999; font: 12px/1.4 system-ui, sans-serif; }
    :host([hidden]) { display: none; }
    :host([data-small]) .text { display: none; }
    .box { background: #fff; border: 1px solid #90cdf4; border-radius: 8px; box-shadow: 0 2px 10px rgba(0,0,0,.15); padding: 6px 8px; max-width: 280px; color: #1f2933; }
    a { color: #2b6cb0; font-weight: 600; cursor: pointer; text-decoration: underline; }
    button { all: unset; cursor: pointer; margin-left: 6px; color: #52606d; }
  `;

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
        NS.sendMessage({ type: 'prepare', op: 'open' }).catch(() => {});
      };
      open.addEventListener('click', go);
      open.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && go(e));
      close.addEventListener('click', () => host.remove());
      doc.body.append(host);
    }
    host.dataset.rows = String(count);
    const text = t('prep_noteSaved', count);
    host.shadowRoot.querySelector('.text').textContent = text;
    host.shadowRoot.querySelector('.box').title = text;
    // Said once in full, then only the link stays, out of the way of the site's own rows.
    host.removeAttribute('data-small');
    clearTimeout(host._small);
    host._small = setTimeout(() => host.setAttribute('data-small', ''), 10000);
  }

  /**
   * On an upload page: store its rows (with the date) once they are rendered, and again when
   * they change; the page's own work is never touched. Returns a function that stops watching.
   */
  NS.rememberUploadRules = function rememberUploadRules(doc, t) {
    if (/e-?meterai/i.test(doc.location.pathname)) return () => {};
    let last = '';
    let timer = null;
    const save = async () => {
      timer = null;
      const rows = NS.readUploadRows(doc);
      if (!rows.length) return;
      const key = JSON.stringify(rows);
      if (key === last) return;
      last = key;
      const rules = { date: new Date().toISOString(), source: doc.location.origin + doc.location.pathname, rows };
      try {
        await NS.api.storage.local.set({ [NS.RULES_KEY]: rules });
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
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = NS;
})(typeof globalThis !== 'undefined' ? globalThis : this);
