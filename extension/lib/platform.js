// A tiny platform layer (like uBlock's vapi): hides Chrome/Firefox differences from the rest.
// Imported by the content scripts and the extension pages (each bundled on its own by esbuild).
const api = globalThis.browser && globalThis.browser.runtime ? globalThis.browser : globalThis.chrome;

/** Send a message to the background; resolves with its reply or rejects (timeout, no receiver). */
export function sendMessage(message, timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new Error('timeout'));
    }, timeoutMs);
    try {
      api.runtime.sendMessage(message, (reply) => {
        if (done) return;
        clearTimeout(timer);
        const err = api.runtime.lastError;
        if (err) reject(new Error(err.message || 'no receiver'));
        else if (reply === undefined) reject(new Error('no reply'));
        else resolve(reply);
      });
    } catch (e) {
      clearTimeout(timer);
      reject(e);
    }
  });
}

/** Stored user settings (storage.local only; nothing syncs). */
export async function getSettings() {
  try {
    const got = await api.storage.local.get({ lang: 'auto' });
    return got || { lang: 'auto' };
  } catch (_) {
    return { lang: 'auto' };
  }
}

/** The language to speak: ?sscasn-lang= override, then the stored choice, then the browser's. */
export function pickLanguage(stored, uiLanguage, search) {
  const forced = /[?&]sscasn-lang=(id|en)\b/.exec(search || '');
  if (forced) return forced[1];
  if (stored === 'id' || stored === 'en') return stored;
  return /^en\b/i.test(uiLanguage || '') ? 'en' : 'id';
}

export function uiLanguage() {
  try {
    return api.i18n.getUILanguage();
  } catch (_) {
    return 'id';
  }
}

/** Message table for one language, from the background (which reads _locales); falls back to i18n. */
export async function loadStrings(lang) {
  let table = null;
  try {
    const reply = await sendMessage({ type: 'strings', lang }, 5000);
    if (reply && reply.ok) table = reply.strings;
  } catch (_) {
    table = null;
  }
  return function t(key, ...subs) {
    let text = table && table[key] ? table[key].message : api.i18n.getMessage(key, subs.map(String));
    if (!text) return key;
    subs.forEach((s, i) => {
      text = text.split('$' + (i + 1)).join(String(s));
    });
    return text;
  };
}

/** Extension pages: pick the language, fill every [data-i18n] element, return {settings, lang, t}. */
export async function localizePage(doc) {
  const settings = await getSettings();
  const lang = pickLanguage(settings.lang, uiLanguage(), doc.location.search);
  const t = await loadStrings(lang);
  doc.documentElement.lang = lang;
  doc.querySelectorAll('[data-i18n]').forEach((e) => {
    e.textContent = t(e.dataset.i18n);
  });
  return { settings, lang, t };
}

export { api };
