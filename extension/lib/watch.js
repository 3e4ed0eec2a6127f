// Finds the upload rows of a page as the site renders them (MutationObserver, no polling), works out
// each row's document type and stated limit from the text a person reads there, and checks files as
// they are chosen or dropped.
//
// A verdict belongs to the ROW (identified by its document title), not to one <input>: sites replace
// the input after every choice (rc-upload/antd give it a new key, Vue re-mounts, SPAs re-render the
// row to show "Terpilih: file.pdf"), and the verdict for the file just chosen must stay. Files are
// seen at the document in the capture phase, before any site handler can clear the input.
import { composedParent, deepContains, deepQueryAll, deepRoots, deepText, eventTarget, watchDeep } from './deep-dom.js';
import { checkFileInto, wakeCore } from './file-check.js';
import { controlTexts, mentionsSize, rowWords, withoutNames } from './rule-scope.js';
import { detectDocType, parseExpectedType } from './rules.js';
import { offerFit, putIntoInput } from './shrink.js';
import { createVerdict, showFitted } from './verdict.js';
const CONTEXT_CHARS = 600;
const MAX_CLIMB = 6;
const TRIGGERS = 'label, button, a[href], [role="button"]';
const DIALOGS = 'dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"], .modal, .el-dialog, .ant-modal';
const isFileInput = (e) => !!e && e.localName === 'input' && String(e.type).toLowerCase() === 'file';
const norm = (s) => String(s || '').replace(/\s+/g, ' ').trim();
// Shadow roots: a row built as a web component keeps its title, rule and input in its shadow
// root (deep-dom.js reads through them).
const up = (n) => composedParent(n);
const fileInputsIn = (n) => deepQueryAll(n, 'input[type="file"]');
const textOf = (n) => deepText(n, CONTEXT_CHARS * 4);

/** Whether `node` sits among siblings built like it (same element, same classes): one of a list's rows. */
function hasPeers(node) {
  const parent = node.parentElement || node.parentNode;
  if (!parent || !parent.children) return false;
  return [...parent.children].some((c) => c !== node && c.localName === node.localName && c.className === node.className && !c.localName.startsWith('sscasn-'));
}

/** The smallest ancestor that still holds only this one file input, climbed until it names a document: the row. */
export function rowOf(input, names = []) {
  const strip = (t) => withoutNames(t, names);
  let node = input;
  let text = '';
  for (let i = 0; i < MAX_CLIMB && up(node) && up(node) !== input.ownerDocument.body; i++) {
    const parent = up(node);
    if (fileInputsIn(parent).length > 1) break;
    node = parent;
    text = strip(textOf(node)).slice(0, CONTEXT_CHARS);
    // A block naming a document among others like it (cards, table rows, list items) is a row
    // even when the others hold no input any more (a site may remove it once a file is chosen).
    if ((detectDocType(text) && (mentionsSize(text) || hasPeers(node))) || node.matches(DIALOGS)) break; // a dialog is a row of its own
  }
  return { node, text };
}

/** Text of the input's row (label and aria-label first). */
export function rowText(input, names) {
  const { text } = rowOf(input, names);
  const label = input.labels && input.labels[0] ? input.labels[0].textContent : '';
  const aria = input.getAttribute('aria-label') || '';
  return [label, aria, text].join(' \n ').slice(0, CONTEXT_CHARS * 2);
}

/**
 * What a row says about its document: {doc, expected}. Its limit and stage are read by the core
 * from the control's texts (controlTexts, crate/core/src/stated_rules.rs). Names of chosen files
 * are removed first (`names`, plus the input's own files): a site's "Berkas diterima:
 * surat_lamaran.pdf" line must not turn a transcript row into a letter row.
 */
export function describeText(text, names, hint, accept) {
  const t = withoutNames(text, names);
  return {
    doc: detectDocType(t) || detectDocType(hint || '') || 'other',
    expected: parseExpectedType(t, accept),
  };
}
export function describeInput(input, names = []) {
  const own = [...(input.files || [])].map((f) => f.name);
  return describeText(rowText(input, [...names, ...own]), [...names, ...own], input.name + ' ' + input.id, input.getAttribute('accept'));
}

/**
 * A row's identity as a person sees it: its document type and title line (the first line that
 * names the document; else the row's first line), with chosen file names removed.
 */
export function rowTitle(text, names) {
  const t = withoutNames(text, names);
  const lines = t.split(/[\n\t]+/).map(norm).filter(Boolean); // a table's cells are read one by one (innerText parts them with tabs)
  const doc = detectDocType(t);
  const title = (doc && lines.find((l) => detectDocType(l) === doc)) || lines[0] || '';
  return (doc || 'other') + '|' + title.toLowerCase().slice(0, 80);
}

/** Whether a person can see `el` (rendered with a size, not hidden, not transparent). */
export function isShown(el) {
  if (!el || !el.isConnected || el.hidden) return false;
  const view = el.ownerDocument.defaultView;
  const rect = el.getBoundingClientRect();
  if (rect.width < 2 || rect.height < 2) return false;
  for (let n = el; n && n.nodeType === 1; n = up(n)) {
    const s = view.getComputedStyle(n);
    if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || Number(s.opacity) < 0.05) return false;
  }
  return true;
}

/** Climb out of any label, button, link or role=button around `el` (the badge never goes inside one). */
function outsideTriggers(el) {
  let out = el;
  for (let n = el.parentElement; n && n !== el.ownerDocument.body; n = n.parentElement) if (n.matches(TRIGGERS)) out = n;
  return out;
}

/**
 * The row's visible control for `input`: the input itself when a person sees it; else the label,
 * button or drop zone that opens it (`activator`: the button clicked just before the input was
 * rendered in a dialog).
 */
export function controlOf(input, activator) {
  if (activator && activator.isConnected) return outsideTriggers(activator);
  let base = outsideTriggers(input);
  if (base === input && isShown(input)) return input;
  if (base === input) {
    const label = [...(input.labels || [])].find(isShown);
    if (label) return outsideTriggers(label);
  }
  while (base && !isShown(base)) base = up(base);
  if (!base || base === input.ownerDocument.body) return outsideTriggers(input);
  if (base.contains(input) && !base.matches(TRIGGERS)) {
    // A wrapper around a hidden input: a drop zone or upload trigger, or a row with a button in it.
    const triggers = [...base.querySelectorAll(TRIGGERS)].filter((e) => !e.contains(input) && isShown(e));
    if (triggers.length && norm(base.innerText) !== norm(triggers[0].innerText)) {
      const before = triggers.filter((e) => e.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_FOLLOWING);
      return outsideTriggers(before.length ? before[before.length - 1] : triggers[0]);
    }
  }
  return base;
}

/** Whether `root` shows a second control like `control` (same kind, same words): it holds several rows. */
function repeats(root, control) {
  const words = norm(control.textContent);
  return deepQueryAll(root, control.localName).filter((e) => e !== control && norm(e.textContent) === words && e.className === control.className).length > 0;
}

/** Whether `el` is inside one of several rows of `root` (a block naming a document among others like it). */
function amongRows(el, root) {
  for (let n = el; n && n !== root && n.nodeType === 1; n = n.parentNode) if (hasPeers(n) && detectDocType(textOf(n))) return true;
  return false;
}

/**
 * A control inside a row built as a web component (its shadow root holds this row only): the
 * component's host, so the badge goes after the row in the page's tree, not into the component.
 */
function outsideRowComponent(control) {
  let out = control;
  for (let r = out.getRootNode(), i = 0; r && r.host && i < MAX_CLIMB; r = out.getRootNode(), i++) {
    if (fileInputsIn(r).length > 1 || textOf(r).length > CONTEXT_CHARS || repeats(r, control) || amongRows(out, r)) break;
    out = r.host;
    const parent = out.parentElement;
    // A repeated component (one of several <doc-row>s) is a row: stop there.
    if (parent && [...parent.children].some((c) => c !== out && c.localName === out.localName)) break;
  }
  return out;
}

/** The words of `text` (letters and digits, lower case, two characters or more), as a set. */
const wordsOf = (text) => new Set((String(text || '').toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).filter((w) => w.length > 1));
const TITLE_CONTEXT_LEVELS = 4; // the title's element and its ancestors compared with the row

/**
 * The element showing a row's title (from its key, `doc|title`), searched through every root: where
 * a verdict goes when the site removed the row's input or replaced the whole row after an upload.
 * Only an element a person sees holding the whole title counts (a word that starts the title, as in
 * `<b>Surat</b> Lamaran`, only leads to the element holding the rest). A page may name the
 * documents elsewhere too (a checklist, tabs, a sidebar): among the elements holding the title, the
 * one whose surroundings read most like the row as first rendered (`firstRow`) wins, the tighter
 * one on a tie. None that shares the row's own words (beyond its title): null, the verdict waits.
 * `names`: chosen files' names, which are not the row's words.
 */
function titleElement(doc, key, firstRow, names = []) {
  const title = key.replace(/#\d+$/, '').split('|').slice(1).join('|');
  if (!title) return null;
  const strip = (t) => withoutNames(t, names);
  const read = new Map(); // element -> its visible text, lower case (each read once)
  const seen = (el) => {
    if (!read.has(el)) read.set(el, norm(strip(textOf(el))).toLowerCase());
    return read.get(el);
  };
  const candidates = [];
  for (const r of deepRoots(doc)) {
    const walker = doc.createTreeWalker(r, 4 /* SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = norm(n.data).toLowerCase();
      const whole = text.includes(title);
      if (!whole && (text.length < 3 || !title.startsWith(text))) continue;
      let el = n.parentElement;
      if (!el || candidates.includes(el) || /^(script|style|template|title)$/.test(el.localName) || el.closest('sscasn-verdict, sscasn-placement')) continue;
      // The start of a split title: the nearest element holding all of it, no more than a title line.
      for (let i = 0; !whole && el && el !== doc.body && i < 3 && !seen(el).includes(title); i++) el = up(el);
      if (!el || el === doc.body || candidates.includes(el) || !seen(el).includes(title)) continue;
      if (!whole && seen(el).length > title.length * 2 + 20) continue;
      if (isShown(el)) candidates.push(el);
    }
  }
  if (!candidates.length) return null;
  const want = wordsOf(strip(firstRow));
  const titleWords = wordsOf(title);
  const rowOwn = [...want].filter((w) => !titleWords.has(w)); // the row's words beyond its title
  if (!want.size) return candidates.length === 1 ? candidates[0] : null; // nothing to tell them apart by
  let best = null;
  for (const el of candidates) {
    const others = candidates.filter((c) => c !== el && !deepContains(c, el) && !deepContains(el, c));
    let score = 0;
    let own = 0;
    // The element, then its ancestors while they hold no other place naming the title (a block
    // holding both the checklist and the row is shared, not this one's surroundings).
    for (let n = el, level = 0; n && n !== doc.body && level < TITLE_CONTEXT_LEVELS; n = up(n), level++) {
      if (level > 0 && others.some((c) => deepContains(n, c))) break;
      const words = wordsOf(seen(n));
      const shared = [...want].filter((w) => words.has(w)).length;
      score = Math.max(score, (2 * shared) / (want.size + words.size)); // Dice: alike in both directions
      own = Math.max(own, rowOwn.filter((w) => words.has(w)).length);
    }
    if (rowOwn.length && !own) continue; // only the title in common: not credible
    if (!best || score > best.score || (score === best.score && seen(el).length < seen(best.el).length)) best = { el, score };
  }
  return best ? best.el : null;
}

/**
 * Where the badge goes: right after the control, climbed out of containers that lay their
 * children side by side (a badge there would squeeze the site's elements) and out of inline ones.
 */
export function badgeSpot(control) {
  const doc = control.ownerDocument;
  const view = doc.defaultView;
  control = outsideRowComponent(control);
  // In a table row that is one document's row: under that row, in a row of our own (inside a
  // cell the badge would grow the cell and move a vertically centred control).
  const cell = control.closest('td, th');
  const tr = cell && cell.parentElement;
  if (tr && tr.localName === 'tr' && tr.querySelectorAll('input[type="file"]').length <= 1 && tr.querySelectorAll('td, th').length > 1) return tr;
  let target = control;
  for (let i = 0; i < 8; i++) {
    const p = target.parentElement;
    if (!p || p === doc.body || p === doc.documentElement) break;
    if (/^(tr|tbody|thead|tfoot|table|ul|ol|dl|select|optgroup|colgroup)$/.test(p.localName)) break;
    const s = view.getComputedStyle(p);
    const sideBySide =
      (/flex/.test(s.display) && !/column/.test(s.flexDirection)) || /grid/.test(s.display) || /^(inline|contents)/.test(s.display) ||
      p.matches(TRIGGERS) || /^(p|span|small|strong|em|b|i)$/.test(p.localName) ||
      // Too narrow for a readable verdict (a button column): go where the row is wide enough.
      (p.getBoundingClientRect().width < 240 && !/^(td|th|li)$/.test(p.localName));
    if (!sideBySide) break;
    target = p;
  }
  return target;
}

/**
 * Watch the page. `strings` is {lang, t}, or a promise of it: the watching starts at once (a
 * person may open a dialog and choose a file while the background is still answering), and the
 * checks of files chosen meanwhile start when it resolves. `stageFor(info)` picks 'upload' or
 * 'stamping' for a row; `onReport(input, badge, report, file)` (optional) gets each finished
 * check. Returns a function that stops watching.
 */
export function watchFileInputs(doc, strings, stageFor, onReport) {
  let said = strings && typeof strings.then === 'function' ? null : strings; // {lang, t} once known
  const told = Promise.resolve(strings).then((s) => (said = s));
  told.catch(() => {}); // no strings: files are not checked (the caller stops watching)
  /** Run `fn(lang, t)` now when the strings are known (same task as the choice), else once they are. */
  const withStrings = (fn) => (said ? fn(said.lang, said.t) : told.then((s) => fn(s.lang, s.t), () => {}));
  const rows = new Map(); // row key -> {key, badge, info, input, activator, pick, file}
  const keyOf = new WeakMap(); // input -> row key (as last swept)
  const activatorOf = new WeakMap(); // input in a dialog -> the button that opened the dialog
  const assignedAt = new WeakMap(); // input in a dialog -> when its activator was noted
  const seenNames = new Set(); // names of files chosen on this page (removed from row text)
  let lastOutside = null;

  const makeBadge = () => {
    const badge = createVerdict(doc);
    badge.hidden = true;
    return badge;
  };

  /** Row keys for every file input, in document order (a repeated title gets #2, #3…). */
  const keyInputs = () => {
    const counts = new Map();
    const out = [];
    for (const input of fileInputsIn(doc)) {
      const activator = activatorOf.get(input);
      const text = activator && activator.isConnected ? activatorRowText(activator) : rowText(input, [...seenNames]);
      let key = rowTitle(text, [...seenNames]);
      const n = (counts.get(key) || 0) + 1;
      counts.set(key, n);
      if (n > 1) key += '#' + n;
      keyOf.set(input, key);
      out.push([input, key, text]);
    }
    return out;
  };

  /** The text of the row holding a dialog's activator (climbed while it holds only that one control). */
  const activatorRowText = (activator) => (activatorRow(activator).innerText || '').slice(0, CONTEXT_CHARS);
  const activatorRow = (activator) => {
    let node = outsideTriggers(activator);
    for (let i = 0; i < MAX_CLIMB && node.parentElement && node.parentElement !== doc.body; i++) {
      const parent = node.parentElement;
      if (parent.querySelectorAll(TRIGGERS + ', input[type="file"]').length > 1 + node.querySelectorAll(TRIGGERS).length) break;
      node = parent;
      if (detectDocType(node.innerText || '')) break;
    }
    return node;
  };

  /** The words around the row's control for the core; the row as first rendered comes first. */
  const ruleTexts = (rec, input, activator) => {
    const names = [...seenNames, ...[...(input.files || [])].map((f) => f.name)];
    const own = rowOf(input, names).node; // a dialog's input: the dialog
    const texts = controlTexts(input, activator ? activatorRow(activator) : own, activator || controlOf(input), names, stageFor({}) === 'stamping');
    if (activator) texts.row = (texts.row + '\n' + rowWords(own, [input])).slice(0, 2400);
    const first = withoutNames(rec.firstRow, names).trim();
    if (first && !texts.row.includes(first.slice(0, 40))) texts.row = (first + '\n' + texts.row).slice(0, 2400);
    return texts;
  };

  const place = (rec) => {
    const input = rec.input && rec.input.isConnected ? rec.input : null;
    const activator = rec.activator && rec.activator.isConnected ? rec.activator : null;
    if (!input && !activator) {
      // The site removed the input, or replaced the whole row, after the upload: the verdict
      // stays with the row that still names the document; else it waits with its verdict.
      if (rec.badge.isConnected || rec.badge.hidden) return;
      const title = titleElement(doc, rec.key, [rec.firstRow, rec.pickedRow].join('\n'), [...seenNames]);
      if (!title) return;
      const spot = badgeSpot(title);
      if (spot.localName === 'tr') spot.insertAdjacentElement('afterend', rec.badge);
      else if (spot.nextElementSibling !== rec.badge) spot.insertAdjacentElement('afterend', rec.badge);
      return;
    }
    // While its dialog is open the badge is under the dialog's control (where the person is);
    // once the dialog is gone, under the button in the row that opened it.
    let control = input ? controlOf(input) : null;
    if (activator && (!control || !isShown(control))) control = controlOf(activator, activator);
    const spot = badgeSpot(control);
    if (spot.localName === 'tr') {
      if (!rec.holder) {
        rec.holder = doc.createElement('tr');
        rec.holder.dataset.sscasnRow = '';
        rec.holder.append(doc.createElement('td'));
      }
      const td = rec.holder.firstElementChild;
      td.colSpan = [...spot.cells].reduce((n, c) => n + (c.colSpan || 1), 0);
      if (rec.badge.parentElement !== td) td.append(rec.badge);
      if (spot.nextElementSibling !== rec.holder) spot.insertAdjacentElement('afterend', rec.holder);
      return;
    }
    if (rec.holder) rec.holder.remove();
    if (spot.nextElementSibling !== rec.badge) spot.insertAdjacentElement('afterend', rec.badge);
  };

  const rowFor = (input) => {
    let key = keyOf.get(input);
    if (!key) {
      keyInputs();
      key = keyOf.get(input);
    }
    let rec = rows.get(key);
    if (!rec) {
      const activator = activatorOf.get(input);
      const own = [...(input.files || [])].map((f) => f.name);
      const text = activator && activator.isConnected ? activatorRowText(activator) : rowText(input, [...seenNames, ...own]);
      rec = { key, badge: makeBadge(), info: describeText(text, [...seenNames, ...own], input.name + ' ' + input.id, input.getAttribute('accept')) };
      // The row's own words as first rendered (a re-render may drop its rule for "Terpilih: …").
      if (!(activator && activator.isConnected)) rec.firstRow = rowWords(rowOf(input, [...seenNames, ...own]).node, [input, controlOf(input)]);
      rec.badge.dataset.row = key;
      rows.set(key, rec);
    }
    rec.input = input;
    if (activatorOf.get(input)) rec.activator = activatorOf.get(input);
    return rec;
  };

  /** An input in a dialog the person opened from a button outside it a moment ago. */
  const openedJustNow = (input) => !!(input.closest(DIALOGS) && lastOutside && lastOutside.target.isConnected && Date.now() - lastOutside.at < 5000);

  /** Check `file`, chosen or dropped in the row of `input`. */
  const check = (input, file) => {
    // A dialog the site keeps and opens again from another row's button; or one whose file came
    // before we swept the page (chosen in the same task the dialog opened in).
    const reopened = activatorOf.has(input) && lastOutside && lastOutside.target.isConnected && lastOutside.at > assignedAt.get(input);
    if (reopened || (!activatorOf.has(input) && openedJustNow(input))) {
      activatorOf.set(input, lastOutside.target);
      assignedAt.set(input, lastOutside.at);
      keyInputs();
    }
    seenNames.add(file.name);
    const rec = rowFor(input);
    // `input` and `change` both fire for one choice, in the same task: check it once (a choice of
    // the same file again, later, is checked again).
    const p = rec.pick;
    if (p && p.sameTask && (p.file === file || (p.name === file.name && p.size === file.size && p.modified === file.lastModified))) return;
    const pick = (rec.pick = { file, name: file.name, size: file.size, modified: file.lastModified, sameTask: true });
    setTimeout(() => {
      pick.sameTask = false;
    }, 0);
    const badge = rec.badge;
    // The row's words as the person saw them when choosing (a closed accordion showed only its
    // title at first): how its title is told from the same title elsewhere if the site then takes
    // the field away.
    rec.pickedRow = rowWords(rowOf(input, [...seenNames]).node, [input, controlOf(input)]);
    place(rec);
    const activator = activatorOf.get(input);
    let now = describeInput(input, [...seenNames]); // a dialog's input: the dialog's text
    if (activator && activator.isConnected) {
      const row = describeText(activatorRowText(activator), [...seenNames], input.name + ' ' + input.id, input.getAttribute('accept'));
      now = { doc: row.doc !== 'other' ? row.doc : now.doc, expected: row.expected || now.expected };
    }
    const first = rec.info;
    // The row as first rendered is the most reliable; later text only fills gaps.
    const info = { ...now, doc: first.doc !== 'other' ? first.doc : now.doc };
    const texts = ruleTexts(rec, input, activator && activator.isConnected ? activator : null);
    const shrunk = input._sscasnShrunk;
    const fitted = shrunk && shrunk.name === file.name && shrunk.file.size === file.size ? shrunk : null;
    const note = fitted ? fitted.note : undefined;
    const options = { doc: info.doc, stage: stageFor(info), texts, note };
    badge._pick = pick;
    // The row's words are read now (the dialog may close before the strings come); shown once they are.
    withStrings((lang, t) => {
      if (badge._pick !== pick) return; // another file was chosen in the row meanwhile
      badge.hidden = false;
      checkFileInto(badge, file, options, lang, t).then((report) => {
        if (!report || badge._pick !== pick) return; // as above: a later choice has its own check
        if (fitted) showFitted(badge, fitted, t);
        else
          offerFit(doc, badge, file, report, lang, t, (blob, made) => {
            const target = rec.input && rec.input.isConnected ? rec.input : input;
            return putIntoInput(target, blob, file.name, made);
          });
        if (onReport) onReport(input, badge, report, file);
      });
    });
  };

  // Capture phase at the document: we see the file before any site handler (some reset
  // input.value in their own change handler). Never stopped or delayed: the site gets it as usual.
  const onPick = (event) => {
    const input = eventTarget(event);
    if (!isFileInput(input)) return;
    const file = input.files && input.files[0];
    if (file) check(input, file); // an emptied input keeps the row's verdict: no other file was chosen
  };
  // A drop on a row's drop zone: checked when the site took it (it prevented the browser's default).
  const onDrop = (event) => {
    const files = event.dataTransfer && event.dataTransfer.files;
    const file = files && files[0];
    const where = eventTarget(event);
    if (!file || !where || where.nodeType !== 1) return;
    let input = null;
    for (let n = where, i = 0; n && n !== doc.body && i < MAX_CLIMB + 2; n = up(n), i++) {
      const inputs = fileInputsIn(n);
      if (inputs.length === 1) input = inputs[0];
      if (inputs.length) break;
    }
    if (!input) return;
    setTimeout(() => {
      if (event.defaultPrevented) check(input, file);
    }, 0);
  };
  // The button clicked (outside any dialog) just before a dialog shows a file input is that
  // input's row control: the verdict goes to that row, which stays when the dialog closes.
  const onClick = (event) => {
    const target = eventTarget(event);
    // A file input's click opens the file dialog (a label's or the site's own button's click reaches it too).
    if (isFileInput(target)) wakeCore();
    if (!target || target.nodeType !== 1 || target.closest('sscasn-verdict, sscasn-placement, ' + DIALOGS)) return;
    const trigger = target.closest(TRIGGERS + ', input[type="button"], input[type="submit"]');
    if (trigger) lastOutside = { target: trigger, at: Date.now() };
  };
  // Listened for at the document and inside every shadow root (a `change` in a component does
  // not leave it); an event seen at both is handled once.
  const handled = new WeakSet();
  const once = (fn) => (event) => {
    if (handled.has(event)) return;
    handled.add(event);
    fn(event);
  };
  // Files dragged over the page: a drop may follow.
  const onDragEnter = (event) => {
    if (event.dataTransfer && [...(event.dataTransfer.types || [])].includes('Files')) wakeCore();
  };
  const listeners = { input: once(onPick), change: once(onPick), drop: once(onDrop), click: once(onClick), dragenter: once(onDragEnter) };

  const sweep = () => {
    let pairs = keyInputs();
    const fresh = pairs.filter(([input]) => !activatorOf.has(input) && openedJustNow(input));
    if (fresh.length) {
      for (const [input] of fresh) {
        activatorOf.set(input, lastOutside.target);
        assignedAt.set(input, lastOutside.at);
      }
      pairs = keyInputs();
    }
    for (const [input] of pairs) {
      const rec = rowFor(input);
      if (!activatorOf.get(input) && rec.activator && !rec.activator.isConnected) rec.activator = null;
      place(rec);
      if (!rec.pick && input.files && input.files.length) check(input, input.files[0]);
    }
    for (const rec of rows.values()) if (!rec.badge.isConnected) place(rec);
    // Badges the site copied or kept after we stopped tracking them.
    const ours = new Set([...rows.values()].map((r) => r.badge));
    doc.querySelectorAll('sscasn-verdict').forEach((b) => {
      if (!ours.has(b)) b.remove();
    });
    doc.querySelectorAll('tr[data-sscasn-row]').forEach((tr) => {
      if (![...tr.querySelectorAll('sscasn-verdict')].some((b) => ours.has(b))) tr.remove();
    });
    doc.querySelectorAll('sscasn-placement').forEach((p) => {
      if (!(p.previousElementSibling && p.previousElementSibling.localName === 'sscasn-verdict')) p.remove();
    });
  };
  let scheduled = false;
  const onMutations = (records) => {
    if (scheduled) return;
    if (!records.length) {
      // A route change, or a custom element that upgraded: look again.
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        sweep();
      });
      return;
    }
    // Ignore mutations we caused ourselves (badge insertion/rendering).
    const ours = (n) => n.nodeName === 'SSCASN-VERDICT' || n.nodeName === 'SSCASN-PLACEMENT' || (n.nodeName === 'TR' && n.dataset && 'sscasnRow' in n.dataset);
    const foreign = records.some((r) => !(r.target instanceof Element && r.target.closest('sscasn-verdict, sscasn-placement, tr[data-sscasn-row]')) &&
      ![...r.addedNodes, ...r.removedNodes].every(ours));
    if (!foreign) return;
    // Only what can move a row: file inputs coming or going, or our badges taken away with a
    // re-rendered row. Everything else (animations, tooltips, lists) costs nothing.
    const matters = (n) => n.nodeType === 1 && (isFileInput(n) || n.localName === 'sscasn-verdict' ||
      (n.querySelector && n.querySelector('input[type="file"], sscasn-verdict')) ||
      (!n.localName.startsWith('sscasn-') && deepQueryAll(n, 'input[type="file"]').length > 0));
    if (!records.some((r) => [...r.addedNodes].some(matters) || [...r.removedNodes].some(matters))) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      sweep();
    });
  };
  sweep();
  return watchDeep(doc, onMutations, listeners).stop; // every shadow root, every route
}
