// e-Meterai portals: check the PDF at the stamping stage the moment it is chosen, so that an
// already-stamped, certified, locked or oversized file is caught before a paid stamp is spent.
// A checked PDF without a stamp gets the placement helper (suggested box, preview, one click).
(async function () {
  'use strict';
  const NS = globalThis.SSCASN;
  if (!NS || NS.started) return;
  NS.started = true;
  try {
    const settings = await NS.getSettings();
    const lang = NS.pickLanguage(settings.lang, NS.uiLanguage(), location.search);
    const t = await NS.loadStrings(lang);
    // The popup asks what of this page could not be read (parts behind a closed shadow root), to say so.
    NS.api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
      if (!msg || msg.type !== 'reach' || sender.id !== NS.api.runtime.id || sender.tab || window !== window.top) return false;
      sendResponse(NS.unreachableParts(document));
      return false;
    });
    NS.watchFileInputs(document, lang, t, () => 'stamping', async (input, badge, report, file) => {
      if (await NS.addPageFingerprints(badge, report, file)) NS.showPlacementPanel(document, badge, report, lang, t);
    });
  } catch (e) {
    console.debug('SSCASN Helper: not active on this page', e);
  }
})();
