// SSCASN pages: check every chosen file against the rules the page states. On SSCASN's own
// e-Meterai stamping dialog the check runs at the stamping stage (before a paid stamp is used).
import { deepQueryAll, unreachableParts, watchDeep } from '../lib/deep-dom.js';
import { hasFillableFields } from '../lib/fill-apply.js';
import { addPageFingerprints } from '../lib/file-check.js';
import { fillFromProfile, showFillControl } from '../lib/fill-control.js';
import { showPlacementPanel } from '../lib/placement-panel.js';
import { api, getSettings, loadStrings, pickLanguage, uiLanguage } from '../lib/platform.js';
import { rememberUploadRules } from '../lib/rules-memory.js';
import { watchFileInputs } from '../lib/watch.js';
(async function () {
  'use strict';
  // One run per frame, even if the browser injects the script again.
  if (!/sscasn/i.test(location.hostname) || globalThis.sscasnHelperStarted) return;
  globalThis.sscasnHelperStarted = true;
  let stopUploads = () => {};
  try {
    // The language and its strings come from storage and the background (on a busy machine, a
    // while after the page shows): files are watched for from the start, and checked once they come.
    const strings = (async () => {
      const settings = await getSettings();
      const lang = pickLanguage(settings.lang, uiLanguage(), location.search);
      return { lang, t: await loadStrings(lang) };
    })();
    // Decided from the URL each time: an SPA changes its route without loading the page again.
    const stampingPage = () => /e-?meterai/i.test(location.pathname);
    // Elsewhere each control's own words decide its stage (the core reads them: stated_rules.rs).
    stopUploads = watchFileInputs(document, strings, () => (stampingPage() ? 'stamping' : undefined), async (input, badge, report, file) => {
      const { lang, t } = await strings;
      if (report.stage === 'stamping' && (await addPageFingerprints(badge, report, file))) showPlacementPanel(document, badge, report, lang, t);
    });
    const { lang, t } = await strings;
    rememberUploadRules(document, t); // for "Persiapan dokumen"
    // The popup asks what of this page could not be read (parts behind a closed shadow root), to say so.
    api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
      if (!msg || msg.type !== 'reach' || sender.id !== api.runtime.id || sender.tab || window !== window.top) return false;
      sendResponse(unreachableParts(document));
      return false;
    });
    // The popup's "fill this page" button: only from this extension's own pages.
    api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
      if (!msg || msg.type !== 'fill' || sender.id !== api.runtime.id || sender.tab) return false;
      // Every frame hears the popup: a frame without form controls leaves the answer to the one with them.
      if (window !== window.top && !formShape()) return false;
      fillFromProfile(document, t).then(
        (r) => sendResponse({ ok: true, text: r.text }),
        () => sendResponse({ ok: false }),
      );
      return true;
    });
    // The fill control appears once the page shows fields the profile can fill (they come late);
    // the Rust core decides, from a snapshot of the page's controls.
    const offerFill = async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          if (!(await hasFillableFields(document))) return false;
          showFillControl(document, t);
          return true;
        } catch (_) {
          await new Promise((r) => setTimeout(r, 500 * (attempt + 1))); // the background may still be starting
        }
      }
      return false;
    };
    // Watch before the first look: a page that renders while the core answers is looked at again.
    // The core is asked again only when the page's controls (or labels) came or went since it last
    // said "nothing to fill": a page that only changes text (our verdicts, a clock) sends nothing,
    // so the background is left to sleep.
    const formShape = () => {
      const all = (sel) => deepQueryAll(document, sel); // shadow roots too
      const controls = all('input:not([type=file]):not([type=hidden]), select, textarea, [role=combobox]').length;
      return controls ? controls + ':' + all('label').length : '';
    };
    let shown = false;
    let timer = null;
    let lookedAt = null;
    const look = async () => {
      timer = null;
      const shape = formShape();
      if (shown || !shape || shape === lookedAt) return;
      lookedAt = shape;
      if (await offerFill()) {
        shown = true;
        stopWatching();
      }
    };
    const onChange = () => {
      if (!timer && !shown) timer = setTimeout(look, 250);
    };
    // Every shadow root and route too.
    const stopWatching = watchDeep(document, onChange).stop;
    look();
  } catch (e) {
    // Fail open: the page keeps working exactly as without the extension.
    stopUploads();
    console.debug('SSCASN Helper: not active on this page', e);
  }
})();
