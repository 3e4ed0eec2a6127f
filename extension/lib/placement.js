// One-click stamp placement on stamping pages (SSCASN's own e-Meterai dialog and the portals).
//
// Finds the rendered page (a canvas or image whose aspect ratio matches the PDF page) and the
// stamp (a draggable element whose image or text says meterai); tells which page the picture shows
// by its content (dark pixels against the core's per-page fingerprint), else by the viewer's own
// indicator; brings the signature's page into view with the viewer's own controls (a page number
// field, a <select>, numbered buttons, next/previous) or, in viewers that stack every page, by
// scrolling to it; moves the stamp through the page's own drag handling (pointer, mouse or touch
// events) and reads back where it ended up. It reports a placement only when the page and the
// position were read back from the page; otherwise it throws a PlaceError saying what to do, and
// never moves the stamp while a page other than the target is shown.
import { PlaceError, sleep } from './placement/common.js';
import { dragAndDrop, dragOnto, findStamp } from './placement/drag.js';
import { showPage } from './placement/navigation.js';
import { findPageViews, stackedPages } from './placement/picture.js';
import { overlaps, readBack } from './placement/read-back.js';

export { PLACE_TOLERANCE, PlaceError } from './placement/common.js';
export { boxInPoints } from './placement/read-back.js';
export { dragAndDrop, dragBy, findStamp } from './placement/drag.js';
export { NAV_DISTANCE, findPageNav, showPage } from './placement/navigation.js';
export { drawableOf, expectedGrid, findPageViews, gridSize, identifyPage, matchScore, readPicture } from './placement/picture.js';

/**
 * Place the stamp at the report's suggestion. Resolves to {page, rect, pageView, how, kind}
 * only when the page shown and the stamp's position were read back and match; otherwise
 * throws a PlaceError (placeNoSuggestion, placeNoViewer, placeGoToPage, placeNoStamp,
 * placeNotMoved, placeNotConfirmed).
 */
export async function placeStamp(doc, report) {
  const s = report.stamp_suggestion;
  if (!s || !report.pdf) throw new PlaceError('placeNoSuggestion');
  const size = report.pdf.page_sizes[s.page - 1];
  if (!size) throw new PlaceError('placeNoSuggestion');
  // The page pictures at viewing size (thumbnails in a sidebar are not where the stamp goes).
  const all = findPageViews(doc, size);
  const largest = all.length ? all[0].getBoundingClientRect().width : 0;
  const views = all.filter((v) => v.getBoundingClientRect().width >= largest * 0.85);
  if (!views.length) throw new PlaceError('placeNoViewer', s.page);
  // The viewer may sit in a same-origin frame: its page controls and the stamp are in its document.
  doc = views[0].ownerDocument;
  const framed = views.filter((v) => v.ownerDocument === doc);
  views.length = 0;
  views.push(...framed);

  let pageView;
  let how;
  const stacked = views.length >= 2 && report.pdf.pages >= 2;
  if (stacked) {
    const found = stackedPages(report, views).find((p) => p.page === s.page);
    if (!found) throw new PlaceError('placeGoToPage', s.page);
    pageView = found.view;
    how = found.how;
    pageView.scrollIntoView({ block: 'center', inline: 'nearest' });
    await sleep(80);
  } else {
    const shown = await showPage(doc, report, size, s.page);
    if (shown.page !== s.page || !shown.view) throw new PlaceError('placeGoToPage', s.page);
    pageView = shown.view;
    how = shown.how;
    pageView.scrollIntoView({ block: 'center', inline: 'nearest' });
    await sleep(80);
  }
  let stamp = findStamp(doc, pageView);
  if (!stamp) throw new PlaceError('placeNoStamp', s.page);
  let dropped = null;
  if (!overlaps(stamp, pageView) && stamp.closest('[draggable="true"]')) {
    // A stamp waiting in a palette beside the page: dropped onto the page at the suggestion's
    // centre (HTML5 drag and drop), then nudged where the site put it.
    const p = pageView.getBoundingClientRect();
    const k = p.width / size.width;
    const to = { x: p.left + ((s.rect[0] + s.rect[2]) / 2) * k, y: p.top + (size.height - (s.rect[1] + s.rect[3]) / 2) * k };
    const from = stamp.getBoundingClientRect();
    if (await dragAndDrop(stamp.closest('[draggable="true"]'), from.left + from.width / 2, from.top + from.height / 2, to.x, to.y)) {
      await sleep(60);
      const placed = findStamp(doc, pageView);
      if (placed && overlaps(placed, pageView)) {
        stamp = placed;
        dropped = 'html5';
      }
    }
  }
  let kind = await dragOnto(doc, stamp, pageView, size, s.rect);
  if (dropped && (!kind || kind === 'none')) kind = dropped;
  if (!kind) throw new PlaceError('placeNotMoved', s.page);
  await sleep(60);

  const back = readBack(doc, report, size, pageView, stamp, stacked);
  return { page: back.page, rect: back.rect, pageView: back.pageView, how, kind, error: back.error };
}
