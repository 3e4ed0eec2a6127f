// A viewer as portals embed it: pdf.js's own viewer components (pdfjs-dist web/pdf_viewer:
// PDFSinglePageViewer, EventBus, PDFLinkService) show one page at a time; the only way to another
// page is the thumbnail sidebar (markup as pdf.js's: <a href="#page=N"><div class="thumbnail">
// <img class="thumbnailImage">); the stamp is a react-draggable box, moved with CSS translate().
// At drag end the page stores where the stamp is, in PDF points, from react-draggable's own
// position and pdf.js's page view (window.__placement).
import pdfjsLib from './pdfjs-global.mjs';
import { PDFSinglePageViewer, EventBus, PDFLinkService } from 'pdfjs-dist/web/pdf_viewer.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';
import React, { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Draggable from 'react-draggable';

const STAMP_PT = 100;
const container = document.getElementById('viewerContainer');
const viewerEl = document.getElementById('viewer');
const sidebar = document.getElementById('sidebar');
const eventBus = new EventBus();
const linkService = new PDFLinkService({ eventBus });
const viewer = new PDFSinglePageViewer({ container, viewer: viewerEl, eventBus, linkService });
linkService.setViewer(viewer);
window.__gallery = { rendered: null, drags: 0, decoy: 0, kind: 'pdf.js PDFSinglePageViewer + thumbnails + react-draggable' };
window.__placement = null;

/** Where the current page's content starts in the scrolled container, and its CSS px per point. */
function pageFrame() {
  const view = viewer.getPageView(viewer.currentPageNumber - 1);
  const div = view.div;
  return { x: viewerEl.offsetLeft + div.offsetLeft + div.clientLeft, y: viewerEl.offsetTop + div.offsetTop + div.clientTop, k: view.viewport.scale,
    height: view.viewport.height / view.viewport.scale };
}

function Stamp({ size }) {
  const node = useRef(null); // react-draggable finds its element by ref (React 19 has no findDOMNode)
  const [pos, setPos] = useState(() => {
    const f = pageFrame();
    return { x: f.x + 10, y: f.y + 10 };
  });
  return (
    <Draggable nodeRef={node} position={pos} onDrag={(e, d) => setPos({ x: d.x, y: d.y })} onStop={(e, d) => {
      setPos({ x: d.x, y: d.y });
      const f = pageFrame();
      const llx = (d.x - f.x) / f.k;
      const ury = f.height - (d.y - f.y) / f.k;
      window.__gallery.drags++;
      window.__placement = { page: viewer.currentPageNumber, llx: +llx.toFixed(2), lly: +(ury - STAMP_PT).toFixed(2), urx: +(llx + STAMP_PT).toFixed(2), ury: +ury.toFixed(2) };
    }}>
      <div ref={node} className="stamp" title="e-Meterai" style={{ width: size, height: size }}>
        <img src="./meterai.svg" alt="e-Meterai" draggable={false} />
      </div>
    </Draggable>
  );
}

const stampRoot = createRoot(document.getElementById('stampLayer'));
let thumbs = [];
function selectThumb(n) {
  thumbs.forEach((t, i) => t.classList.toggle('selected', i + 1 === n));
}
eventBus.on('pagechanging', (e) => selectThumb(e.pageNumber));
let ready = false; // the thumbnails are drawn
eventBus.on('pagerendered', (e) => {
  if (!ready || e.pageNumber !== viewer.currentPageNumber) return;
  window.__gallery.rendered = { page: e.pageNumber, pages: viewer.pagesCount };
});

async function open(data) {
  const pdf = await pdfjsLib.getDocument({ data }).promise;
  viewer.setDocument(pdf);
  linkService.setDocument(pdf);
  await new Promise((r) => eventBus.on('pagesinit', r, { once: true }));
  viewer.currentScaleValue = '1';
  // Thumbnails: each page drawn small by pdf.js, in pdf.js's thumbnail markup.
  ready = false;
  window.__gallery.rendered = null;
  sidebar.replaceChildren();
  thumbs = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const vp = page.getViewport({ scale: 88 / page.getViewport({ scale: 1 }).width });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(vp.width);
    canvas.height = Math.round(vp.height);
    await page.render({ canvasContext: canvas.getContext('2d'), viewport: vp }).promise;
    const a = document.createElement('a');
    a.href = `#page=${n}`;
    a.title = `Halaman ${n}`;
    const div = document.createElement('div');
    div.className = 'thumbnail';
    div.dataset.pageNumber = String(n);
    const img = document.createElement('img');
    img.className = 'thumbnailImage';
    img.alt = '';
    img.src = canvas.toDataURL();
    div.append(img);
    a.append(div);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      viewer.currentPageNumber = n;
    });
    sidebar.append(a);
    thumbs.push(div);
  }
  selectThumb(1);
  ready = true;
  window.__gallery.rendered = { page: viewer.currentPageNumber, pages: pdf.numPages };
  const f = pageFrame();
  stampRoot.render(<Stamp key={Date.now()} size={STAMP_PT * f.k} />);
}

window.addEventListener('message', (e) => {
  if (e.origin !== location.origin || !e.data || e.data.type !== 'open-pdf') return;
  open(e.data.data);
});
