// Finding the rendered page (a canvas or image whose aspect ratio matches the PDF page) and
// telling which page a picture shows by its content: dark pixels against the core's per-page
// fingerprint.
import { deepAll, inOrder, ours, styleOf, visible } from './common.js';
/**
 * The visible canvases/images that show a page of this size, largest first: in the page, its
 * shadow roots and its same-origin frames (a viewer embedded as <iframe src="viewer.html">).
 */
export function findPageViews(doc, size) {
  const want = size.width / size.height;
  return deepAll(doc, `canvas, img, svg, ${BOXES}`, true)
    .map((el) => ({ el, r: el.getBoundingClientRect() }))
    .filter(({ r }) => r.width >= 150 && r.height >= 150 && Math.abs(r.width / r.height - want) / want < 0.03)
    .filter(({ el }) => !ours(el) && visible(el) && drawableOf(el))
    .sort((a, b) => b.r.width * b.r.height - a.r.width * a.r.height)
    .map(({ el }) => el);
}

// Boxes that may show the page as their CSS background (a server-rendered page image).
const BOXES = 'div, figure, span, section, li, a';
const backgrounds = new WeakMap(); // box -> {url, image}

/**
 * What a page view shows, as something a canvas can draw: a canvas or image itself; an SVG's
 * picture (its one <image> covering it); a box's CSS background image (loaded once, from the
 * address the page itself uses; null until it has loaded — callers read again).
 */
export function drawableOf(view) {
  const tag = view.localName;
  if (tag === 'canvas' || tag === 'img') return view;
  if (tag === 'svg') {
    const images = view.querySelectorAll('image');
    return images.length === 1 ? images[0] : null;
  }
  const bg = styleOf(view).backgroundImage;
  const m = bg && /^url\(["']?(.*?)["']?\)$/.exec(bg);
  if (!m) return null;
  let known = backgrounds.get(view);
  if (!known || known.url !== m[1]) {
    const image = new (view.ownerDocument.defaultView.Image)();
    image.src = m[1];
    known = { url: m[1], image };
    backgrounds.set(view, known);
  }
  return known.image;
}

// ---------------------------------------------------------------- which page is shown, by content

/** Grid the page picture and the fingerprints are compared on: cells across, and down. */
export const gridSize = (size) => ({ w: 96, h: Math.max(8, Math.round((96 * size.height) / size.width)) });

/** Close horizontal gaps of up to `gap` cells in each row (word spaces) in place. */
function closeRows(grid, w, h, gap) {
  for (let y = 0; y < h; y++) {
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (!grid[y * w + x]) continue;
      if (last >= 0 && x - last > 1 && x - last <= gap + 1) for (let k = last + 1; k < x; k++) grid[y * w + k] = 1;
      last = x;
    }
  }
  return grid;
}

/**
 * The cells of the page picture that show ink, or null when the picture cannot be read (a
 * cross-origin image taints the canvas; an image still loading; a canvas not drawn yet).
 */
export function readPicture(view, size) {
  const { w, h } = gridSize(size);
  const box = view;
  view = drawableOf(box);
  if (!view) return null;
  if (view.localName === 'img' && !(view.complete && view.naturalWidth)) return null;
  if (view.localName === 'canvas' && !(view.width && view.height)) return null;
  if (view.localName === 'image' && !(box.getBBox && view.getBBox().width)) return null;
  const k = 3;
  const c = view.ownerDocument.createElement('canvas');
  c.width = w * k;
  c.height = h * k;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, c.width, c.height);
  let data;
  try {
    ctx.drawImage(view, 0, 0, c.width, c.height);
    data = ctx.getImageData(0, 0, c.width, c.height).data;
  } catch (_) {
    return null; // tainted or not drawable
  }
  const grid = new Uint8Array(w * h);
  let ink = 0;
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      const i = (y * c.width + x) * 4;
      if (data[i] * 0.3 + data[i + 1] * 0.59 + data[i + 2] * 0.11 < 150) {
        const cell = Math.floor(y / k) * w + Math.floor(x / k);
        if (!grid[cell]) ink++;
        grid[cell] = 1;
      }
    }
  }
  return { grid: closeRows(grid, w, h, 2), w, h, ink };
}

/** The cells a fingerprint (the core's coarse boxes of one page) expects ink in. */
export function expectedGrid(fp, size) {
  const { w, h } = gridSize(size);
  const grid = new Uint8Array(w * h);
  const sx = w / size.width;
  const sy = h / size.height;
  for (const r of fp.text || []) {
    const bh = r[3] - r[1];
    // Glyph ink sits in the middle of a line box (ascenders above, descenders below).
    const top = Math.floor((size.height - (r[3] - bh * 0.25)) * sy);
    const bottom = Math.max(top, Math.floor((size.height - (r[1] + bh * 0.3)) * sy));
    const x0 = Math.max(0, Math.floor(r[0] * sx));
    const x1 = Math.min(w - 1, Math.floor((r[2] - 0.5) * sx));
    for (let y = Math.max(0, top); y <= Math.min(h - 1, bottom); y++) for (let x = x0; x <= x1; x++) grid[y * w + x] = 1;
  }
  return { grid: closeRows(grid, w, h, 2), w, h };
}

/**
 * How well a picture matches a fingerprint, 0..1: the Dice overlap of the ink rows found in
 * both, tolerating one cell of misregistration; images are left out (their ink is unknown).
 */
export function matchScore(pic, exp, fp, size) {
  const { w, h } = pic;
  const ignore = new Uint8Array(w * h);
  const sx = w / size.width;
  const sy = h / size.height;
  for (const r of fp.images || []) {
    for (let y = Math.max(0, Math.floor((size.height - r[3]) * sy)); y <= Math.min(h - 1, Math.floor((size.height - r[1]) * sy)); y++)
      for (let x = Math.max(0, Math.floor(r[0] * sx)); x <= Math.min(w - 1, Math.floor(r[2] * sx)); x++) ignore[y * w + x] = 1;
  }
  // Each grid grown by one cell in every direction, once: "ink near this cell" is then a lookup.
  const grow = (g) => {
    const out = new Uint8Array(g.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (!g[y * w + x]) continue;
        for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++)
          for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) out[yy * w + xx] = 1;
      }
    }
    return out;
  };
  const nearExp = grow(exp.grid);
  const nearPic = pic.near || (pic.near = grow(pic.grid));
  let obs = 0;
  let obsHit = 0;
  let want = 0;
  let wantHit = 0;
  for (let i = 0; i < w * h; i++) {
    if (ignore[i]) continue;
    if (pic.grid[i]) {
      obs++;
      if (nearExp[i]) obsHit++;
    }
    if (exp.grid[i]) {
      want++;
      if (nearPic[i]) wantHit++;
    }
  }
  if (!obs || !want) return 0;
  const precision = obsHit / obs;
  const recall = wantHit / want;
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

/**
 * Which page `view` shows, by its content: {page, score, margin} or {page: null, reason}
 * (`unreadable`: the picture could not be read; `blank`: nothing drawn yet; `unknown`: no
 * fingerprints (a scan); `ambiguous`: no page matches clearly).
 */
export function identifyPage(view, report, read = readPicture) {
  const pages = (report.pdf && report.pdf.pages) || 0;
  const sizes = (report.pdf && report.pdf.page_sizes) || [];
  const fps = (report.page_fingerprints || []).filter((fp) => (fp.text || []).length);
  const r = view.getBoundingClientRect();
  const ratio = r.width / r.height;
  const fits = (s) => s && Math.abs(s.width / s.height - ratio) / ratio < 0.03;
  const size = sizes.find(fits) || sizes[0];
  if (!size) return { page: null, reason: 'unknown' };
  const pic = read(view, size);
  // A one-page document: a picture of its size can only be that page (once something is drawn).
  if (pages === 1 && (!pic || pic.ink >= 3)) return { page: 1, score: 1, margin: 1, single: true };
  if (!pic) return { page: null, reason: 'unreadable' };
  if (pic.ink < 3) return { page: null, reason: 'blank' };
  if (!fps.length) return { page: null, reason: 'unknown' };
  const scored = fps
    .filter((fp) => fits(sizes[fp.page - 1]))
    .map((fp) => ({ page: fp.page, score: matchScore(pic, expectedGrid(fp, sizes[fp.page - 1]), fp, sizes[fp.page - 1]) }))
    .sort((a, b) => b.score - a.score);
  if (!scored.length) return { page: null, reason: 'unknown' };
  const best = scored[0];
  // A page with no fingerprint (blank, or past the 30 the core keeps) could be the one shown.
  const unfingerprinted = pages > fps.length;
  const second = scored.length > 1 ? scored[1].score : unfingerprinted ? 0.5 : 0;
  const margin = best.score - second;
  if (best.score >= 0.6 && margin >= 0.08) return { page: best.page, score: best.score, margin };
  return { page: null, reason: 'ambiguous', best: best.page, score: best.score, margin };
}

/** Stacked viewers: the views in page order, with the page each shows (by content, else by order). */
export function stackedPages(report, views) {
  const ordered = views.slice().sort(inOrder);
  const byContent = ordered.map((v) => identifyPage(v, report));
  const pages = report.pdf.pages;
  return ordered.map((view, i) => {
    if (byContent[i].page) return { view, page: byContent[i].page, how: 'content' };
    // The picture could not tell (unreadable, or no text): every page is shown, in order.
    if (ordered.length === pages && byContent[i].reason !== 'ambiguous') return { view, page: i + 1, how: 'order' };
    return { view, page: null, how: byContent[i].reason };
  });
}
