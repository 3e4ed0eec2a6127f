// "Perkecil otomatis": make an oversized file fit its limit, locally, and put it into the same file
// input only when the person clicks. Photos (JPG/PNG) are re-encoded by the browser's canvas
// encoder (EXIF orientation applied, metadata dropped): faster than the wasm encoder and no extra
// code to ship. Scanned PDFs go to the core (background), which re-encodes the page images and
// refuses any signed or stamped PDF.
import { sendMessage } from './platform.js';
import { fromBase64, toBase64 } from './rules.js';
import { offerAction, offerNote } from './verdict.js';
const MIN_QUALITY = 0.5;
const MAX_SIDE = 2400; // well above what pas foto / KTP rules ask for

function encode(canvas, quality) {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), 'image/jpeg', quality));
}

/** The best-quality JPEG of `file` under `maxBytes`: search quality first, then size. */
export async function shrinkImage(doc, file, maxBytes) {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  let scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  for (let round = 0; round < 8; round++) {
    const canvas = doc.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff'; // PNG transparency becomes white, not black
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    let lo = MIN_QUALITY;
    let hi = 0.95;
    let best = null;
    const atLo = await encode(canvas, lo);
    if (atLo.size <= maxBytes) {
      best = { blob: atLo, quality: lo };
      for (let i = 0; i < 6; i++) {
        const q = (lo + hi) / 2;
        const b = await encode(canvas, q);
        if (b.size <= maxBytes) {
          best = { blob: b, quality: q };
          lo = q;
        } else hi = q;
      }
      return { ...best, width: canvas.width, height: canvas.height };
    }
    // Even the lowest quality is too big: fewer pixels, in proportion to the overshoot.
    scale *= Math.max(0.3, Math.min(0.9, Math.sqrt(maxBytes / atLo.size) * 0.95));
  }
  throw new Error('cannot fit');
}

/**
 * Ask the core to fit a scanned PDF under `maxBytes`. Resolves to {outcome, blob, thumbnail}
 * (blob and thumbnail are null when the core refused; outcome.message says why).
 */
export async function fitPdf(file, maxBytes) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const maxKb = Math.max(1, Math.floor(maxBytes / 1024));
  const reply = await sendMessage({ type: 'fit-file', data: toBase64(bytes), maxKb }, 120000);
  if (!reply || !reply.ok) throw new Error((reply && reply.error) || 'fit failed');
  const blob = reply.data ? new Blob([fromBase64(reply.data)], { type: 'application/pdf' }) : null;
  const thumbnail = reply.thumbnail ? new Blob([fromBase64(reply.thumbnail)], { type: 'image/jpeg' }) : null;
  return { outcome: reply.outcome, blob, thumbnail };
}

/**
 * Replace the input's file with `blob` (named after the original, `_kecil` added) and let the
 * site see it. `fitted` = {note, preview?} is kept on the input so the new verdict can say what
 * was done, show a preview and offer the file for download.
 */
export function putIntoInput(input, blob, originalName, fitted) {
  const file = new File([blob], fittedName(originalName, blob), { type: blob.type, lastModified: Date.now() });
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input._sscasnShrunk = { ...fitted, name: file.name, file };
  input.files = transfer.files;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return file;
}

/**
 * Under a verdict: for a photo over its limit (or a PNG where a JPG is asked), or a scanned PDF
 * over its limit, offer "Perkecil otomatis"; on click, fit it and hand the result to
 * `deliver(blob, {note, preview})` (the page puts it into the input; the popup offers it for
 * download). A signed or stamped PDF is never offered: the reason is shown instead.
 */
export function offerFit(doc, badge, file, report, lang, t, deliver) {
  const pick = (m) => (m ? (lang === 'en' ? m.en : m.id) : '');
  const tooLarge = report.findings.some((f) => f.code === 'too_large');
  const working = (button) => {
    button.disabled = true;
    button.textContent = t('shrinkWorking');
  };
  if (report.kind === 'pdf') {
    if (!tooLarge) return;
    if ((report.signatures || []).length) {
      offerNote(badge, t('fitRefusedSigned'));
      return;
    }
    offerAction(badge, t('shrinkButton'), async (button) => {
      working(button);
      try {
        const { outcome, blob, thumbnail } = await fitPdf(file, report.max_bytes);
        if (!outcome.ok || !blob) {
          button.remove();
          offerNote(badge, pick(outcome.message) || t('shrinkFailed'));
          return;
        }
        const note = t('fitPdfDone', Math.ceil(outcome.before_bytes / 1024), Math.ceil(outcome.after_bytes / 1024), outcome.pages, outcome.dpi);
        deliver(blob, { note, preview: thumbnail });
      } catch (_) {
        button.textContent = t('shrinkFailed');
      }
    });
    return;
  }
  const fixable = tooLarge || report.findings.some((f) => f.code === 'wrong_type' && report.kind === 'png');
  if (!fixable || (report.kind !== 'jpeg' && report.kind !== 'png')) return;
  offerAction(badge, t('shrinkButton'), async (button) => {
    working(button);
    try {
      const out = await shrinkImage(doc, file, report.max_bytes);
      const note = t('shrinkDone', Math.ceil(file.size / 1024), Math.ceil(out.blob.size / 1024), out.width, out.height);
      deliver(out.blob, { note, preview: out.blob });
    } catch (_) {
      button.textContent = t('shrinkFailed');
    }
  });
}

/** The fitted file's name: the original's, with `_kecil` and the new kind's extension. */
export function fittedName(originalName, blob) {
  const pdf = blob.type === 'application/pdf';
  const base = String(originalName || (pdf ? 'dokumen' : 'foto')).replace(/\.[^.]+$/, '');
  return `${base}_kecil.${pdf ? 'pdf' : 'jpg'}`;
}
