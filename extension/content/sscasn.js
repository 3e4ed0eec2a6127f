// SSCASN pages: check every chosen file against the rules the page states. On SSCASN's own
// e-Meterai stamping dialog the check runs at the stamping stage (before a paid stamp is used).
(async function () {
  'use strict';
  const NS = globalThis.SSCASN;
  if (!NS || !/sscasn/i.test(location.hostname) || NS.started) return;
  NS.started = true;
  try {
    const settings = await NS.getSettings();
    const lang = NS.pickLanguage(settings.lang, NS.uiLanguage(), location.search);
    const t = await NS.loadStrings(lang);
    // Decided from the URL each time: an SPA changes its route without loading the page again.
    const stampingPage = () => /e-?meterai/i.test(location.pathname);
    // Elsewhere each control's own words decide its stage (the core reads them: stated_rules.rs).
    NS.watchFileInputs(document, lang, t, () => (stampingPage() ? 'stamping' : undefined), async (input, badge, report, file) => {
      if (report.stage === 'stamping' && (await NS.addPageFingerprints(badge, report, file))) NS.showPlacementPanel(document, badge, report, lang, t);
    });
    if (NS.rememberUploadRules) NS.rememberUploadRules(document, t); // for "Persiapan dokumen"
    // The popup asks what of this page could not be read (parts behind a closed shadow root), to say so.
    NS.api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
      if (!msg || msg.type !== 'reach' || sender.id !== NS.api.runtime.id || sender.tab || window !== window.top) return false;
      sendResponse(NS.unreachableParts(document));
      return false;
    });
    // The popup's "fill this page" button: only from this extension's own pages.
    NS.api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
      if (!msg || msg.type !== 'fill' || sender.id !== NS.api.runtime.id || sender.tab) return false;
      // Every frame hears the popup: a frame without form controls leaves the answer to the one with them.
      if (window !== window.top && !formShape()) return false;
      NS.fillFromProfile(document, t).then(
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
          if (!(await NS.hasFillableFields(document))) return false;
          NS.showFillControl(document, t);
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
      const all = (sel) => (NS.deepQueryAll ? NS.deepQueryAll(document, sel) : document.querySelectorAll(sel)); // shadow roots too
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
    // Every shadow root and route too, where deep-dom.js is loaded.
    let stopWatching;
    if (NS.watchDeep) stopWatching = NS.watchDeep(document, onChange).stop;
    else {
      const observer = new MutationObserver(onChange);
      observer.observe(document.documentElement, { childList: true, subtree: true });
      stopWatching = () => observer.disconnect();
    }
    look();
  } catch (e) {
    // Fail open: the page keeps working exactly as without the extension.
    console.debug('SSCASN Helper: not active on this page', e);
  }
})();
