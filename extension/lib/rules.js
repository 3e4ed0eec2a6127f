// Reads an upload row like a person does: which document is it, what limit and type does the
// page state. Pure functions over text, shared by content scripts and unit tests.
import { validControlTexts } from './rule-scope.js';

// Order matters: "Surat Pernyataan" before the looser patterns.
const DOC_PATTERNS = [
  ['surat_pernyataan', /surat\s+pernyataan|pernyataan\b/i],
  ['surat_lamaran', /surat\s+lamaran|lamaran/i],
  ['transkrip', /transkrip/i],
  ['ijazah', /ijazah|ijasah|diploma/i],
  ['pas_foto', /pas\s*-?\s*foto|pasfoto|foto\s+(diri|formal|terbaru)/i],
  ['ktp', /\bktp\b|kartu\s+tanda\s+penduduk|e-?ktp/i],
  ['pendukung', /pendukung|sertifikat|\bstr\b|akreditasi|toefl|surat\s+keterangan|\bskck\b|sertifikasi/i],
];

/**
 * The document type named in `text`, or null. The earliest mention wins (a row's title comes
 * before its hints and status lines); at the same place, the more specific pattern wins.
 */
export function detectDocType(text) {
  const t = String(text || '');
  let best = null;
  for (const [doc, re] of DOC_PATTERNS) {
    const m = re.exec(t);
    if (m && (best === null || m.index < best.index)) best = { doc, index: m.index };
  }
  return best && best.doc;
}

// The limit a row states is read by the Rust core (crate/core/src/stated_rules.rs), from the
// texts lib/rule-scope.js gathers: one grammar for the extension and the CLI.

/** The file type the row asks for, from its text and `accept`: 'pdf', 'jpeg' or null. */
export function parseExpectedType(text, accept) {
  const a = String(accept || '').toLowerCase();
  const hasPdf = /pdf/.test(a);
  const hasJpg = /jpe?g|image\//.test(a);
  if (hasPdf && !hasJpg) return 'pdf';
  if (hasJpg && !hasPdf) return 'jpeg';
  const t = String(text || '').toLowerCase();
  const pdf = /\bpdf\b|\.pdf/.test(t);
  const jpg = /\bjpe?g\b|\.jpe?g/.test(t);
  if (pdf && !jpg) return 'pdf';
  if (jpg && !pdf) return 'jpeg';
  return null;
}

const MESSAGE_TYPES = new Set(['check-file', 'page-fingerprints', 'fit-file', 'strings', 'ping', 'validate-profile', 'normalize-phone', 'open-options', 'prepare', 'read-rules', 'plan-fill', 'choose-option', 'profile-status', 'profile-get', 'profile-lock', 'profile-unlock', 'profile-save', 'profile-export', 'profile-import', 'profile-clear']);
/** Profile messages only the extension's own pages may send (a PIN is never typed into a web page). */
export const PAGE_ONLY_MESSAGES = new Set(['profile-unlock', 'profile-save', 'profile-export', 'profile-import', 'profile-clear']);
const PROFILE_MODES = new Set(['pin', 'session', 'plain']);
const badPin = (pin) => pin !== undefined && (typeof pin !== 'string' || pin.length > 256);
const badMinutes = (m) => m !== undefined && m !== null && !(typeof m === 'number' && isFinite(m) && m > 0 && m <= 1440);
const badProfile = (p) => !p || typeof p !== 'object' || Array.isArray(p) || JSON.stringify(p).length > 100000;
const DOC_TYPES = new Set(['surat_lamaran', 'surat_pernyataan', 'ijazah', 'transkrip', 'pas_foto', 'ktp', 'pendukung', 'other']);

/** Validate a message for the background: returns an error string, or null when acceptable. */
export function validateMessage(msg, maxBase64Length) {
  if (!msg || typeof msg !== 'object' || !MESSAGE_TYPES.has(msg.type)) return 'unknown message type';
  if (msg.type === 'check-file') {
    if (typeof msg.data !== 'string') return 'data must be base64 text';
    if (msg.data.length > maxBase64Length) return 'file too large';
    if (msg.doc !== undefined && !DOC_TYPES.has(msg.doc)) return 'unknown document type';
    if (msg.stage !== undefined && msg.stage !== 'upload' && msg.stage !== 'stamping') return 'unknown stage';
    if (msg.maxKb !== undefined && msg.maxKb !== null && !(Number.isInteger(msg.maxKb) && msg.maxKb > 0 && msg.maxKb < 1e6))
      return 'bad size limit';
    if (msg.name !== undefined && typeof msg.name !== 'string') return 'bad name';
    if (msg.texts !== undefined && !(validControlTexts && validControlTexts(msg.texts))) return 'bad texts';
  }
  if (msg.type === 'page-fingerprints') {
    if (typeof msg.data !== 'string') return 'data must be base64 text';
    if (msg.data.length > maxBase64Length) return 'file too large';
    if (!Array.isArray(msg.pages) || !msg.pages.length || msg.pages.length > 30 || !msg.pages.every((n) => Number.isInteger(n) && n > 0 && n < 1e5))
      return 'bad pages';
  }
  if (msg.type === 'read-rules') {
    if (!Array.isArray(msg.items) || msg.items.length > 64) return 'bad items';
    if (!msg.items.every((i) => i && typeof i === 'object' && DOC_TYPES.has(i.doc) && validControlTexts && validControlTexts(i.texts))) return 'bad items';
  }
  if (msg.type === 'fit-file') {
    if (typeof msg.data !== 'string') return 'data must be base64 text';
    if (msg.data.length > maxBase64Length) return 'file too large';
    if (!(Number.isInteger(msg.maxKb) && msg.maxKb > 0 && msg.maxKb < 1e6)) return 'bad size limit';
  }
  if (msg.type === 'prepare') {
    const problem = validatePrepare(msg, maxBase64Length, DOC_TYPES);
    if (problem) return problem;
  }
  if (msg.type === 'strings' && msg.lang !== 'id' && msg.lang !== 'en') return 'unknown language';
  if (msg.type === 'validate-profile' && (!msg.profile || typeof msg.profile !== 'object' || JSON.stringify(msg.profile).length > 100000))
    return 'bad profile';
  if (msg.type === 'normalize-phone' && (typeof msg.number !== 'string' || msg.number.length > 40)) return 'bad number';
  if (msg.type === 'profile-unlock' && (typeof msg.pin !== 'string' || badPin(msg.pin) || badMinutes(msg.minutes))) return 'bad pin';
  if (msg.type === 'profile-save' && (badProfile(msg.profile) || !PROFILE_MODES.has(msg.mode) || badPin(msg.pin) || badMinutes(msg.minutes)))
    return 'bad profile';
  if (msg.type === 'profile-export' && (badProfile(msg.profile) || badPin(msg.pin))) return 'bad profile';
  if (msg.type === 'profile-import' && (typeof msg.text !== 'string' || msg.text.length > 400000 || badPin(msg.pin))) return 'bad file';
  if (msg.type === 'plan-fill') {
    if (!msg.snapshot || typeof msg.snapshot !== 'object' || !Array.isArray(msg.snapshot.controls)) return 'bad snapshot';
    if (msg.snapshot.controls.length > 2000 || JSON.stringify(msg.snapshot).length > 4000000) return 'snapshot too large';
    if (msg.profile !== null && (typeof msg.profile !== 'object' || JSON.stringify(msg.profile).length > 100000)) return 'bad profile';
  }
  if (msg.type === 'choose-option') {
    if (typeof msg.field !== 'string' || msg.field.length > 64 || typeof msg.value !== 'string' || msg.value.length > 500) return 'bad field';
    if (!Array.isArray(msg.options) || msg.options.length > 500 || !msg.options.every((o) => typeof o === 'string' && o.length <= 500))
      return 'bad options';
  }
  return null;
}

/** "Persiapan dokumen" (`prepare`): op `open` (the page), `file` (check one file), `summary` (the set). */
export function validatePrepare(msg, maxBase64Length, docTypes) {
  const rulesOk = (r) => r === undefined || r === null || (typeof r === 'object' && Array.isArray(r.rows) && r.rows.length <= 64 && JSON.stringify(r).length < 20000);
  if (msg.op === 'open') return null;
  if (msg.op === 'file') {
    if (typeof msg.data !== 'string') return 'data must be base64 text';
    if (msg.data.length > maxBase64Length) return 'file too large';
    if (msg.doc !== undefined && msg.doc !== null && !docTypes.has(msg.doc)) return 'unknown document type';
    if (typeof msg.name !== 'string' || msg.name.length > 255) return 'bad name';
    return rulesOk(msg.rules) ? null : 'bad rules';
  }
  if (msg.op === 'summary') {
    if (!Array.isArray(msg.items) || msg.items.length > 200 || JSON.stringify(msg.items).length > 200000) return 'bad items';
    return rulesOk(msg.rules) ? null : 'bad rules';
  }
  return 'unknown prepare operation';
}

/** Hosts whose pages may talk to the background. */
export function isAllowedHost(hostname) {
  const h = String(hostname || '').toLowerCase();
  if (h.endsWith('.bkn.go.id') && h.includes('sscasn')) return true;
  return ['meterai-elektronik.com', 'e-meterai.co.id', 'e-meterai.pajakku.com', 'emeterai.posfin.id'].some(
    (d) => h === d || h.endsWith('.' + d),
  );
}

/** Base64 of bytes, in chunks (String.fromCharCode on 10 MB at once overflows the stack). */
export function toBase64(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
