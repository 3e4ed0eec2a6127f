// The placement helper's panel on stamping pages: the suggested box in PDF points (as the
// stamping service names it), a preview of the signature's page with the box drawn on the
// portal's own rendering, and the one-click "place beside signature" button.
import { drawableOf, findPageViews, identifyPage, placeStamp } from './placement.js';
const STYLE = `
  :host { all: initial; display: block; margin: 6px 0 10px; font: 13px/1.45 system-ui, sans-serif; color: #1f2933; }
  :host([hidden]) { display: none; }
  .box { border: 1px solid #90cdf4; border-left: 4px solid #2b6cb0; border-radius: 6px; padding: 8px 10px; background: #ebf8ff; max-width: 560px; }
  .title { font-weight: 600; }
  .low { color: #975a16; }
  button.place { margin: 6px 0; font: inherit; font-weight: 600; color: #fff; background: #2b6cb0; border: 0; border-radius: 4px; padding: 5px 12px; cursor: pointer; }
  button.place:disabled { opacity: .6; cursor: default; }
  canvas.preview { display: block; margin-top: 6px; border: 1px solid #a0aec0; background: #fff; max-width: 100%; }
  .result { margin-top: 4px; }
  .result.bad { color: #9b2c2c; }
`;

function el(doc, tag, cls, text) {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Draw the page as the viewer shows it (or, without a viewer, as the core's outline of text
 * lines and images), with the suggested box (red) and the signature spot (blue).
 */
export function drawPreview(canvas, pageView, size, suggestion, spot, outline) {
  const w = 260;
  const k = w / size.width;
  canvas.width = w;
  canvas.height = Math.round(size.height * k);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  try {
    const drawable = pageView && drawableOf(pageView);
    if (drawable) ctx.drawImage(drawable, 0, 0, canvas.width, canvas.height);
  } catch (_) {
    /* an unreadable rendering still leaves the box drawing useful */
  }
  if (!pageView && outline) {
    const fill = (r, color) => {
      ctx.fillStyle = color;
      ctx.fillRect(r[0] * k, (size.height - r[3]) * k, Math.max(1, (r[2] - r[0]) * k), Math.max(1, (r[3] - r[1]) * k));
    };
    outline.images.forEach((r) => fill(r, '#e2e8f0'));
    outline.text.forEach((r) => fill(r, '#a0aec0'));
  }
  const box = (r, color, dash) => {
    ctx.setLineDash(dash);
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.strokeRect(r[0] * k, (size.height - r[3]) * k, (r[2] - r[0]) * k, (r[3] - r[1]) * k);
  };
  if (spot) box(spot.rect, '#2b6cb0', [4, 3]);
  box(suggestion.rect, '#c53030', []);
}

/** Show (or refresh) the panel for a checked PDF after `anchor`; returns the panel element. */
export function showPlacementPanel(doc, anchor, report, lang, t) {
  let host = anchor.parentElement && anchor.parentElement.querySelector(':scope > sscasn-placement');
  if (!host) {
    host = doc.createElement('sscasn-placement');
    host.attachShadow({ mode: 'open' });
    anchor.insertAdjacentElement('afterend', host);
  }
  const s = report.stamp_suggestion;
  const usable = report.kind === 'pdf' && !report.error && s && report.emeterai && report.emeterai.status === 'absent';
  host.hidden = !usable;
  const shadow = host.shadowRoot;
  shadow.replaceChildren();
  if (!usable) return host;
  const style = el(doc, 'style');
  style.textContent = STYLE;
  const box = el(doc, 'div', 'box');
  const r = s.rect.map((v) => Math.round(v));
  box.append(el(doc, 'div', 'title', t('placeTitle')));
  box.append(el(doc, 'div', 'suggestion', t('placeSuggestion', s.page, r[0], r[1], r[2], r[3])));
  if (s.side === 'fallback') box.append(el(doc, 'div', 'low', t('placeLowConfidence')));
  const button = el(doc, 'button', 'place', t('placeButton'));
  button.type = 'button';
  const preview = el(doc, 'canvas', 'preview');
  preview.setAttribute('aria-label', t('placePreview'));
  const result = el(doc, 'div', 'result');
  result.setAttribute('role', 'status');
  box.append(button, preview, result);
  shadow.append(style, box);
  const size = report.pdf.page_sizes[s.page - 1];
  // The viewer's own picture only when it shows the signature's page; else the core's outline.
  const picture = () => {
    try {
      return findPageViews(doc, size).find((v) => identifyPage(v, report).page === s.page) || null;
    } catch (_) {
      return null; // the outline still shows where the box goes
    }
  };
  drawPreview(preview, picture(), size, s, report.signature_spot, report.preview);
  host.dataset.page = String(s.page);
  host.dataset.rect = JSON.stringify(s.rect);
  button.addEventListener('click', async (e) => {
    e.preventDefault();
    e.stopPropagation();
    button.disabled = true;
    result.className = 'result';
    result.textContent = t('placeWorking');
    for (const k of ['placed', 'outcome', 'how', 'error']) delete host.dataset[k];
    try {
      const placed = await placeStamp(doc, report);
      const p = placed.rect.map((v) => Math.round(v));
      // Only what was read back from the page: the page shown and where the stamp box is.
      result.textContent = t('placeDone', placed.page, p[0], p[1], p[2], p[3]) +
        (placed.how === 'indicator' ? ` ${t('placeByIndicator')}` : '');
      host.dataset.placed = JSON.stringify(placed.rect);
      host.dataset.outcome = 'placed';
      host.dataset.how = placed.how;
      drawPreview(preview, placed.pageView, size, s, report.signature_spot);
    } catch (err) {
      console.debug('SSCASN Helper: placement not confirmed', err);
      result.className = 'result bad';
      const key = err && err.key ? err.key : 'placeFailed';
      result.textContent = t(key, ...(err && err.args && err.args.length ? err.args : [s.page]));
      host.dataset.outcome = key;
      if (!(err && err.key)) host.dataset.error = String(err && err.message ? err.message : err).slice(0, 200);
      // The suggested box stays in the preview, to drag the stamp there by hand.
      drawPreview(preview, picture(), size, s, report.signature_spot, report.preview);
    } finally {
      button.disabled = false;
    }
  });
  return host;
}
