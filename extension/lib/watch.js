// Finds file inputs as the site renders them (MutationObserver, no polling), works out each one's
// document type and stated limit from the text around it, and checks files as they are chosen.
(function (root) {
  'use strict';
  const NS = (root.SSCASN = root.SSCASN || {});
  const CONTEXT_CHARS = 600;
  const MAX_CLIMB = 6;

  /** Text of the smallest ancestor that still holds only this one file input (the input's row). */
  NS.rowText = function rowText(input) {
    let node = input;
    let text = '';
    for (let i = 0; i < MAX_CLIMB && node.parentElement; i++) {
      const parent = node.parentElement;
      if (parent.querySelectorAll('input[type="file"]').length > 1) break;
      node = parent;
      text = (node.innerText || node.textContent || '').slice(0, CONTEXT_CHARS);
      if (NS.detectDocType(text) && NS.parseLimitKb(text)) break;
    }
    const label = input.labels && input.labels[0] ? input.labels[0].textContent : '';
    const aria = input.getAttribute('aria-label') || '';
    return [label, aria, text].join(' \n ').slice(0, CONTEXT_CHARS * 2);
  };

  /**
   * What the row says about its document: {doc, maxKb, expected, stamping}. Names of chosen
   * files are removed first: a site's "Berkas diterima: surat_lamaran.pdf" line must not turn a
   * transcript row into a letter row.
   */
  NS.describeInput = function describeInput(input) {
    let text = NS.rowText(input);
    for (const f of input.files || []) text = text.split(f.name).join(' ');
    return {
      doc: NS.detectDocType(text) || NS.detectDocType(input.name + ' ' + input.id) || 'other',
      maxKb: NS.parseLimitKb(text),
      expected: NS.parseExpectedType(text, input.getAttribute('accept')),
      stamping: NS.looksLikeStamping(text),
    };
  };

  /**
   * Watch the page. `stageFor(info)` picks 'upload' or 'stamping' for an input; `onReport(input,
   * badge, report)` (optional) gets each finished check.
   * Returns a function that stops watching.
   */
  NS.watchFileInputs = function watchFileInputs(doc, lang, t, stageFor, onReport) {
    const badges = new Map(); // input -> badge
    const described = new WeakMap(); // input -> its row as first rendered
    const onChange = (event) => {
      const input = event.target;
      const file = input.files && input.files[0];
      const badge = badges.get(input);
      if (!badge) return;
      if (!file) {
        badge.hidden = true;
        return;
      }
      badge.hidden = false;
      const now = NS.describeInput(input);
      const first = described.get(input);
      // The row as first rendered is the most reliable; later text only fills gaps.
      const info = first ? { ...now, doc: first.doc !== 'other' ? first.doc : now.doc, maxKb: first.maxKb || now.maxKb } : now;
      // Never stop or delay the event: the site's own handler must get the file as usual.
      const shrunk = input._sscasnShrunk;
      const fitted = shrunk && shrunk.name === file.name && shrunk.file.size === file.size ? shrunk : null;
      const note = fitted ? fitted.note : undefined;
      NS.checkFileInto(badge, file, { doc: info.doc, stage: stageFor(info), maxKb: info.maxKb, note }, lang, t).then((report) => {
        if (!report) return;
        if (fitted) NS.showFitted(badge, fitted, t);
        else if (NS.offerFit) NS.offerFit(doc, badge, file, report, lang, t, (blob, fitted) => NS.putIntoInput(input, blob, file.name, fitted));
        if (onReport) onReport(input, badge, report);
      });
    };
    const attach = (input) => {
      if (badges.has(input)) return;
      const badge = NS.createVerdict(doc);
      badge.hidden = true;
      badges.set(input, badge);
      described.set(input, NS.describeInput(input));
      input.insertAdjacentElement('afterend', badge);
      input.addEventListener('change', onChange, { passive: true });
      if (input.files && input.files.length) onChange({ target: input });
    };
    const sweep = () => {
      for (const [input, badge] of badges) {
        if (!input.isConnected) {
          badge.remove();
          badges.delete(input);
        } else if (!badge.isConnected || badge.previousElementSibling !== input) {
          // The site re-rendered around the input: put the one badge back beside it.
          input.insertAdjacentElement('afterend', badge);
        }
      }
      doc.querySelectorAll('input[type="file"]').forEach(attach);
      // Badges whose input was replaced but which the site kept in the DOM.
      doc.querySelectorAll('sscasn-verdict').forEach((b) => {
        if (![...badges.values()].includes(b)) b.remove();
      });
      doc.querySelectorAll('sscasn-placement').forEach((p) => {
        if (!(p.previousElementSibling && p.previousElementSibling.localName === 'sscasn-verdict')) p.remove();
      });
    };
    let scheduled = false;
    const observer = new MutationObserver((records) => {
      if (scheduled) return;
      // Ignore mutations we caused ourselves (badge insertion/rendering).
      const foreign = records.some((r) => !(r.target instanceof Element && r.target.closest('sscasn-verdict, sscasn-placement')) &&
        ![...r.addedNodes, ...r.removedNodes].every((n) => n.nodeName === 'SSCASN-VERDICT' || n.nodeName === 'SSCASN-PLACEMENT'));
      if (!foreign) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        sweep();
      });
    });
    sweep();
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    return () => observer.disconnect();
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = NS;
})(typeof globalThis !== 'undefined' ? globalThis : this);
