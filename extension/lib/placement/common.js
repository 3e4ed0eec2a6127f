// What every part of the stamp placement shares: which elements are ours, visible, in order;
// the placement tolerance and the error the panel explains.
import { deepQueryAll } from '../deep-dom.js';

export const STAMP_WORDS = /e-?m[ae]terai|meterai|materai|stamp|segel/i;
export const ours = (el) => !!(el && el.closest && el.closest('sscasn-verdict, sscasn-placement'));
export const styleOf = (el) => el.ownerDocument.defaultView.getComputedStyle(el); // the element's own frame
/** Every element matching `sel` in `doc`, its shadow roots and (with `frames`) its same-origin frames. */
export const deepAll = (doc, sel, frames) => deepQueryAll(doc, sel, { frames });
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** How far (points) the read-back box may be from the suggestion and still count as placed. */
export const PLACE_TOLERANCE = 6;

/** A failure the panel explains: `key` is a _locales key, `args` its substitutions. */
export class PlaceError extends Error {
  constructor(key, ...args) {
    super(key);
    this.key = key;
    this.args = args;
  }
}

export const visible = (el) => {
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  const cs = styleOf(el);
  return cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0.05;
};
export const inOrder = (a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
