// One-click stamp placement on stamping pages (SSCASN's own e-Meterai dialog and the portals).
// Finds the rendered page (a canvas or image whose aspect ratio matches the PDF page) and the
// stamp (a draggable element whose image or text says meterai), maps the suggested box from PDF
// points to the viewer's pixels, and moves the stamp through the page's own drag handling
// (pointer and mouse events), so the site records the position as if a person had dragged it.
(function (root) {
  'use strict';
  const NS = (root.SSCASN = root.SSCASN || {});
  const STAMP_WORDS = /e-?m[ae]terai|meterai|materai|stamp|segel/i;
  const ours = (el) => !!(el && el.closest && el.closest('sscasn-verdict, sscasn-placement'));
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  /** The visible canvases/images that show a page of this size, largest first. */
  NS.findPageViews = function findPageViews(doc, size) {
    const want = size.width / size.height;
    return [...doc.querySelectorAll('canvas, img')]
      .filter((el) => !ours(el))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width >= 150 && r.height >= 150 && Math.abs(r.width / r.height - want) / want < 0.03)
      .sort((a, b) => b.r.width * b.r.height - a.r.width * a.r.height)
      .map(({ el }) => el);
  };

  /** The element the site drags: the stamp image's positioned, draggable box. */
  NS.findStamp = function findStamp(doc, pageView) {
    const pr = pageView.getBoundingClientRect();
    const candidates = [];
    for (const el of doc.querySelectorAll('img, svg, div, span')) {
      if (ours(el) || el === pageView) continue;
      const label = [el.getAttribute('src'), el.getAttribute('alt'), el.getAttribute('title'), el.id,
        typeof el.className === 'string' ? el.className : '', el.children.length === 0 ? el.textContent : ''].join(' ');
      if (!STAMP_WORDS.test(label)) continue;
      let box = el;
      for (let up = el; up && up !== doc.body; up = up.parentElement) {
        const cs = getComputedStyle(up);
        if (cs.position === 'absolute' || cs.position === 'fixed' || up.draggable || cs.cursor === 'move') {
          box = up;
          break;
        }
      }
      const r = box.getBoundingClientRect();
      if (r.width < 8 || r.height < 8 || r.width > pr.width * 0.8) continue;
      // Prefer a box lying over (or right beside) the page.
      const dx = Math.max(0, pr.left - r.right, r.left - pr.right);
      const dy = Math.max(0, pr.top - r.bottom, r.top - pr.bottom);
      candidates.push({ box, distance: dx + dy });
    }
    candidates.sort((a, b) => a.distance - b.distance);
    return candidates.length ? candidates[0].box : null;
  };

  /** The viewer's page indicator and buttons ("Halaman 2 dari 3", "Berikutnya ›"), if any. */
  NS.findPageNav = function findPageNav(doc) {
    let current = null;
    for (const el of doc.querySelectorAll('span, div, p, label, small, b, strong')) {
      if (ours(el) || el.children.length > 2) continue;
      const m = /(?:halaman|hal\.?|page)?\s*(\d+)\s*(?:\/|dari|of)\s*(\d+)/i.exec(el.textContent || '');
      if (m && el.textContent.length < 40) {
        current = { el, read: () => Number((/(\d+)\s*(?:\/|dari|of)/i.exec(el.textContent) || [])[1]) };
        break;
      }
    }
    const buttons = [...doc.querySelectorAll('button, a, [role=button]')].filter((b) => !ours(b));
    const label = (b) => `${b.textContent} ${b.getAttribute('aria-label') || ''} ${b.title || ''}`;
    const next = buttons.find((b) => /berikut|selanjutnya|next|›|»|→/i.test(label(b)) && !/lanjutkan/i.test(label(b)));
    const prev = buttons.find((b) => /sebelum|prev|‹|«|←/i.test(label(b)));
    return current && next && prev ? { current, next, prev } : null;
  };

  async function waitUntil(test, ms = 3000) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (test()) return true;
      await sleep(50);
    }
    return test();
  }

  /** Bring the viewer to `page` with its own buttons. */
  NS.gotoPage = async function gotoPage(nav, page) {
    for (let i = 0; i < 100; i++) {
      const now = nav.current.read();
      if (now === page) return true;
      (now < page ? nav.next : nav.prev).click();
      await waitUntil(() => nav.current.read() !== now);
    }
    return nav.current.read() === page;
  };

  function fire(target, type, x, y, buttons) {
    const win = (target.ownerDocument || target).defaultView;
    const init = { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, screenX: x, screenY: y,
      button: 0, buttons };
    if (type.startsWith('pointer')) {
      const PE = win.PointerEvent || MouseEvent;
      target.dispatchEvent(new PE(type, { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
    } else {
      target.dispatchEvent(new MouseEvent(type, init));
    }
  }

  /** Drag `box` by (dx, dy) CSS pixels the way a mouse does: down, several moves, up. */
  NS.dragBy = async function dragBy(box, dx, dy) {
    const r = box.getBoundingClientRect();
    const x0 = r.left + r.width / 2;
    const y0 = r.top + r.height / 2;
    const doc = box.ownerDocument;
    fire(box, 'pointerdown', x0, y0, 1);
    fire(box, 'mousedown', x0, y0, 1);
    const steps = 8;
    for (let i = 1; i <= steps; i++) {
      const x = x0 + (dx * i) / steps;
      const y = y0 + (dy * i) / steps;
      fire(box, 'pointermove', x, y, 1);
      fire(box, 'mousemove', x, y, 1);
      await sleep(10);
    }
    const x1 = x0 + dx;
    const y1 = y0 + dy;
    fire(box, 'pointerup', x1, y1, 0);
    fire(box, 'mouseup', x1, y1, 0);
    fire(doc, 'pointerup', x1, y1, 0);
    fire(doc, 'mouseup', x1, y1, 0);
    await sleep(30);
  };

  /** Where `box` sits on `pageView`, in PDF points ([llx, lly, urx, ury]). */
  NS.boxInPoints = function boxInPoints(pageView, box, size) {
    const p = pageView.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const k = size.width / p.width;
    return [(b.left - p.left) * k, size.height - (b.bottom - p.top) * k, (b.right - p.left) * k, size.height - (b.top - p.top) * k]
      .map((v) => Math.round(v * 100) / 100);
  };

  /**
   * Place the stamp at the report's suggestion. Resolves to {page, rect} (where the stamp ended
   * up, in points) or throws an Error whose message is a string key for the UI.
   */
  NS.placeStamp = async function placeStamp(doc, report) {
    const s = report.stamp_suggestion;
    if (!s || !report.pdf) throw new Error('placeNoSuggestion');
    const size = report.pdf.page_sizes[s.page - 1];
    if (!size) throw new Error('placeNoSuggestion');
    let views = NS.findPageViews(doc, size);
    if (!views.length) throw new Error('placeNoViewer');
    const nav = NS.findPageNav(doc);
    let pageView;
    if (nav) {
      if (!(await NS.gotoPage(nav, s.page))) throw new Error('placeNoPage');
      views = NS.findPageViews(doc, size);
      pageView = views[0];
    } else {
      // Stacked viewers show every page: take them in document order.
      const stacked = views.slice().sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      pageView = stacked.length >= s.page ? stacked[s.page - 1] : views[0];
    }
    const stamp = NS.findStamp(doc, pageView);
    if (!stamp) throw new Error('placeNoStamp');
    pageView.scrollIntoView({ block: 'center', inline: 'nearest' });
    await sleep(50);
    for (let attempt = 0; attempt < 2; attempt++) {
      const p = pageView.getBoundingClientRect();
      const k = p.width / size.width; // CSS px per point: zoom, CSS scale and DPR all included
      const cx = p.left + ((s.rect[0] + s.rect[2]) / 2) * k;
      const cy = p.top + (size.height - (s.rect[1] + s.rect[3]) / 2) * k;
      const b = stamp.getBoundingClientRect();
      const dx = cx - (b.left + b.width / 2);
      const dy = cy - (b.top + b.height / 2);
      if (Math.abs(dx) < 1 && Math.abs(dy) < 1) break; // read back: it is where it should be
      await NS.dragBy(stamp, dx, dy);
    }
    return { page: s.page, rect: NS.boxInPoints(pageView, stamp, size), pageView };
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = NS;
})(typeof globalThis !== 'undefined' ? globalThis : this);
