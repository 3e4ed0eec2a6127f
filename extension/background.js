// Background (service worker in Chrome, event page in Firefox): runs the wasm core and answers an
// allow-list of messages from our own content scripts and pages. Chromium will not compile wasm in
// a content script under a strict page CSP, so all checking happens here.
import init, { analyze, fitFile, version, validateProfile, normalizePhone, planFill, chooseOption, __wbg_reset_state as resetCore } from './wasm/sscasn_wasm.js';
import './lib/rules.js';

const api = globalThis.browser && globalThis.browser.runtime ? globalThis.browser : globalThis.chrome;
const NS = globalThis.SSCASN;
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

const strings = new Map();
async function loadStrings(lang) {
  if (!strings.has(lang)) {
    const res = await fetch(api.runtime.getURL(`_locales/${lang}/messages.json`));
    strings.set(lang, await res.json());
  }
  return strings.get(lang);
}

/** Messages only from this extension: its pages, or content scripts on the hosts it serves. */
function senderAllowed(sender) {
  if (!sender || sender.id !== api.runtime.id) return false;
  // Our own pages (the popup, also when opened in a tab, and the options page).
  if (typeof sender.url === 'string' && sender.url.startsWith(api.runtime.getURL(''))) return true;
  if (sender.tab) {
    try {
      const url = new URL(sender.url || sender.tab.url);
      return url.protocol === 'https:' && NS.isAllowedHost(url.hostname);
    } catch (_) {
      return false;
    }
  }
  return false;
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
    const bytes = NS.fromBase64(msg.data);
    const options = { file: msg.name || '', doc: msg.doc || 'other', stage: msg.stage || 'upload' };
    if (msg.maxKb) options.max_kb = msg.maxKb;
    return { ok: true, report: guarded(() => analyze(bytes, options)) };
  },
  /** Make a photo or scanned PDF fit its limit; signed PDFs are refused by the core. */
  async 'fit-file'(msg) {
    await core();
    const bytes = NS.fromBase64(msg.data);
    const result = guarded(() => fitFile(bytes, msg.maxKb * 1024));
    return {
      ok: true,
      outcome: result.outcome,
      data: result.bytes.length ? NS.toBase64(result.bytes) : '',
      thumbnail: result.thumbnail.length ? NS.toBase64(result.thumbnail) : '',
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
  const problem = NS.validateMessage(msg, MAX_BASE64);
  if (problem) {
    sendResponse({ ok: false, error: problem });
    return false;
  }
  handlers[msg.type](msg)
    .then(sendResponse)
    .catch((e) => sendResponse({ ok: false, error: String((e && e.message) || e).slice(0, 200) }));
  return true; // the reply comes asynchronously
});
