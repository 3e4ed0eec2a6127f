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
      // Which page a viewer shows is told by the pages' fingerprints: asked for only here, where
      // a stamp is placed, never by the verdict.
      const usable = report.stamp_suggestion && report.emeterai && report.emeterai.status === 'absent';
      if (usable) {
        const token = badge._token; // a newer file chosen meanwhile wins
        report.page_fingerprints = await NS.pageFingerprintsOf(file, report);
        if (badge._token !== token) return;
      }
      NS.showPlacementPanel(document, badge, report, lang, t);
    });
  } catch (e) {
    console.debug('SSCASN Helper: not active on this page', e);
  }
})();
