// Stamping pages: a viewer (the stamping galleries' real libraries: pdfjs-dist with interactjs or
// hand-written pointer / mouse / touch boxes, vue-pdf-embed + vue3-draggable-resizable single or
// stacked, react-pdf + react-rnd stacked, an HTML5 palette drop onto stacked pages, pdf.js viewer
// components in a same-origin iframe with thumbnails and a translate() stamp), its page picture,
// page controls, stamp movement, zoom, device pixel ratio and letter are drawn independently. The
// expected outcome: the stamp placed on the letter's signature page at the suggested box.
import { drawDimensions } from './random.mjs';

export const DIMENSIONS = {
  viewer: ['pdfjs', 'pdfjs', 'pdfjs', 'vue-single', 'vue-stacked', 'react-stacked', 'dnd', 'frame'],
  picture: ['canvas', 'img', 'bg', 'svg'],
  nav: ['split', 'text', 'select', 'numbered', 'nextprev', 'toolbar', 'none'],
  drag: ['interact', 'pointer', 'mouse', 'touch'],
  zoom: [1, 1.5, 0.8],
  scale: [1, 0.85],
  dpr: [1, 2],
  letter: ['p1right', 'p1left', 'p2left', 'p2two', 'p3'],
  host: ['meterai-elektronik.com', 'daftar-sscasn.bkn.go.id'],
  box: ['page', 'page', 'small'],
};
/** The dimensions only the pdfjs viewer has (its query parameters); other viewers record "-". */
const PDFJS_ONLY = ['picture', 'nav', 'drag', 'scale', 'dpr', 'box'];

/** Letters (fixtures) and their signature page. */
export const LETTERS = {
  p1right: { file: 'fixtures/letters/surat_lamaran_std14.pdf', page: 1 },
  p1left: { file: 'fixtures/letters/surat_lamaran_helvetica_left.pdf', page: 1 },
  p2left: { file: 'gallery/stamping/letters/pernyataan_page2_left.pdf', page: 2 },
  p2two: { file: 'gallery/stamping/letters/pernyataan_two_signers_page2.pdf', page: 2 },
  p3: { file: 'fixtures/letters/surat_pernyataan_page3.pdf', page: 3 },
};

export function generate(seed) {
  const dims = drawDimensions(seed, DIMENSIONS);
  if (dims.viewer !== 'pdfjs') for (const d of PDFJS_ONLY) dims[d] = '-';
  const [script, params] = {
    pdfjs: ['pdfjs', { drag: dims.drag, nav: dims.nav, picture: dims.picture, scale: dims.scale, dpr: dims.dpr, box: dims.box }],
    'vue-single': ['vue', { mode: 'single' }],
    'vue-stacked': ['vue', { mode: 'stacked' }],
    'react-stacked': ['react', { list: 'all' }],
    dnd: ['dnd', {}],
    frame: ['frame', {}],
  }[dims.viewer];
  const query = new URLSearchParams({ ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), zoom: String(dims.zoom) });
  const page = LETTERS[dims.letter].page;
  // No page controls at all: a page after the first cannot be shown, and the helper must say so.
  const outcome = dims.nav === 'none' && page > 1 ? 'placeGoToPage' : 'placed';
  return { flow: 'stamp', seed, dims, spec: { seed, dims, script, query: query.toString() },
    expected: { outcome, page, withinPt: 10 } };
}
