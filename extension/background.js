// Background (service worker in Chrome, event page in Firefox): runs the wasm core and answers an
// allow-list of messages from our own content scripts and pages. Chromium will not compile wasm in
// a content script under a strict page CSP, so all checking happens here.
import init, { analyze, checkInControl, pageFingerprints, rulesForControls, fitFile, prepareFile, prepareSummary, version, validateProfile, normalizePhone, planFill, chooseOption, vaultParams, inspectProfileFile, pinProblem, unlockWaitMs, unlockMinutes, __wbg_reset_state as resetCore } from './wasm/sscasn_wasm.js';
import { createProfileStore } from './lib/profile-store.js';
import { PAGE_ONLY_MESSAGES, fromBase64, isAllowedHost, toBase64, validateMessage } from './lib/rules.js';

const api = globalThis.browser && globalThis.browser.runtime ? globalThis.browser : globalThis.chrome;
/** 10 MB files are the documented maximum; leave room for base64's 4/3 growth. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_BASE64 = Math.ceil(MAX_FILE_BYTES / 3) * 4;

let ready = null;
function core() {
  if (!ready) {
    ready = init({ module_or_path: new URL('./wasm/sscasn_wasm_bg.wasm', import.meta.url) }).catch((e) => {
      ready = null; // let the next message try again
      throw e;
    });
  }
  return ready;
}

// The profile (locked / komputer umum / plain): storage.session holds the key and the shared-computer
// profile in memory only; it is open to this extension's pages and background, not content scripts.
const profiles = createProfileStore({
  local: api.storage.local,
  session: api.storage.session,
  core: { params: vaultParams, inspect: (text) => guarded(() => inspectProfileFile(text)), pinProblem, waitMs: unlockWaitMs, minutes: unlockMinutes },
});
let forgetTimer = null;
/** Forget the key when its time is up even if nobody asks (the background may sleep first: reads check too). */
function forgetAt(until) {
  clearTimeout(forgetTimer);
  if (until) forgetTimer = setTimeout(() => profiles.status().catch(() => {}), Math.max(0, until - Date.now()) + 50);
}

const strings = new Map();
async function loadStrings(lang) {
  if (!strings.has(lang)) {
    const res = await fetch(api.runtime.getURL(`_locales/${lang}/messages.json`));
    strings.set(lang, await res.json());
  }
  return strings.get(lang);
}

/** A page of this extension itself (popup, options), not a content script in a web page. */
function fromOwnPage(sender) {
  return typeof sender.url === 'string' && sender.url.startsWith(api.runtime.getURL('')) && sender.id === api.runtime.id;
}

/** Messages only from this extension: its pages, or content scripts on the hosts it serves. */
function senderAllowed(sender) {
  if (!sender || sender.id !== api.runtime.id) return false;
  // Our own pages (the popup, also when opened in a tab, and the options page).
  if (typeof sender.url === 'string' && sender.url.startsWith(api.runtime.getURL(''))) return true;
  if (sender.tab) {
    try {
      const url = new URL(sender.url || sender.tab.url);
      return url.protocol === 'https:' && isAllowedHost(url.hostname);
    } catch (_) {
      return false;
    }
  }
  return false;
}

function hostOf(sender) {
  try {
    return new URL(sender.url || (sender.tab && sender.tab.url)).hostname;
  } catch (_) {
    return '';
  }
}

const handlers = {
  async ping() {
    await core();
    return { ok: true, version: version() };
  },
  async strings(msg) {
    return { ok: true, strings: await loadStrings(msg.lang) };
  },
  async 'validate-profile'(msg) {
    await core();
    return { ok: true, problems: validateProfile(msg.profile) };
  },
  async 'normalize-phone'(msg) {
    await core();
    return { ok: true, phone: normalizePhone(msg.number) };
  },
  async 'profile-status'() {
    await core();
    return { ok: true, ...(await profiles.status()) };
  },
  /** The profile for filling: given to SSCASN pages and our own pages, only while it is readable. */
  async 'profile-get'() {
    await core();
    return { ok: true, ...(await profiles.get()) };
  },
  async 'profile-lock'() {
    forgetAt(null);
    return { ok: true, ...(await profiles.lockNow()) };
  },
  async 'profile-unlock'(msg) {
    await core();
    const r = await profiles.unlock(msg.pin, msg.minutes);
    if (r.unlocked) forgetAt(r.until);
    return { ok: true, ...r };
  },
  async 'profile-save'(msg) {
    await core();
    const r = await profiles.save(msg.profile, { mode: msg.mode, pin: msg.pin || '', minutes: msg.minutes });
    if (r.until) forgetAt(r.until);
    return { ok: true, ...r };
  },
  async 'profile-export'(msg) {
    await core();
    return { ok: true, ...(await profiles.exportLocked(msg.profile, msg.pin || '')) };
  },
  async 'profile-import'(msg) {
    await core();
    return { ok: true, ...(await profiles.importFile(msg.text, msg.pin || '')) };
  },
  async 'profile-clear'() {
    forgetAt(null);
    await profiles.clear();
    return { ok: true };
  },
  /** The fill plan for a page snapshot (the core matches controls to profile fields). */
  async 'plan-fill'(msg) {
    await core();
    return { ok: true, plan: guarded(() => planFill(msg.snapshot, msg.profile)) };
  },
  /** Which of the options a searchable select shows means the value. */
  async 'choose-option'(msg) {
    await core();
    return { ok: true, index: guarded(() => chooseOption(msg.field, msg.value, msg.options)) };
  },
  async 'open-options'() {
    await api.runtime.openOptionsPage();
    return { ok: true };
  },
  async 'check-file'(msg) {
    await core();
    const bytes = fromBase64(msg.data);
    const options = { file: msg.name || '', doc: msg.doc || 'other', stage: msg.stage || 'upload' };
    if (msg.maxKb) options.max_kb = msg.maxKb;
    if (msg.texts) {
      // The page's words around the control decide its limit and stage (a forced stage stays).
      const checked = guarded(() => checkInControl(bytes, options, msg.stage !== undefined, msg.texts));
      return { ok: true, report: checked.report, rule: checked.rule };
    }
    return { ok: true, report: guarded(() => analyze(bytes, options)) };
  },
  /** The stamping helper's page fingerprints, asked for when it places a stamp (never for a verdict). */
  async 'page-fingerprints'(msg) {
    await core();
    return { ok: true, fingerprints: guarded(() => pageFingerprints(fromBase64(msg.data), msg.pages)) };
  },
  /** What each control of an upload page states (limit, type, stage), for "Persiapan dokumen". */
  async 'read-rules'(msg) {
    await core();
    return { ok: true, rules: guarded(() => rulesForControls(msg.items)) };
  },
  /** "Persiapan dokumen": open its page, check one file of a set, or summarise the set. */
  async prepare(msg) {
    if (msg.op === 'open') {
      await api.tabs.create({ url: api.runtime.getURL('prepare/prepare.html') });
      return { ok: true };
    }
    await core();
    if (msg.op === 'summary') return { ok: true, summary: guarded(() => prepareSummary(msg.items, msg.rules || null)) };
    const bytes = fromBase64(msg.data);
    return { ok: true, file: guarded(() => prepareFile(bytes, msg.name, msg.doc || undefined, msg.rules || null)) };
  },
  /** Make a photo or scanned PDF fit its limit; signed PDFs are refused by the core. */
  async 'fit-file'(msg) {
    await core();
    const bytes = fromBase64(msg.data);
    const result = guarded(() => fitFile(bytes, msg.maxKb * 1024));
    return {
      ok: true,
      outcome: result.outcome,
      data: result.bytes.length ? toBase64(result.bytes) : '',
      thumbnail: result.thumbnail.length ? toBase64(result.thumbnail) : '',
    };
  },
};

/** Run a wasm call; a trap leaves the instance unusable, so it is replaced for the next call. */
function guarded(call) {
  try {
    return call();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) resetCore();
    throw e;
  }
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!senderAllowed(sender)) return false;
  // The PIN and the profile's storage are handled only from our own pages; the profile itself
  // goes to content scripts on SSCASN pages only (not the e-Meterai portals).
  if (msg && PAGE_ONLY_MESSAGES.has(msg.type) && !fromOwnPage(sender)) return false;
  if (msg && msg.type === 'profile-get' && !fromOwnPage(sender) && !/sscasn/i.test(hostOf(sender))) return false;
  const problem = validateMessage(msg, MAX_BASE64);
  if (problem) {
    sendResponse({ ok: false, error: problem });
    return false;
  }
  handlers[msg.type](msg)
    .then(sendResponse)
    .catch((e) => sendResponse({ ok: false, error: String((e && e.message) || e).slice(0, 200) }));
  return true; // the reply comes asynchronously
});
