// Checks one chosen file through the background's wasm core and keeps its badge up to date.
// Fails open: any error leaves the site's own upload untouched and the badge says so.
import { sendMessage } from './platform.js';
import { toBase64 } from './rules.js';
import { renderVerdict, stateOf } from './verdict.js';
/** Files above this are not sent for checking (the core handles up to 10 MB comfortably). */
export const MAX_CHECK_BYTES = 20 * 1024 * 1024;

/** Pages the stamping helper can tell apart by content (the core fingerprints at most this many). */
export const MAX_FINGERPRINT_PAGES = 30;

/**
 * The stamping helper's page fingerprints for a checked PDF `report` of `file` (shown in
 * `badge`), asked for only when a stamp is to be placed (the verdict never computes them): sets
 * `report.page_fingerprints` ([] when they cannot be had: the helper then goes by the viewer's
 * page indicator). Resolves to false when a newer file was chosen meanwhile.
 */
export async function addPageFingerprints(badge, report, file) {
  const pages = (report && report.pdf && report.pdf.pages) || 0;
  const placing = report && report.stamp_suggestion && report.emeterai && report.emeterai.status === 'absent';
  report.page_fingerprints = [];
  if (!file || !placing || report.kind !== 'pdf' || report.error || pages < 2) return true; // one page needs none
  const token = badge._token; // a newer file chosen meanwhile wins
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const wanted = Array.from({ length: Math.min(pages, MAX_FINGERPRINT_PAGES) }, (_, i) => i + 1);
    const reply = await sendMessage({ type: 'page-fingerprints', data: toBase64(bytes), pages: wanted }, 20000);
    if (reply && reply.ok && Array.isArray(reply.fingerprints)) report.page_fingerprints = reply.fingerprints;
  } catch (_) {
    // no fingerprints: the helper goes by the viewer's page indicator
  }
  return badge._token === token;
}

/** How often a file dialog or a drag may wake the background (a drag fires dragenter at every element). */
const WAKE_EVERY_MS = 2000;
let lastWake = 0;

/**
 * Wake the background and its core while the person is still picking a file (the file dialog is
 * open, or a file is being dragged in): after the background slept, the first check no longer waits
 * for the core to be compiled. Nothing waits for the answer, nothing is sent but the wake-up.
 */
export function wakeCore() {
  const now = Date.now();
  if (now - lastWake < WAKE_EVERY_MS) return;
  lastWake = now;
  sendMessage({ type: 'ping' }, 20000).catch(() => {});
}

/**
 * Check `file` with {doc, stage, maxKb}; render into `badge` with `lang`/`t`.
 * Resolves to the report, or null when the check could not run.
 */
export async function checkFileInto(badge, file, options, lang, t) {
  const token = {};
  badge._token = token; // a newer choice of file wins over an older, slower check
  renderVerdict(badge, { state: 'checking', lang, t, fileName: file.name });
  if (file.size > MAX_CHECK_BYTES) {
    renderVerdict(badge, { state: 'failed', note: t('tooBigToCheck', (file.size / 1048576).toFixed(1)), lang, t, fileName: file.name });
    return null;
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const reply = await sendMessage(
      {
        type: 'check-file',
        name: String(file.name || '').slice(0, 255),
        doc: options.doc || 'other',
        stage: options.stage || (options.texts ? undefined : 'upload'),
        maxKb: options.maxKb || undefined,
        texts: options.texts || undefined,
        data: toBase64(bytes),
      },
      options.timeoutMs || 20000,
    );
    if (badge._token !== token) return null;
    if (!reply || !reply.ok) throw new Error((reply && reply.error) || 'check failed');
    renderVerdict(badge, { state: stateOf(reply.report), report: reply.report, lang, t, fileName: file.name, note: options.note, rule: reply.rule || null });
    return reply.report;
  } catch (e) {
    if (badge._token === token) {
      const note = e && e.message === 'timeout' ? t('timedOut') : t('badgeFailed');
      renderVerdict(badge, { state: 'failed', note, lang, t, fileName: file.name });
    }
    return null;
  }
}
