// A stamping page built like the portals' own: pdfjs-dist draws one page at a time, a stamp box is
// dragged over it, and at the end of each drag the page converts its own stored position from CSS
// pixels to PDF points (visLLX, visLLY, visURX, visURY, visSignaturePage) into window.__placement.
//
// Query: drag=interact|pointer|mouse|touch (interactjs, or a hand-written box listening to only
//        that kind of event); nav=split|text|select|numbered|nextprev|toolbar|off (page controls:
//        "‹ Halaman <span>1</span> / <span>3</span> ›", "Halaman 1 dari 3", a <select>, numbered
//        buttons, only next/previous, the pdf.js viewer's toolbar markup, or controls that do
//        nothing, or none at all: only the first page can be seen); box=small (the viewer in a
//        scroll box smaller than the page); picture=canvas|img|bg|svg (an <img> like a server-rendered page, the
//        same image as a box's CSS background, or as an SVG's <image>); zoom (render scale);
//        scale (CSS transform of the stage); dpr (backing-store resolution of the picture);
//        taint=1 (a logo from the other host drawn on the page makes the canvas unreadable to
//        scripts, as a cross-origin page image does); stamp=none (no stamp on the page);
//        render=none (the page picture is never drawn).
import * as pdfjsLib from 'pdfjs-dist';
import interact from 'interactjs';

pdfjsLib.GlobalWorkerOptions.workerSrc = '/gallery-vendor/pdfjs-dist/build/pdf.worker.min.mjs';
const q = new URLSearchParams(location.search);
const DRAG = q.get('drag') || 'mouse';
const NAV = q.get('nav') || 'split';
const PICTURE = q.get('picture') || 'canvas';
const ZOOM = Number(q.get('zoom')) || 1;
const SCALE = Number(q.get('scale')) || 1;
const DPR = Number(q.get('dpr')) || window.devicePixelRatio || 1;
const TAINT = q.get('taint') === '1';
const NO_STAMP = q.get('stamp') === 'none';
const NO_RENDER = q.get('render') === 'none';
const SMALL_BOX = q.get('box') === 'small';
const OTHER_HOST = location.hostname === 'meterai-elektronik.com' ? 'daftar-sscasn.bkn.go.id' : 'meterai-elektronik.com';
const logo = TAINT ? Object.assign(new Image(), { src: `https://${OTHER_HOST}/gallery/stamping/meterai.svg` }) : null;
const STAMP_PT = 100;
const BASE_WIDTH_PX = 476;

const h = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
};
const app = document.getElementById('app');
const toolbar = h('div', { class: 'toolbar', id: 'pager' });
const stage = h('div', { class: 'stage', id: 'stage' });
const sheet = h('div', { class: 'sheet', id: 'sheet' });
const SVG_NS = 'http://www.w3.org/2000/svg';
const svgImage = PICTURE === 'svg' ? document.createElementNS(SVG_NS, 'image') : null;
const picture =
  PICTURE === 'img' ? h('img', { class: 'page', alt: 'Halaman dokumen' })
  : PICTURE === 'bg' ? h('div', { class: 'page', role: 'img', 'aria-label': 'Halaman dokumen', style: 'background-size:100% 100%;background-repeat:no-repeat' })
  : PICTURE === 'svg' ? document.createElementNS(SVG_NS, 'svg')
  : h('canvas', { id: 'page' });
if (svgImage) {
  picture.setAttribute('class', 'page');
  picture.setAttribute('role', 'img');
  picture.append(svgImage);
}
const stamp = h('div', { class: 'stamp', id: 'stamp', title: 'e-Meterai' }, h('img', { src: './meterai.svg', alt: 'e-Meterai' }));
sheet.append(picture);
if (!NO_STAMP) sheet.append(stamp);
stage.append(sheet);
stage.style.transform = `scale(${SCALE})`;
const save = h('button', { type: 'button', id: 'simpan' }, 'Simpan');
// The portal's own wizard, right above the viewer: a step counter and a submit button that the
// helper must never take for the viewer's page indicator and "next" button.
const wizard = h('form', { id: 'wizard' }, h('span', {}, 'Langkah 1 dari 3 '), h('button', {}, 'Selanjutnya ›'));
wizard.addEventListener('submit', (e) => {
  e.preventDefault();
  window.__gallery.decoy++;
});
// A scroll box smaller than the page: the portal's viewer pane, scrolled both ways.
const pane = SMALL_BOX ? h('div', { class: 'pane', id: 'pane', style: 'width:380px;height:340px;overflow:auto;border:1px solid #999' }, stage) : stage;
app.append(wizard, toolbar, pane, save);
stage.hidden = true;

const state = { pdf: null, page: 1, size: null, cssScale: 1 };
let pos = { x: 8, y: 8 };
window.__gallery = { rendered: null, drags: 0, decoy: 0, kind: `pdfjs ${DRAG} ${NAV} ${PICTURE}` };
window.__placement = null;

// ---- page controls
const controls = {};
function buildNav(total) {
  toolbar.replaceChildren();
  const button = (label, attrs = {}) => h('button', { type: 'button', ...attrs }, label);
  if (NAV === 'split') {
    controls.prev = button('‹', { 'aria-label': 'Halaman sebelumnya' });
    controls.next = button('›', { 'aria-label': 'Halaman berikutnya' });
    controls.cur = h('span', { id: 'cur' }, '1');
    toolbar.append(h('div', { class: 'pager' }, controls.prev, ' Halaman ', controls.cur, ' / ', h('span', {}, String(total)), ' ', controls.next));
  } else if (NAV === 'text' || NAV === 'off') {
    controls.prev = button('‹ Sebelumnya');
    controls.next = button('Berikutnya ›');
    controls.info = h('span', { id: 'info' });
    toolbar.append(controls.prev, controls.info, controls.next);
  } else if (NAV === 'select') {
    controls.select = h('select', { id: 'pagesel', 'aria-label': 'Pilih halaman' });
    for (let i = 1; i <= total; i++) controls.select.append(h('option', { value: String(i) }, `Hal. ${i}`));
    controls.select.addEventListener('change', () => go(Number(controls.select.value)));
    toolbar.append('Tampilkan: ', controls.select);
  } else if (NAV === 'numbered') {
    const nav = h('nav', { class: 'pagination', 'aria-label': 'Halaman' });
    controls.numbers = [];
    for (let i = 1; i <= total; i++) {
      const b = button(String(i));
      b.addEventListener('click', () => go(i));
      controls.numbers.push(b);
      nav.append(b);
    }
    toolbar.append(nav);
  } else if (NAV === 'nextprev') {
    controls.prev = button('Sebelumnya');
    controls.next = button('Selanjutnya');
    toolbar.append(controls.prev, controls.next);
  } else if (NAV === 'toolbar') {
    // As in pdf.js web/viewer.html.
    controls.prev = h('button', { class: 'toolbarButton', title: 'Previous Page', id: 'previous', 'data-l10n-id': 'pdfjs-previous-button' },
      h('span', { 'data-l10n-id': 'pdfjs-previous-button-label' }, 'Previous'));
    controls.next = h('button', { class: 'toolbarButton', title: 'Next Page', id: 'next', 'data-l10n-id': 'pdfjs-next-button' },
      h('span', { 'data-l10n-id': 'pdfjs-next-button-label' }, 'Next'));
    controls.input = h('input', { type: 'number', id: 'pageNumber', class: 'toolbarField', title: 'Page', value: '1', min: '1',
      autocomplete: 'off', 'data-l10n-id': 'pdfjs-page-input' });
    controls.numPages = h('span', { id: 'numPages', class: 'toolbarLabel' }, `of ${total}`);
    controls.input.addEventListener('change', () => go(Number(controls.input.value)));
    toolbar.append(h('div', { id: 'toolbarContainer' }, h('div', { id: 'toolbarViewer' }, h('div', { id: 'toolbarViewerLeft' },
      h('div', { class: 'splitToolbarButton' }, controls.prev, h('div', { class: 'splitToolbarButtonSeparator' }), controls.next),
      h('span', { class: 'loadingInput start' }, controls.input), controls.numPages))));
  }
  if (controls.prev && NAV !== 'off') controls.prev.addEventListener('click', () => go(state.page - 1));
  if (controls.next && NAV !== 'off') controls.next.addEventListener('click', () => go(state.page + 1));
}
function showNav() {
  const total = state.pdf.numPages;
  if (controls.cur) controls.cur.textContent = String(state.page);
  if (controls.info) controls.info.textContent = ` Halaman ${state.page} dari ${total} `;
  if (controls.select) controls.select.value = String(state.page);
  if (controls.input) controls.input.value = String(state.page);
  if (controls.numbers) controls.numbers.forEach((b, i) => (i + 1 === state.page ? b.setAttribute('aria-current', 'page') : b.removeAttribute('aria-current')));
  if (controls.prev && NAV !== 'off') controls.prev.disabled = state.page <= 1;
  if (controls.next && NAV !== 'off') controls.next.disabled = state.page >= total;
}
async function go(n) {
  if (!state.pdf || !(n >= 1 && n <= state.pdf.numPages) || n === state.page) {
    showNav();
    return;
  }
  state.page = n;
  await render();
}

// ---- rendering
let rendering = Promise.resolve();
function render() {
  rendering = rendering.then(renderNow, renderNow);
  return rendering;
}
async function renderNow() {
  const page = await state.pdf.getPage(state.page);
  const base = page.getViewport({ scale: 1 });
  const cssScale = (BASE_WIDTH_PX / base.width) * ZOOM;
  const vp = page.getViewport({ scale: cssScale * DPR });
  const canvas = PICTURE === 'canvas' ? picture : document.createElement('canvas');
  canvas.width = Math.round(vp.width);
  canvas.height = Math.round(vp.height);
  await page.render({ canvasContext: canvas.getContext('2d'), viewport: vp }).promise;
  if (logo) {
    await logo.decode().catch(() => {});
    canvas.getContext('2d').drawImage(logo, canvas.width - 40 * DPR, 8 * DPR, 32 * DPR, 32 * DPR);
  }
  if (PICTURE !== 'canvas') {
    const blob = await new Promise((r) => canvas.toBlob(r, 'image/png'));
    const url = URL.createObjectURL(blob);
    // Loaded before it is shown, as a server-rendered page image is.
    const loaded = new Image();
    await new Promise((resolve) => {
      loaded.onload = resolve;
      loaded.src = url;
    });
    if (PICTURE === 'img') picture.src = url;
    else if (PICTURE === 'bg') picture.style.backgroundImage = `url("${url}")`;
    else {
      picture.setAttribute('viewBox', `0 0 ${canvas.width} ${canvas.height}`);
      for (const [k, v] of [['href', url], ['x', 0], ['y', 0], ['width', canvas.width], ['height', canvas.height]]) svgImage.setAttribute(k, String(v));
    }
  }
  picture.style.width = `${base.width * cssScale}px`;
  picture.style.height = `${base.height * cssScale}px`;
  state.size = { width: base.width, height: base.height };
  state.cssScale = cssScale;
  stamp.style.width = stamp.style.height = `${STAMP_PT * cssScale}px`;
  showNav();
  window.__gallery.rendered = { page: state.page, pages: state.pdf.numPages };
}

document.getElementById('pdf').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (!f) return;
  state.pdf = await pdfjsLib.getDocument({ data: new Uint8Array(await f.arrayBuffer()) }).promise;
  state.page = 1;
  pos = { x: 8, y: 8 };
  place();
  buildNav(state.pdf.numPages);
  if (NO_RENDER) {
    window.__gallery.rendered = { page: 0, pages: state.pdf.numPages };
    return;
  }
  stage.hidden = false;
  await render();
});

// ---- the stamp: position in the sheet's own (unscaled) CSS pixels; stored at drag end
function place() {
  stamp.style.left = `${pos.x}px`;
  stamp.style.top = `${pos.y}px`;
}
// The picture's own CSS size (an <svg> has no offsetWidth).
const pictureSize = () => ({ width: parseFloat(picture.style.width) || 0, height: parseFloat(picture.style.height) || 0 });
const screenScale = () => sheet.getBoundingClientRect().width / sheet.offsetWidth || 1;
function moveBy(dxScreen, dyScreen, from) {
  const s = screenScale();
  const maxX = pictureSize().width - stamp.offsetWidth;
  const maxY = pictureSize().height - stamp.offsetHeight;
  pos = { x: Math.min(maxX, Math.max(0, from.x + dxScreen / s)), y: Math.min(maxY, Math.max(0, from.y + dyScreen / s)) };
  place();
}
/** Drag end: what a portal stores (the position in points on the page shown). */
function commit() {
  if (!state.size) return;
  const k = state.size.width / pictureSize().width;
  const w = stamp.offsetWidth * k;
  const llx = pos.x * k;
  const ury = state.size.height - pos.y * k;
  window.__gallery.drags++;
  window.__placement = { page: state.page, llx: +llx.toFixed(2), lly: +(ury - w).toFixed(2), urx: +(llx + w).toFixed(2), ury: +ury.toFixed(2) };
  const p = window.__placement;
  document.getElementById('out').textContent = `visSignaturePage=${p.page} visLLX=${p.llx} visLLY=${p.lly} visURX=${p.urx} visURY=${p.ury}`;
}

if (DRAG === 'interact') {
  let start = null;
  interact(stamp).draggable({
    listeners: {
      start() {
        start = { ...pos, dx: 0, dy: 0 };
      },
      move(ev) {
        start.dx += ev.dx;
        start.dy += ev.dy;
        moveBy(start.dx, start.dy, start);
      },
      end() {
        commit();
      },
    },
  });
} else if (DRAG === 'touch') {
  let drag = null;
  const point = (e) => (e.touches && e.touches[0]) || (e.changedTouches && e.changedTouches[0]);
  stamp.addEventListener('touchstart', (e) => {
    const t = point(e);
    drag = { sx: t.clientX, sy: t.clientY, ...pos };
    e.preventDefault();
  }, { passive: false });
  document.addEventListener('touchmove', (e) => {
    if (!drag) return;
    const t = point(e);
    moveBy(t.clientX - drag.sx, t.clientY - drag.sy, drag);
    e.preventDefault();
  }, { passive: false });
  document.addEventListener('touchend', () => {
    if (!drag) return;
    drag = null;
    commit();
  });
} else {
  const [down, move, up] = DRAG === 'pointer' ? ['pointerdown', 'pointermove', 'pointerup'] : ['mousedown', 'mousemove', 'mouseup'];
  let drag = null;
  stamp.addEventListener(down, (e) => {
    e.preventDefault();
    drag = { sx: e.clientX, sy: e.clientY, ...pos };
  });
  document.addEventListener(move, (e) => {
    if (drag) moveBy(e.clientX - drag.sx, e.clientY - drag.sy, drag);
  });
  document.addEventListener(up, () => {
    if (!drag) return;
    drag = null;
    commit();
  });
}
save.addEventListener('click', commit);
