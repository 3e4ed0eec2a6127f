// e-Meterai portals: check the PDF at the stamping stage the moment it is chosen, so that an
// already-stamped, certified, locked or oversized file is caught before a paid stamp is spent.
// A checked PDF without a stamp gets the placement helper (suggested box, preview, one click).
import { unreachableParts } from '../lib/deep-dom.js';
import { addPageFingerprints } from '../lib/file-check.js';
import { showPlacementPanel } from '../lib/placement-panel.js';
import { api, getSettings, loadStrings, pickLanguage, uiLanguage } from '../lib/platform.js';
import { watchFileInputs } from '../lib/watch.js';
(async function () {
  'use strict';
  // One run per frame, even if the browser injects the script again.
  if (globalThis.sscasnHelperStarted) return;
  globalThis.sscasnHelperStarted = true;
  let stopWatching = () => {};
  try {
    // Files are watched for from the start; checked once the strings come (see sscasn.js).
    const strings = (async () => {
      const settings = await getSettings();
      const lang = pickLanguage(settings.lang, uiLanguage(), location.search);
      return { lang, t: await loadStrings(lang) };
    })();
    stopWatching = watchFileInputs(document, strings, () => 'stamping', async (input, badge, report, file) => {
      const { lang, t } = await strings;
      if (await addPageFingerprints(badge, report, file)) showPlacementPanel(document, badge, report, lang, t);
    });
    await strings;
    // The popup asks what of this page could not be read (parts behind a closed shadow root), to say so.
    api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
      if (!msg || msg.type !== 'reach' || sender.id !== api.runtime.id || sender.tab || window !== window.top) return false;
      sendResponse(unreachableParts(document));
      return false;
    });
  } catch (e) {
    stopWatching();
    console.debug('SSCASN Helper: not active on this page', e);
  }
})();
