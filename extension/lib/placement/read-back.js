// Reading the placement back from the page: where the stamp sits, in PDF points, and on which page.
import { PLACE_TOLERANCE, PlaceError } from './common.js';
import { findStamp } from './drag.js';
import { findPageNav, shownPage } from './navigation.js';
import { findPageViews } from './picture.js';

/** Where `box` sits on `pageView`, in PDF points ([llx, lly, urx, ury]). */
export function boxInPoints(pageView, box, size) {
  const p = pageView.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  const k = size.width / p.width;
  return [(b.left - p.left) * k, size.height - (b.bottom - p.top) * k, (b.right - p.left) * k, size.height - (b.top - p.top) * k]
    .map((v) => Math.round(v * 100) / 100);
}

/** Whether `el`'s rendered box overlaps `view`'s. */
export function overlaps(el, view) {
  const r = el.getBoundingClientRect();
  const p = view.getBoundingClientRect();
  return r.right > p.left && r.left < p.right && r.bottom > p.top && r.top < p.bottom;
}

/**
 * Read back where the stamp ended up: the page shown (or, stacked, the page under the stamp) and
 * the stamp's box in PDF points. Returns {page, rect, pageView, error} only when both match the
 * suggestion (within PLACE_TOLERANCE points); otherwise throws placeNotConfirmed.
 */
export function readBack(doc, report, size, pageView, stamp, stacked) {
  const s = report.stamp_suggestion;
  const box = stamp.isConnected ? stamp : findStamp(doc, pageView);
  if (!box) throw new PlaceError('placeNotConfirmed', s.page);
  const b = box.getBoundingClientRect();
  const cx = b.left + b.width / 2;
  const cy = b.top + b.height / 2;
  let view = pageView;
  if (stacked) {
    const under = findPageViews(doc, size).find((v) => {
      const r = v.getBoundingClientRect();
      return cx >= r.left && cx <= r.right && cy >= r.top && cy <= r.bottom;
    });
    if (under !== pageView) throw new PlaceError('placeNotConfirmed', s.page);
  } else {
    const again = shownPage(doc, report, size, findPageNav(doc, report.pdf.pages, pageView));
    if (again.page !== s.page || !again.view) throw new PlaceError('placeNotConfirmed', s.page);
    view = again.view;
  }
  const rect = boxInPoints(view, box, size);
  const ccx = (rect[0] + rect[2]) / 2;
  const ccy = (rect[1] + rect[3]) / 2;
  const error = Math.max(Math.abs(ccx - (s.rect[0] + s.rect[2]) / 2), Math.abs(ccy - (s.rect[1] + s.rect[3]) / 2));
  if (!(error <= PLACE_TOLERANCE)) throw new PlaceError('placeNotConfirmed', s.page);
  return { page: s.page, rect, pageView: view, error };
}
