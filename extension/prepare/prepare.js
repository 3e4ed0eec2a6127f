// "Persiapan dokumen": the person drops or picks every document of a registration at once; the
// core (through the background) classifies each by its content, then its name, checks it against
// the rules remembered from the SSCASN upload page (else the defaults, said as such) and sums the
// set up: missing documents and how many e-Meterai to buy. Nothing leaves this computer.
import { MAX_CHECK_BYTES } from '../lib/file-check.js';
import { api, localizePage, sendMessage } from '../lib/platform.js';
import { RULES_KEY, loadUploadRules } from '../lib/rules-memory.js';
import { toBase64 } from '../lib/rules.js';
import { fitPdf, fittedName, shrinkImage } from '../lib/shrink.js';
(async function () {
  'use strict';
  const { lang, t } = await localizePage(document);
  const pick = (m) => (m ? (lang === 'en' ? m.en : m.id) : '');
  const DOCS = ['surat_lamaran', 'surat_pernyataan', 'ijazah', 'transkrip', 'pas_foto', 'ktp', 'pendukung', 'other'];
  const MAX_FILES = 60;
  const IN_FLIGHT = 3;
  const $ = (id) => document.getElementById(id);
  const el = (tag, props = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'dataset') Object.assign(e.dataset, v);
      else if (k in e) e[k] = v;
      else e.setAttribute(k, v);
    }
    e.append(...children);
    return e;
  };

  let rules = await loadUploadRules();
  /** One entry per file: {id, file, chosen, state: checking|done|failed, result, note, fitted}. */
  let rows = [];
  let summary = null;
  let nextId = 1;
  let queue = Promise.resolve();

  const dateText = (iso) => {
    const d = new Date(iso);
    if (isNaN(d)) return String(iso || '');
    return d.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' });
  };

  function renderRules() {
    const box = $('rules');
    if (rules) {
      box.dataset.source = 'page';
      $('rules-text').textContent = t('prep_rulesPage', dateText(rules.date));
      $('forget').hidden = false;
    } else {
      box.dataset.source = 'default';
      $('rules-text').textContent = t('prep_rulesDefault');
      $('forget').hidden = true;
    }
  }

  const expectedText = (e) => (e === 'pdf' ? 'PDF' : e === 'jpeg' ? 'JPG' : t('prep_any'));

  function verdictOf(row) {
    if (row.state === 'checking') return ['checking', t('prep_checking')];
    if (row.state === 'failed') return ['failed', t('prep_failed')];
    const v = row.duplicateOf ? (row.result.verdict === 'error' ? 'error' : 'warning') : row.result.verdict;
    return [v, t('prep_verdict_' + v)];
  }

  function todoOf(row) {
    if (row.state !== 'done') return row.note || '';
    if (row.duplicateOf) return t('prep_duplicate', row.duplicateOf);
    return pick(row.result.todo);
  }

  const order = (row) => (row.result ? DOCS.indexOf(row.result.doc) : DOCS.length);

  function render() {
    const body = $('rows');
    body.replaceChildren();
    const sorted = [...rows].sort((a, b) => order(a) - order(b) || a.id - b.id);
    for (const row of sorted) {
      const r = row.result;
      const doc = r ? r.doc : row.chosen || 'other';
      const select = el('select', { 'aria-label': t('prep_changeType', row.file.name) });
      for (const d of DOCS) select.append(new Option(t('doc_' + d), d, false, d === doc));
      select.disabled = row.state === 'checking';
      select.addEventListener('change', () => {
        row.chosen = select.value;
        check(row);
      });
      const how = r
        ? r.classified_by === 'content'
          ? t('prep_byContent', pick(r.evidence))
          : t('prep_by' + r.classified_by[0].toUpperCase() + r.classified_by.slice(1))
        : '';
      const [vclass, vtext] = verdictOf(row);
      const todo = el('td', { className: 'todo', dataset: { label: t('prep_colTodo') } }, el('span', { className: 'what' }, todoOf(row)));
      if (r && row.state === 'done') {
        const rule = r.rule;
        todo.append(el('span', { className: 'limit' },
          t(rule.source === 'page' ? 'prep_limitPage' : 'prep_limitDefault', rule.max_kb, expectedText(rule.expected))));
        if (r.action === 'shrink' && !row.duplicateOf) {
          const button = el('button', { type: 'button', className: 'shrink' }, t('shrinkButton'));
          button.addEventListener('click', () => shrink(row, button));
          todo.append(button);
        }
      }
      if (row.fitted) {
        const link = el('a', { href: row.fitted.url, download: row.file.name }, t('fitDownload'));
        todo.append(el('span', { className: 'fitted' }, row.fitted.note, link));
      }
      body.append(
        el('tr', { dataset: { id: String(row.id), doc, verdict: vclass, action: row.duplicateOf ? 'duplicate' : (r && r.action) || '' } },
          el('td', { className: 'doc', dataset: { label: t('prep_colDoc') } }, select, el('span', { className: 'doc-name' }, t('doc_' + doc)), el('span', { className: 'how' }, how)),
          el('td', { className: 'file', dataset: { label: t('prep_colFile') } }, el('span', { className: 'name' }, row.file.name),
            el('span', { className: 'size' }, `${Math.ceil(row.file.size / 1024)} KB`)),
          el('td', { className: 'verdict-cell', dataset: { label: t('prep_colVerdict') } }, el('span', { className: 'verdict ' + vclass }, vtext)),
          todo));
    }
    $('table').hidden = rows.length === 0;
    $('empty').hidden = rows.length > 0;
    $('summary').textContent = summary && rows.length ? pick(summary.message) : '';
    const busy = rows.some((r) => r.state === 'checking');
    document.body.dataset.busy = String(busy);
    $('print').disabled = $('copy').disabled = busy || !rows.length;
  }

  /** Check one row (again), then the set's summary. */
  function check(row) {
    row.state = 'checking';
    row.duplicateOf = null;
    render();
    queue = queue.then(() => checkNow(row)).then(summarize, summarize);
    return queue;
  }

  async function checkNow(row) {
    if (!rows.includes(row)) return;
    if (row.file.size > MAX_CHECK_BYTES) {
      row.state = 'failed';
      row.note = t('prep_tooBig', (row.file.size / 1048576).toFixed(1));
      return;
    }
    try {
      const bytes = new Uint8Array(await row.file.arrayBuffer());
      const reply = await sendMessage(
        { type: 'prepare', op: 'file', name: String(row.file.name).slice(0, 255), doc: row.chosen || null, rules, data: toBase64(bytes) },
        30000,
      );
      if (!reply || !reply.ok) throw new Error((reply && reply.error) || 'failed');
      row.result = reply.file;
      row.state = 'done';
      row.note = '';
    } catch (e) {
      row.state = 'failed';
      row.note = e && e.message === 'timeout' ? t('timedOut') : t('prep_failed');
    }
  }

  async function summarize() {
    if (rows.some((r) => r.state === 'checking')) return render();
    const done = rows.filter((r) => r.state === 'done');
    const items = done.map((r) => ({ file: String(r.id), doc: r.result.doc, digest: r.result.digest, emeterai: r.result.report.emeterai.status, verdict: r.result.verdict }));
    try {
      const reply = await sendMessage({ type: 'prepare', op: 'summary', items, rules }, 10000);
      summary = reply && reply.ok ? reply.summary : null;
    } catch (_) {
      summary = null;
    }
    for (const r of rows) r.duplicateOf = null;
    for (const d of (summary && summary.duplicates) || []) {
      const row = rows.find((r) => String(r.id) === d.file);
      const same = rows.find((r) => String(r.id) === d.same_as);
      if (row && same) row.duplicateOf = same.file.name;
    }
    render();
  }

  function add(files) {
    const all = [...files].filter((f) => f && f.size >= 0 && !/^\./.test(f.name));
    const list = all.slice(0, Math.max(0, MAX_FILES - rows.length));
    $('copy-status').textContent = list.length < all.length ? t('prep_tooMany', MAX_FILES) : '';
    const pending = [];
    for (const file of list) {
      const row = { id: nextId++, file, chosen: null, state: 'checking', result: null, note: '', fitted: null, duplicateOf: null };
      rows.push(row);
      pending.push(row);
    }
    render();
    // A few files in flight: this page reads and encodes the next file while the core checks one.
    const worker = async () => {
      while (pending.length) {
        await checkNow(pending.shift());
        render();
      }
    };
    queue = queue.then(() => Promise.all(Array.from({ length: IN_FLIGHT }, worker))).then(summarize, summarize);
    return queue;
  }

  /** "Perkecil otomatis": the same fit as the upload page's, then the fitted file is checked again. */
  async function shrink(row, button) {
    button.disabled = true;
    button.textContent = t('shrinkWorking');
    const r = row.result;
    const maxBytes = r.rule.max_kb * 1024;
    try {
      let blob;
      if (r.kind === 'pdf') {
        const out = await fitPdf(row.file, maxBytes);
        if (!out.outcome.ok || !out.blob) {
          row.note = '';
          button.replaceWith(el('span', { className: 'fitted refused' }, pick(out.outcome.message) || t('shrinkFailed')));
          return;
        }
        blob = out.blob;
      } else {
        blob = (await shrinkImage(document, row.file, maxBytes)).blob;
      }
      const before = row.file.size;
      const name = fittedName(row.file.name, blob);
      if (row.fitted) URL.revokeObjectURL(row.fitted.url);
      row.file = new File([blob], name, { type: blob.type, lastModified: Date.now() });
      row.fitted = { url: URL.createObjectURL(blob), note: t('prep_fitted', Math.ceil(before / 1024), Math.ceil(blob.size / 1024)) };
      row.chosen = row.chosen || r.doc; // the same document, smaller
      await check(row);
    } catch (_) {
      button.disabled = false;
      button.textContent = t('shrinkFailed');
    }
  }

  /** A compact text to paste into a chat: one line per file, then the summary. */
  function shareText() {
    const mark = { ok: '✓', warning: '!', error: '✗', failed: '?', checking: '…' };
    const lines = [t('prep_shareTitle', dateText(new Date().toISOString()))];
    const sorted = [...rows].sort((a, b) => order(a) - order(b) || a.id - b.id);
    for (const row of sorted) {
      const [v] = verdictOf(row);
      const doc = row.result ? t('doc_' + row.result.doc) : '?';
      const todo = todoOf(row).split(/(?<=\.)\s/)[0];
      lines.push(`${mark[v]} ${doc}: ${row.file.name} (${Math.ceil(row.file.size / 1024)} KB) — ${todo}`);
    }
    if (summary) lines.push(pick(summary.message));
    lines.push(rules ? t('prep_rulesPage', dateText(rules.date)) : t('prep_rulesDefault').split(/(?<=:)\s/)[0].replace(/:$/, '.'));
    return lines.join('\n');
  }

  $('files').addEventListener('change', (e) => {
    add(e.target.files);
    e.target.value = '';
  });
  const folder = $('folder');
  if (!('webkitdirectory' in folder)) $('folder-label').hidden = true;
  folder.addEventListener('change', (e) => {
    add([...e.target.files].filter((f) => /\.(pdf|jpe?g|png)$/i.test(f.name)));
    e.target.value = '';
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    add(await droppedFiles(e.dataTransfer));
  });
  // The whole page accepts a drop too (a phone's file manager, a big folder window).
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', async (e) => {
    if (drop.contains(e.target)) return;
    e.preventDefault();
    add(await droppedFiles(e.dataTransfer));
  });

  /** Files of a drop, including those inside dropped folders (one level of sub-folders deep). */
  async function droppedFiles(dt) {
    const entries = [...(dt.items || [])].map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
    if (!entries.some((en) => en && en.isDirectory)) return [...(dt.files || [])];
    const out = [];
    const fileOf = (en) => new Promise((res) => en.file(res, () => res(null)));
    const list = (dir) => new Promise((res) => dir.createReader().readEntries(res, () => res([])));
    const walk = async (en, depth) => {
      if (!en || out.length >= MAX_FILES) return;
      if (en.isFile) {
        const f = await fileOf(en);
        if (f && /\.(pdf|jpe?g|png)$/i.test(f.name)) out.push(f);
      } else if (en.isDirectory && depth < 2) {
        for (const child of await list(en)) await walk(child, depth + 1);
      }
    };
    for (const en of entries) await walk(en, 0);
    return out;
  }

  $('print').addEventListener('click', () => {
    $('printed').textContent = dateText(new Date().toISOString());
    window.print();
  });
  $('copy').addEventListener('click', async () => {
    const text = shareText();
    const share = $('share');
    share.value = text;
    try {
      await navigator.clipboard.writeText(text);
      share.hidden = true;
      $('copy-status').textContent = t('prep_copied');
    } catch (_) {
      // No clipboard access (e.g. the page is not focused): show the text to copy by hand.
      share.hidden = false;
      share.select();
      $('copy-status').textContent = t('prep_copyFailed');
    }
  });
  $('clear').addEventListener('click', () => {
    for (const r of rows) if (r.fitted) URL.revokeObjectURL(r.fitted.url);
    rows = [];
    summary = null;
    $('share').hidden = true;
    $('copy-status').textContent = '';
    render();
  });
  $('forget').addEventListener('click', async () => {
    await api.storage.local.remove(RULES_KEY);
  });
  // Rules read (or forgotten) in another tab: check the set again under them.
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(RULES_KEY in changes)) return;
    const r = changes[RULES_KEY].newValue;
    rules = r && Array.isArray(r.rows) && r.rows.length ? r : null;
    renderRules();
    for (const row of rows) check(row);
  });

  renderRules();
  render();
  document.body.dataset.ready = 'true';
})();
