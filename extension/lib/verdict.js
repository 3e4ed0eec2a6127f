// The verdict badge: a compact line beside a file input that opens into the full findings.
// Lives in a shadow root (no style clash with the site) and is built with DOM APIs only: file
// names and messages are always set as text, never parsed as HTML.

const STYLE = `
  :host { all: initial; display: block; contain: inline-size; margin: 4px 0 8px; font: 13px/1.4 system-ui, sans-serif; color: #1f2933; }
  :host([hidden]) { display: none; }
  .box { border: 1px solid #cbd2d9; border-left-width: 4px; border-radius: 6px; padding: 6px 8px; background: #fff; max-width: 560px; }
  :host([data-state="ok"]) .box { border-color: #2f855a; background: #f0fff4; }
  :host([data-state="warning"]) .box { border-color: #b7791f; background: #fffaf0; }
  :host([data-state="error"]) .box { border-color: #c53030; background: #fff5f5; }
  :host([data-state="failed"]) .box, :host([data-state="checking"]) .box { border-color: #718096; background: #f7fafc; }
  .line { display: flex; gap: 8px; align-items: flex-start; }
  .icon { font-weight: 700; width: 1.2em; text-align: center; flex: none; }
  .summary { flex: 1; }
  .text { flex: 1; min-width: 0; }
  .file { display: block; font-size: 12px; color: #52606d; overflow-wrap: anywhere; }
  .file:empty, .limit:empty { display: none; }
  .limit { display: block; font-size: 12px; color: #52606d; }
  button.toggle { flex: none; font: inherit; font-size: 12px; border: 1px solid #a0aec0; background: #fff; border-radius: 4px; cursor: pointer; padding: 1px 8px; }
  .details { margin: 6px 0 0 1.6em; padding: 0; }
  .details[hidden] { display: none; }
  .details li { margin: 2px 0; }
  .details li.error { color: #9b2c2c; } .details li.warning { color: #975a16; }
  .facts { list-style: none; margin: 6px 0 0 1.6em; padding: 0; color: #52606d; font-size: 12px; }
  .facts[hidden] { display: none; }
  .hint { margin: 6px 0 0 1.6em; font-size: 12px; color: #2c5282; }
  .hint[hidden] { display: none; }
  .brand { color: #52606d; font-size: 11px; }
  .action { margin: 6px 0 0 1.6em; }
  .action[hidden] { display: none; }
  .action button { font: inherit; font-weight: 600; color: #fff; background: #2b6cb0; border: 0; border-radius: 4px; padding: 3px 10px; cursor: pointer; }
  .action .note { margin-left: 8px; font-size: 12px; color: #2c5282; }
  .action button + .note { margin-left: 8px; }
  .action .note:first-child { margin-left: 0; }
  .fitted { display: flex; gap: 10px; align-items: center; margin-top: 6px; }
  .fitted canvas { border: 1px solid #cbd2d9; border-radius: 3px; background: #fff; }
  .fitted a { font-weight: 600; color: #2b6cb0; }
`;
const ICONS = { checking: '…', ok: '✓', warning: '!', error: '✗', failed: '?' };

function el(doc, tag, cls, text) {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The badge state a report deserves. */
export function stateOf(report) {
  if (!report || !Array.isArray(report.findings)) return 'failed';
  if (report.findings.some((f) => f.severity === 'error')) return 'error';
  if (report.findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'ok';
}

/** Create an empty verdict element (host + open shadow root). */
export function createVerdict(doc) {
  const host = doc.createElement('sscasn-verdict');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = el(doc, 'style');
  style.textContent = STYLE;
  const box = el(doc, 'div', 'box');
  box.setAttribute('role', 'status');
  box.setAttribute('aria-live', 'polite');
  const line = el(doc, 'div', 'line');
  const icon = el(doc, 'span', 'icon');
  icon.setAttribute('aria-hidden', 'true');
  const summary = el(doc, 'span', 'summary');
  const text = el(doc, 'span', 'text');
  const file = el(doc, 'span', 'file');
  const limit = el(doc, 'span', 'limit');
  text.append(file, summary, limit);
  const toggle = el(doc, 'button', 'toggle');
  toggle.type = 'button';
  const details = el(doc, 'ul', 'details');
  const facts = el(doc, 'ul', 'facts');
  const hint = el(doc, 'div', 'hint');
  details.hidden = facts.hidden = true;
  hint.hidden = true;
  const action = el(doc, 'div', 'action');
  action.hidden = true;
  line.append(icon, text, toggle);
  box.append(line, action, details, facts, hint);
  shadow.append(style, box);
  toggle.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    const open = details.hidden;
    details.hidden = facts.hidden = !open;
    hint.hidden = !open || !host.dataset.hint;
    toggle.textContent = open ? host._t('badgeHideDetails') : host._t('badgeShowDetails');
    toggle.setAttribute('aria-expanded', String(open));
  });
  // A click (or key) anywhere on the badge stays in the badge: it never reaches a site handler
  // that would open the file dialog (drop zones and upload triggers listen on their ancestors).
  for (const type of ['click', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'touchend', 'keydown', 'keyup', 'keypress'])
    host.addEventListener(type, (e) => e.stopPropagation());
  host._parts = { icon, summary, toggle, details, facts, hint, action, file, limit };
  host._t = (k) => k;
  return host;
}

/**
 * Show a state. `view` = {state, report?, note?, lang, t, fileName?}. With a report the summary is
 * its most severe finding (the core orders them) and the details list every finding and fact.
 */
export function renderVerdict(host, view) {
  const { state, report, note, lang, t } = view;
  const p = host._parts;
  const doc = host.ownerDocument;
  host._t = t;
  host.dataset.state = state;
  host.dataset.lang = lang;
  if (report && report.doc) host.dataset.doc = report.doc;
  p.icon.textContent = ICONS[state] || '?';
  // The file this verdict is about, named where a person reads it (the site may re-render the row).
  p.file.textContent = view.fileName || '';
  p.limit.textContent = '';
  delete host.dataset.limitFrom;
  delete host.dataset.stage;
  delete p.summary.dataset.code;
  p.details.replaceChildren();
  p.facts.replaceChildren();
  p.action.replaceChildren();
  p.action.hidden = true;
  p.hint.replaceChildren();
  delete host.dataset.hint;
  const pick = (m) => (m ? (lang === 'en' ? m.en : m.id) : '');
  if (state === 'checking') {
    p.summary.textContent = t('badgeChecking');
  } else if (!report) {
    p.summary.textContent = note || t('badgeFailed');
    p.details.append(el(doc, 'li', '', t('badgeFailedNote')));
  } else {
    const findings = report.findings || [];
    p.summary.textContent = findings.length ? pick(findings[0].message) : t('badgeFailed');
    if (findings.length) p.summary.dataset.code = findings[0].code;
    // The headline is the first finding: the list under it starts with the next one.
    for (const f of findings.slice(1)) {
      const li = el(doc, 'li', f.severity, pick(f.message));
      li.dataset.code = f.code;
      p.details.append(li);
    }
    if (view.fileName) p.facts.append(el(doc, 'li', '', t('factFile', view.fileName)));
    p.facts.append(el(doc, 'li', '', t('factSize', Math.ceil(report.bytes / 1024), Math.ceil(report.max_bytes / 1024))));
    p.facts.append(el(doc, 'li', '', t('factKind', String(report.kind).toUpperCase())));
    if (report.pdf) p.facts.append(el(doc, 'li', '', t('factPdf', report.pdf.version, report.pdf.pages)));
    if (report.kind === 'pdf') {
      const e = report.emeterai || {};
      let status = t('emeterai_' + (e.status || 'unknown'));
      if (e.serial) status += ' — ' + t('factSerial', e.serial);
      p.facts.append(el(doc, 'li', '', t('factEmeterai', status)));
    }
    if (report.signature_spot) p.facts.append(el(doc, 'li', '', t('factSpot', report.signature_spot.page)));
    const s = report.stamp_suggestion;
    if (s && report.emeterai && report.emeterai.status === 'absent') {
      const r = s.rect.map((v) => Math.round(v));
      p.facts.append(el(doc, 'li', '', t('factStamp', s.page, r[0], r[1], r[2], r[3])));
    }
    // The limit as the page wrote it and where it stands (the row, the page's general notice),
    // or the default, said as such (the core words it: stated_rules.rs).
    if (view.rule && view.rule.line) {
      p.limit.textContent = pick(view.rule.line);
      host.dataset.limitFrom = view.rule.source;
      host.dataset.stage = view.rule.stage;
    }
    if (findings.some((f) => f.code === 'emeterai_missing')) {
      host.dataset.hint = '1';
      p.hint.textContent = t('hintHowToStamp');
    }
  }
  const open = !p.details.hidden;
  p.hint.hidden = !open || !host.dataset.hint;
  p.toggle.hidden = state === 'checking';
  p.toggle.textContent = open ? t('badgeHideDetails') : t('badgeShowDetails');
  p.toggle.setAttribute('aria-expanded', String(open));
  host.setAttribute('aria-label', t('badgeLabel'));
  if (view.note && report) {
    p.action.hidden = false;
    p.action.append(el(doc, 'span', 'note', view.note));
  }
}

/** Offer one action button under the summary (e.g. "Perkecil otomatis"); `onClick` gets the button. */
export function offerAction(host, label, onClick) {
  const p = host._parts;
  const doc = host.ownerDocument;
  const button = el(doc, 'button', 'shrink', label);
  button.type = 'button';
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    onClick(button);
  });
  p.action.prepend(button);
  p.action.hidden = false;
}

/** Show a line of explanation in the action area (e.g. why a file is not shrunk). */
export function offerNote(host, text) {
  const p = host._parts;
  p.action.append(el(host.ownerDocument, 'span', 'note', text));
  p.action.hidden = false;
}

/**
 * Under the verdict of a file the extension made to fit: a small preview and a download link
 * for the very file that is now in the input. `fitted` = {file, name, preview?}.
 */
export function showFitted(host, fitted, t) {
  const p = host._parts;
  const doc = host.ownerDocument;
  const row = el(doc, 'div', 'fitted');
  if (host._objectUrl) URL.revokeObjectURL(host._objectUrl);
  host._objectUrl = URL.createObjectURL(fitted.file);
  const link = el(doc, 'a', 'download', t('fitDownload'));
  link.href = host._objectUrl;
  link.download = fitted.name;
  if (fitted.preview && typeof createImageBitmap === 'function') {
    const canvas = el(doc, 'canvas', 'preview');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', t('fitPreview'));
    row.append(canvas);
    // Drawn from decoded pixels: no image URL for the page's CSP to block.
    createImageBitmap(fitted.preview)
      .then((bitmap) => {
        const scale = Math.min(1, 120 / Math.max(bitmap.width, bitmap.height));
        canvas.width = Math.max(1, Math.round(bitmap.width * scale));
        canvas.height = Math.max(1, Math.round(bitmap.height * scale));
        canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        canvas.dataset.drawn = `${bitmap.width}x${bitmap.height}`;
      })
      .catch(() => canvas.remove());
  }
  row.append(link);
  p.action.append(row);
  p.action.hidden = false;
}
