// A stamping page made of react-pdf and react-rnd, as React portals build it: every page of the
// document in one scrolling column (a list of <Page>s), the stamp an <Rnd> box over the column.
// At drag stop the page takes react-rnd's {x, y}, finds the page under the stamp's centre and
// converts the position to PDF points (visLLX…, visSignaturePage) into window.__placement.
// zoom: render width factor.
import { useState, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { Document, Page, pdfjs } from 'react-pdf';
import { Rnd } from 'react-rnd';

pdfjs.GlobalWorkerOptions.workerSrc = '/gallery-vendor/react-pdf/node_modules/pdfjs-dist/build/pdf.worker.min.mjs';
const q = new URLSearchParams(location.search);
const ZOOM = Number(q.get('zoom')) || 1;
const WIDTH = Math.round(476 * ZOOM);
const STAMP_PT = 100;
window.__gallery = { rendered: null, drags: 0, kind: 'react-pdf stacked' };
window.__placement = null;

function App() {
  const [file, setFile] = useState(null);
  const [pages, setPages] = useState(0);
  const [size, setSize] = useState({ width: 595.28, height: 841.89 });
  const [pos, setPos] = useState({ x: 8, y: 8 });
  const rendered = useRef(0);
  const column = useRef(null);
  useState(() => {
    document.getElementById('pdf').addEventListener('change', (e) => {
      const f = e.target.files[0];
      if (!f) return;
      window.__gallery.rendered = null;
      rendered.current = 0;
      setPos({ x: 8, y: 8 });
      f.arrayBuffer().then((b) => setFile({ data: new Uint8Array(b) }));
    });
  });
  const stampPx = (STAMP_PT * WIDTH) / size.width;
  const onDragStop = (e, d) => {
    setPos({ x: d.x, y: d.y });
    const col = column.current.getBoundingClientRect();
    const canvases = [...column.current.querySelectorAll('canvas')];
    const cy = d.y + stampPx / 2;
    const i = canvases.findIndex((c) => {
      const r = c.getBoundingClientRect();
      return cy >= r.top - col.top && cy <= r.bottom - col.top;
    });
    if (i < 0) return;
    const r = canvases[i].getBoundingClientRect();
    const k = size.width / r.width;
    const llx = (d.x - (r.left - col.left)) * k;
    const ury = size.height - (d.y - (r.top - col.top)) * k;
    const w = stampPx * k;
    window.__gallery.drags++;
    window.__placement = { page: i + 1, llx: +llx.toFixed(2), lly: +(ury - w).toFixed(2), urx: +(llx + w).toFixed(2), ury: +ury.toFixed(2) };
    const p = window.__placement;
    document.getElementById('out').textContent = `visSignaturePage=${p.page} visLLX=${p.llx} visLLY=${p.lly} visURX=${p.urx} visURY=${p.ury}`;
  };
  if (!file) return null;
  return (
    <div className="column" ref={column}>
      <Document file={file} onLoadSuccess={async (doc) => {
        const vp = (await doc.getPage(1)).getViewport({ scale: 1 });
        setSize({ width: vp.width, height: vp.height });
        setPages(doc.numPages);
      }}>
        {Array.from({ length: pages }, (_, i) => (
          <Page key={i} pageNumber={i + 1} width={WIDTH} renderTextLayer={false} renderAnnotationLayer={false}
            onRenderSuccess={() => {
              rendered.current++;
              if (rendered.current >= pages) window.__gallery.rendered = { page: 'all', pages };
            }} />
        ))}
      </Document>
      <Rnd size={{ width: stampPx, height: stampPx }} position={pos} enableResizing={false} bounds="parent"
        onDragStop={onDragStop} className="stamp-box" style={{ zIndex: 5 }}>
        <img src="./meterai.svg" alt="e-Meterai" draggable={false} style={{ width: '100%', height: '100%', pointerEvents: 'none' }} />
      </Rnd>
    </div>
  );
}
createRoot(document.getElementById('app')).render(<App />);
