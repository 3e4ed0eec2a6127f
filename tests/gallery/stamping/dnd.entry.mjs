// An e-signature tool's stamping page: every page drawn by pdfjs-dist, stacked; the stamp waits in
// a palette and goes onto a page by HTML5 drag and drop (draggable=true, dragstart / dragover /
// drop, the DataTransfer carrying what is dragged). A stamp dropped from the palette lands with its
// top-left corner at the drop point; a stamp already on a page is draggable the same way and keeps
// the offset at which it was grabbed. At each drop the page stores where the stamp is, in PDF
// points, from its own position state (window.__placement).
import * as pdfjsLib from 'pdfjs-dist';

pdfjsLib.GlobalWorkerOptions.workerSrc = '/gallery-vendor/pdfjs-dist/build/pdf.worker.min.mjs';
const STAMP_PT = 100;
const WIDTH_PX = 476;
const pagesEl = document.getElementById('pages');
window.__gallery = { rendered: null, drags: 0, decoy: 0, kind: 'pdfjs stacked + HTML5 drag and drop palette' };
window.__placement = null;

const sheets = []; // {el, size, k}
let stamp = null; // {el, page, x, y} in the sheet's CSS pixels
let grab = null;

document.getElementById('paletteStamp').addEventListener('dragstart', (e) => {
  e.dataTransfer.setData('text/plain', 'meterai-baru');
  e.dataTransfer.effectAllowed = 'copy';
});

function commit() {
  const s = sheets[stamp.page - 1];
  const llx = stamp.x / s.k;
  const ury = s.size.height - stamp.y / s.k;
  window.__gallery.drags++;
  window.__placement = { page: stamp.page, llx: +llx.toFixed(2), lly: +(ury - STAMP_PT).toFixed(2), urx: +(llx + STAMP_PT).toFixed(2), ury: +ury.toFixed(2) };
  const p = window.__placement;
  document.getElementById('out').textContent = `halaman=${p.page} llx=${p.llx} lly=${p.lly} urx=${p.urx} ury=${p.ury}`;
}

function putStamp(pageNo, x, y) {
  const s = sheets[pageNo - 1];
  if (!stamp) {
    const el = document.createElement('div');
    el.className = 'stamp';
    el.title = 'e-Meterai';
    el.draggable = true;
    const img = document.createElement('img');
    img.src = './meterai.svg';
    img.alt = 'e-Meterai';
    img.draggable = false;
    el.append(img);
    el.addEventListener('dragstart', (e) => {
      const r = el.getBoundingClientRect();
      grab = { x: e.clientX - r.left, y: e.clientY - r.top };
      e.dataTransfer.setData('text/plain', 'meterai-pindah');
      e.dataTransfer.effectAllowed = 'move';
    });
    stamp = { el };
  }
  const size = STAMP_PT * s.k;
  stamp.page = pageNo;
  stamp.x = Math.min(s.el.offsetWidth - size, Math.max(0, x));
  stamp.y = Math.min(s.el.offsetHeight - size, Math.max(0, y));
  Object.assign(stamp.el.style, { width: `${size}px`, height: `${size}px`, left: `${stamp.x}px`, top: `${stamp.y}px` });
  s.el.append(stamp.el);
  commit();
}

function sheetFor(pageNo, canvas, size, k) {
  const el = document.createElement('div');
  el.className = 'sheet';
  el.append(canvas);
  el.addEventListener('dragover', (e) => {
    if (e.dataTransfer && [...e.dataTransfer.types].includes('text/plain')) e.preventDefault();
  });
  el.addEventListener('drop', (e) => {
    e.preventDefault();
    const what = e.dataTransfer.getData('text/plain');
    if (what !== 'meterai-baru' && what !== 'meterai-pindah') return;
    const r = el.getBoundingClientRect();
    const offset = what === 'meterai-pindah' && grab ? grab : { x: 0, y: 0 };
    putStamp(pageNo, e.clientX - r.left - offset.x, e.clientY - r.top - offset.y);
  });
  return { el, size, k };
}

document.getElementById('pdf').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (!f) return;
  const pdf = await pdfjsLib.getDocument({ data: new Uint8Array(await f.arrayBuffer()) }).promise;
  pagesEl.replaceChildren();
  sheets.length = 0;
  stamp = null;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const base = page.getViewport({ scale: 1 });
    const k = WIDTH_PX / base.width;
    const vp = page.getViewport({ scale: k * (window.devicePixelRatio || 1) });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(vp.width);
    canvas.height = Math.round(vp.height);
    canvas.style.width = `${base.width * k}px`;
    canvas.style.height = `${base.height * k}px`;
    await page.render({ canvasContext: canvas.getContext('2d'), viewport: vp }).promise;
    const s = sheetFor(n, canvas, { width: base.width, height: base.height }, k);
    sheets.push(s);
    pagesEl.append(s.el);
  }
  window.__gallery.rendered = { page: 1, pages: pdf.numPages };
});
