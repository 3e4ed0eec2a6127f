// A stamping page like the e-Meterai portals': choose a PDF, its pages drawn on a <canvas> by
// pdf.js inside a positioned container (with its own offset and CSS scale), page buttons, a zoom
// control, a draggable stamp box that starts top-left, and "Lanjutkan", which converts the
// position stored at the end of the last drag from CSS pixels to PDF points, as real
// integrations do (visLLX/visLLY/visURX/visURY/visSignaturePage).
import * as pdfjsLib from '/vendor/pdfjs/pdf.min.mjs';

pdfjsLib.GlobalWorkerOptions.workerSrc = '/vendor/pdfjs/pdf.worker.min.mjs';
// One page, two sites that behave differently: the portal's viewer is driven by mouse events in a
// CSS-scaled container; SSCASN's own e-Meterai dialog by pointer events at full scale.
const SITES = {
  'meterai-elektronik.com': { events: 'mouse', containerScale: 0.9, name: 'meterai-elektronik.com' },
  'daftar-sscasn.bkn.go.id': { events: 'pointer', containerScale: 1, name: 'SSCASN · Unggah e-Meterai' },
};
const cfg = SITES[location.hostname] || SITES['meterai-elektronik.com'];
document.getElementById('site-name').textContent = cfg.name;
document.title = `Pembubuhan e-Meterai - ${cfg.name}`;
const STAMP_PT = 100; // the portals' default stamp size
const BASE_WIDTH_PX = 476; // the page's width on screen at 100 %
const $ = (id) => document.getElementById(id);
const input = $('pdf');
const viewer = $('viewer');
const canvas = $('page');
const stamp = $('stamp');
const state = { pdf: null, page: 1, zoom: Number(new URLSearchParams(location.search).get('zoom')) || 1, size: null };
let pos = { x: 0, y: 0 }; // stamp's top-left in the canvas's CSS pixels (unscaled by the container)
let committed = { x: 0, y: 0 }; // what the drag-end handler stored
viewer.style.transform = `scale(${cfg.containerScale})`;

async function render() {
  const page = await state.pdf.getPage(state.page);
  const base = page.getViewport({ scale: 1 });
  const cssScale = (BASE_WIDTH_PX / base.width) * state.zoom;
  const vp = page.getViewport({ scale: cssScale * (window.devicePixelRatio || 1) });
  canvas.width = vp.width;
  canvas.height = vp.height;
  canvas.style.width = `${base.width * cssScale}px`;
  canvas.style.height = `${base.height * cssScale}px`;
  await page.render({ canvasContext: canvas.getContext('2d'), viewport: vp }).promise;
  state.size = { width: base.width, height: base.height, cssScale };
  stamp.style.width = stamp.style.height = `${STAMP_PT * cssScale}px`;
  $('pageinfo').textContent = `Halaman ${state.page} dari ${state.pdf.numPages}`;
  $('zoominfo').textContent = `${Math.round(state.zoom * 100)}%`;
  window.__replica.rendered = { page: state.page, zoom: state.zoom };
}
function place() {
  stamp.style.left = `${pos.x}px`;
  stamp.style.top = `${pos.y}px`;
}
input.addEventListener('change', async () => {
  const f = input.files[0];
  if (!f) return;
  window.__replica.received.pdf = { name: f.name, size: f.size, type: f.type };
  state.pdf = await pdfjsLib.getDocument({ data: new Uint8Array(await f.arrayBuffer()) }).promise;
  state.page = 1;
  viewer.hidden = false;
  $('toolbar').hidden = false;
  pos = { x: 0, y: 0 };
  committed = { ...pos };
  place();
  await render();
});
$('prev').addEventListener('click', async () => {
  if (state.pdf && state.page > 1) {
    state.page--;
    await render();
  }
});
$('next').addEventListener('click', async () => {
  if (state.pdf && state.page < state.pdf.numPages) {
    state.page++;
    await render();
  }
});
async function zoomTo(z) {
  const k = z / state.zoom;
  state.zoom = z;
  pos = { x: pos.x * k, y: pos.y * k };
  committed = { x: committed.x * k, y: committed.y * k };
  place();
  await render();
}
$('zoomin').addEventListener('click', () => zoomTo(Math.min(2, state.zoom + 0.25)));
$('zoomout').addEventListener('click', () => zoomTo(Math.max(0.5, state.zoom - 0.25)));

// Drag code like vue-draggable-resizable (mouse) or a pointer-events component.
let drag = null;
const [down, move, up] = cfg.events === 'pointer' ? ['pointerdown', 'pointermove', 'pointerup'] : ['mousedown', 'mousemove', 'mouseup'];
stamp.addEventListener(down, (e) => {
  e.preventDefault();
  drag = { sx: e.clientX, sy: e.clientY, x: pos.x, y: pos.y };
});
document.addEventListener(move, (e) => {
  if (!drag) return;
  const screenScale = canvas.getBoundingClientRect().width / canvas.offsetWidth || 1; // container CSS scale
  const maxX = canvas.offsetWidth - stamp.offsetWidth;
  const maxY = canvas.offsetHeight - stamp.offsetHeight;
  pos = {
    x: Math.min(maxX, Math.max(0, drag.x + (e.clientX - drag.sx) / screenScale)),
    y: Math.min(maxY, Math.max(0, drag.y + (e.clientY - drag.sy) / screenScale)),
  };
  place();
});
document.addEventListener(up, () => {
  if (!drag) return;
  drag = null;
  committed = { ...pos }; // "drag-end": the only moment the position is stored
  window.__replica.events.push('drag-end');
});
$('lanjutkan').addEventListener('click', () => {
  if (!state.size) return;
  const k = state.size.width / canvas.offsetWidth;
  const w = stamp.offsetWidth * k;
  const llx = committed.x * k;
  const ury = state.size.height - committed.y * k;
  const p = { page: state.page, llx: +llx.toFixed(2), lly: +(ury - w).toFixed(2), urx: +(llx + w).toFixed(2), ury: +ury.toFixed(2) };
  window.__replica.position = p;
  $('result').textContent = `visSignaturePage=${p.page} visLLX=${p.llx} visLLY=${p.lly} visURX=${p.urx} visURY=${p.ury}`;
});
