// The popup: check any file with a chosen document type and stage, before ever visiting the
// stamping portal. Same renderer as the in-page badge.
import { checkFileInto } from '../lib/file-check.js';
import { drawPreview } from '../lib/placement-panel.js';
import { api, localizePage, sendMessage } from '../lib/platform.js';
import { fittedName, offerFit } from '../lib/shrink.js';
import { createVerdict, showFitted } from '../lib/verdict.js';
(async function () {
  'use strict';
  const { lang, t } = await localizePage(document);
  const docSelect = document.getElementById('doc');
  for (const d of ['surat_lamaran', 'surat_pernyataan', 'ijazah', 'transkrip', 'pas_foto', 'ktp', 'pendukung', 'other']) {
    docSelect.append(new Option(t('doc_' + d), d));
  }
  const stageSelect = document.getElementById('stage');
  for (const s of ['stamping', 'upload']) stageSelect.append(new Option(t('stage_' + s), s));

  const result = document.getElementById('result');
  const badge = createVerdict(document);
  badge.hidden = true;
  result.append(badge);
  let lastFile = null;
  let fitted = null; // the file "Perkecil otomatis" made, with its note and preview
  const preview = document.getElementById('preview');
  const previewText = document.getElementById('preview-text');
  const check = async () => {
    if (!lastFile) return;
    badge.hidden = false;
    preview.hidden = true;
    previewText.textContent = '';
    const current = fitted && fitted.file === lastFile ? fitted : null;
    const file = lastFile;
    const report = await checkFileInto(badge, file, { doc: docSelect.value, stage: stageSelect.value, note: current && current.note }, lang, t);
    if (report && current) showFitted(badge, current, t);
    // Here there is no upload input: the fitted file is checked again and offered for download.
    else if (report)
      offerFit(document, badge, file, report, lang, t, (blob, info) => {
        const name = fittedName(file.name, blob);
        fitted = { ...info, name, file: new File([blob], name, { type: blob.type, lastModified: Date.now() }) };
        lastFile = fitted.file;
        check();
      });
    const s = report && report.stamp_suggestion;
    if (!s || !report.preview || report.emeterai.status !== 'absent') return;
    // Where the stamp should go, for people who place it by hand (coordinates as the portals name them).
    const r = s.rect.map((v) => Math.round(v));
    previewText.textContent = t('placeSuggestion', s.page, r[0], r[1], r[2], r[3]) + (s.side === 'fallback' ? ' — ' + t('placeLowConfidence') : '');
    drawPreview(preview, null, report.pdf.page_sizes[s.page - 1], s, report.signature_spot, report.preview);
    preview.hidden = false;
  };
  const input = document.getElementById('file');
  // Firefox closes a popup when its file picker opens, losing the choice: there, choosing a file
  // opens this page in a tab instead (where the picker works), unless it already is one.
  const inTab = new URLSearchParams(location.search).has('tab');
  if (inTab) document.getElementById('open-tab').hidden = true;
  else if (/Firefox\//.test(navigator.userAgent))
    input.addEventListener('click', (e) => {
      e.preventDefault();
      api.tabs.create({ url: api.runtime.getURL('popup/popup.html?tab=1') });
      window.close();
    });
  input.addEventListener('change', () => {
    lastFile = input.files[0] || null;
    check();
  });
  docSelect.addEventListener('change', check);
  stageSelect.addEventListener('change', check);
  // Fill the SSCASN form in the active tab (its content script does the work; no "tabs" permission).
  // A profile locked with a PIN is opened here first: the PIN is typed in this window, never in the page.
  const out = document.getElementById('fill-result');
  const unlockForm = document.getElementById('unlock');
  async function fillTab() {
    try {
      const [tab] = await api.tabs.query({ active: true, currentWindow: true });
      const reply = await new Promise((resolve, reject) =>
        api.tabs.sendMessage(tab.id, { type: 'fill' }, (r) => (api.runtime.lastError ? reject(api.runtime.lastError) : resolve(r))));
      out.textContent = reply && reply.ok ? reply.text : t('fillFailed');
    } catch (_) {
      out.textContent = t('popupFillNotHere');
    }
  }
  // Parts of the page the content script could not enter (a closed shadow root): said plainly,
  // so that no verdict or fill is expected there.
  (async () => {
    try {
      const [tab] = await api.tabs.query({ active: true, currentWindow: true });
      if (!tab) return;
      const reply = await new Promise((resolve) =>
        api.tabs.sendMessage(tab.id, { type: 'reach' }, { frameId: 0 }, (r) => resolve(api.runtime.lastError ? null : r)));
      if (reply && reply.closedRoots > 0) {
        const note = document.getElementById('reach-note');
        note.textContent = t('popupUnreachable', reply.closedRoots);
        note.hidden = false;
      }
    } catch (_) {
      /* not an SSCASN or portal tab: nothing to say */
    }
  })();
  document.getElementById('fill').addEventListener('click', async () => {
    out.textContent = '';
    const status = await sendMessage({ type: 'profile-status' }, 10000).catch(() => null);
    if (status && status.ok && status.state === 'locked') {
      unlockForm.hidden = false;
      document.getElementById('unlock-pin').focus();
      return;
    }
    await fillTab();
  });
  unlockForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const pin = document.getElementById('unlock-pin');
    const button = document.getElementById('unlock-button');
    button.disabled = true;
    try {
      const r = await sendMessage({ type: 'profile-unlock', pin: pin.value }, 30000);
      const secs = (ms) => Math.max(1, Math.ceil(ms / 1000));
      if (r && r.ok && r.unlocked) {
        pin.value = '';
        unlockForm.hidden = true;
        await fillTab();
      } else if (r && r.reason === 'wrong-pin') out.textContent = t('lockWrongPin', r.failures, secs(r.waitMs));
      else if (r && r.reason === 'wait') out.textContent = t('lockWait', secs(r.waitMs));
      else out.textContent = t('lockDamaged');
    } catch (_) {
      out.textContent = t('fillFailed');
    } finally {
      button.disabled = false;
    }
  });
  const drop = document.getElementById('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    lastFile = (e.dataTransfer.files && e.dataTransfer.files[0]) || null;
    check();
  });
})();
