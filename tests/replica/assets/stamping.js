// A stamping page like the e-Meterai portals': upload a PDF, its page drawn on a canvas inside a
// positioned container, a draggable stamp box that starts top-left, and "Lanjutkan" converting
// the stamp's CSS-pixel position to PDF points (visLLX/visLLY/visURX/visURY/visSignaturePage).
(function () {
  const cfg = Object.assign({ events: 'mouse', pageWidth: 595.28, pageHeight: 841.89 }, window.STAMPING_CONFIG || {});
  const input = document.getElementById('pdf');
  const viewer = document.getElementById('viewer');
  const canvas = document.getElementById('page');
  const stamp = document.getElementById('stamp');
  const result = document.getElementById('result');
  let page = 1;
  let pos = { x: 0, y: 0 };
  function draw() {
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#999';
    ctx.font = '14px serif';
    ctx.fillText('Halaman ' + page, 20, 30);
  }
  function place() {
    stamp.style.left = pos.x + 'px';
    stamp.style.top = pos.y + 'px';
  }
  input.addEventListener('change', () => {
    const f = input.files[0];
    if (!f) return;
    window.__replica.received.pdf = { name: f.name, size: f.size, type: f.type };
    viewer.hidden = false;
    draw();
    pos = { x: 0, y: 0 };
    place();
  });
  let drag = null;
  const down = cfg.events === 'pointer' ? 'pointerdown' : 'mousedown';
  const move = cfg.events === 'pointer' ? 'pointermove' : 'mousemove';
  const up = cfg.events === 'pointer' ? 'pointerup' : 'mouseup';
  stamp.addEventListener(down, (e) => {
    e.preventDefault();
    drag = { sx: e.clientX, sy: e.clientY, x: pos.x, y: pos.y };
  });
  document.addEventListener(move, (e) => {
    if (!drag) return;
    const scale = canvas.getBoundingClientRect().width / canvas.offsetWidth || 1;
    pos = { x: drag.x + (e.clientX - drag.sx) / scale, y: drag.y + (e.clientY - drag.sy) / scale };
    place();
  });
  document.addEventListener(up, () => {
    drag = null;
  });
  document.getElementById('lanjutkan').addEventListener('click', () => {
    const k = cfg.pageWidth / canvas.offsetWidth;
    const w = stamp.offsetWidth * k;
    const hgt = stamp.offsetHeight * k;
    const llx = pos.x * k;
    const ury = cfg.pageHeight - pos.y * k;
    const p = { page, llx: +llx.toFixed(2), lly: +(ury - hgt).toFixed(2), urx: +(llx + w).toFixed(2), ury: +ury.toFixed(2) };
    window.__replica.position = p;
    result.textContent = `visSignaturePage=${p.page} visLLX=${p.llx} visLLY=${p.lly} visURX=${p.urx} visURY=${p.ury}`;
  });
})();
