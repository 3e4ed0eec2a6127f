// One-click stamp placement on stamping pages (SSCASN's own e-Meterai dialog and the portals).
//
// Finds the rendered page (a canvas or image whose aspect ratio matches the PDF page) and the
// stamp (a draggable element whose image or text says meterai); tells which page the picture shows
// by its content (dark pixels against the core's per-page fingerprint), else by the viewer's own
// indicator; brings the signature's page into view with the viewer's own controls (a page number
// field, a <select>, numbered buttons, next/previous) or, in viewers that stack every page, by
// scrolling to it; moves the stamp through the page's own drag handling (pointer, mouse or touch
// events) and reads back where it ended up. It reports a placement only when the page and the
// position were read back from the page; otherwise it throws a PlaceError saying what to do, and
// never moves the stamp while a page other than the target is shown.
(function (root) {
  'use strict';
  const NS = (root.SSCASN = root.SSCASN || {});
  const STAMP_WORDS = /e-?m[ae]terai|meterai|materai|stamp|segel/i;
  const ours = (el) => !!(el && el.closest && el.closest('sscasn-verdict, sscasn-placement'));
  const styleOf = (el) => el.ownerDocument.defaultView.getComputedStyle(el); // the element's own frame
  /** Every element matching `sel` in `doc`, its shadow roots and (with `frames`) its same-origin frames. */
  const deepAll = (doc, sel, frames) => (NS.deepQueryAll ? NS.deepQueryAll(doc, sel, { frames }) : [...doc.querySelectorAll(sel)]);
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  /** How far (points) the read-back box may be from the suggestion and still count as placed. */
  NS.PLACE_TOLERANCE = 6;

  /** A failure the panel explains: `key` is a _locales key, `args` its substitutions. */
  class PlaceError extends Error {
    constructor(key, ...args) {
      super(key);
      this.key = key;
      this.args = args;
    }
  }
  NS.PlaceError = PlaceError;

  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const cs = styleOf(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0.05;
  };
  const inOrder = (a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);

  /**
   * The visible canvases/images that show a page of this size, largest first: in the page, its
   * shadow roots and its same-origin frames (a viewer embedded as <iframe src="viewer.html">).
   */
  NS.findPageViews = function findPageViews(doc, size) {
    const want = size.width / size.height;
    return deepAll(doc, 'canvas, img', true)
      .filter((el) => !ours(el) && visible(el))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width >= 150 && r.height >= 150 && Math.abs(r.width / r.height - want) / want < 0.03)
      .sort((a, b) => b.r.width * b.r.height - a.r.width * a.r.height)
      .map(({ el }) => el);
  };

  // ---------------------------------------------------------------- which page is shown, by content

  /** Grid the page picture and the fingerprints are compared on: cells across, and down. */
  NS.gridSize = (size) => ({ w: 96, h: Math.max(8, Math.round((96 * size.height) / size.width)) });

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
  NS.readPicture = function readPicture(view, size) {
    const { w, h } = NS.gridSize(size);
    if (view.localName === 'img' && !(view.complete && view.naturalWidth)) return null;
    if (view.localName === 'canvas' && !(view.width && view.height)) return null;
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
  };

  /** The cells a fingerprint (the core's coarse boxes of one page) expects ink in. */
  NS.expectedGrid = function expectedGrid(fp, size) {
    const { w, h } = NS.gridSize(size);
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
  };

  /**
   * How well a picture matches a fingerprint, 0..1: the Dice overlap of the ink rows found in
   * both, tolerating one cell of misregistration; images are left out (their ink is unknown).
   */
  NS.matchScore = function matchScore(pic, exp, fp, size) {
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
  };

  /**
   * Which page `view` shows, by its content: {page, score, margin} or {page: null, reason}
   * (`unreadable`: the picture could not be read; `blank`: nothing drawn yet; `unknown`: no
   * fingerprints (a scan); `ambiguous`: no page matches clearly).
   */
  NS.identifyPage = function identifyPage(view, report) {
    const pages = (report.pdf && report.pdf.pages) || 0;
    const sizes = (report.pdf && report.pdf.page_sizes) || [];
    const fps = (report.page_fingerprints || []).filter((fp) => (fp.text || []).length);
    const r = view.getBoundingClientRect();
    const ratio = r.width / r.height;
    const fits = (s) => s && Math.abs(s.width / s.height - ratio) / ratio < 0.03;
    const size = sizes.find(fits) || sizes[0];
    if (!size) return { page: null, reason: 'unknown' };
    const pic = NS.readPicture(view, size);
    // A one-page document: a picture of its size can only be that page (once something is drawn).
    if (pages === 1 && (!pic || pic.ink >= 3)) return { page: 1, score: 1, margin: 1, single: true };
    if (!pic) return { page: null, reason: 'unreadable' };
    if (pic.ink < 3) return { page: null, reason: 'blank' };
    if (!fps.length) return { page: null, reason: 'unknown' };
    const scored = fps
      .filter((fp) => fits(sizes[fp.page - 1]))
      .map((fp) => ({ page: fp.page, score: NS.matchScore(pic, NS.expectedGrid(fp, sizes[fp.page - 1]), fp, sizes[fp.page - 1]) }))
      .sort((a, b) => b.score - a.score);
    if (!scored.length) return { page: null, reason: 'unknown' };
    const best = scored[0];
    // A page with no fingerprint (blank, or past the 30 the core keeps) could be the one shown.
    const unfingerprinted = pages > fps.length;
    const second = scored.length > 1 ? scored[1].score : unfingerprinted ? 0.5 : 0;
    const margin = best.score - second;
    if (best.score >= 0.6 && margin >= 0.08) return { page: best.page, score: best.score, margin };
    return { page: null, reason: 'ambiguous', best: best.page, score: best.score, margin };
  };

  // ---------------------------------------------------------------- the viewer's page controls

  const numberIn = (s) => {
    const m = /\d+/.exec(s || '');
    return m ? Number(m[0]) : null;
  };
  const labelOf = (b) => `${b.textContent} ${b.getAttribute('aria-label') || ''} ${b.title || ''}`.replace(/\s+/g, ' ').trim();
  const enabled = (b) => !b.disabled && b.getAttribute('aria-disabled') !== 'true' && !/\bdisabled\b/.test(String(b.className));
  const INDICATOR = /(\d+)\s*(?:\/|dari|of|von|de)\s*(\d+)/i;

  /**
   * The viewer's page controls, as far as they exist: `read()` is the page its indicator says is
   * shown (or null), `canGo` whether it can be told to change page, `goto(n)` acts once
   * (direct controls) or steps once toward n (next/previous). Only controls near the page
   * picture `view` count (a form's own "Selanjutnya" or a table's pagination elsewhere on the
   * page are not the viewer's), nearest first; never a form's submit button or a link away.
   */
  NS.NAV_DISTANCE = 400;
  NS.findPageNav = function findPageNav(doc, total, view) {
    const vr = view ? view.getBoundingClientRect() : null;
    const distance = (e) => {
      if (!vr) return 0;
      const r = e.getBoundingClientRect();
      return Math.max(0, vr.left - r.right, r.left - vr.right) + Math.max(0, vr.top - r.bottom, r.top - vr.bottom);
    };
    const safe = (e) => !(e.form && e.type === 'submit') &&
      !(e.localName === 'a' && e.getAttribute('href') && !/^(#|javascript:)/i.test(e.getAttribute('href')));
    const all = (sel) => deepAll(doc, sel, false)
      .filter((e) => !ours(e) && visible(e) && safe(e))
      .map((e) => ({ e, d: distance(e) }))
      .filter(({ d }) => d <= NS.NAV_DISTANCE)
      .sort((a, b) => a.d - b.d)
      .map(({ e }) => e);
    const nav = { input: null, select: null, indicator: null, numbered: null, next: null, prev: null };
    // A page-number field: pdf.js's #pageNumber, or a number field beside "of N" / "dari N".
    nav.input = all('input').find((i) => {
      if (!/^(number|text|)$/.test(i.type)) return false;
      if (/pagenumber|page-number|halaman|page/i.test(`${i.id} ${i.name} ${i.getAttribute('aria-label') || ''} ${i.title || ''}`)) return /^\d*$/.test(i.value);
      const around = i.parentElement ? i.parentElement.textContent : '';
      return /^\d+$/.test(i.value) && new RegExp(`(?:/|dari|of)\\s*${total}\\b`, 'i').test(around);
    }) || null;
    // A page <select> whose options are the pages.
    nav.select = all('select').find((s) => s.options.length === total && total > 1 &&
      [...s.options].every((o, i) => numberIn(o.textContent) === i + 1 || numberIn(o.value) === i + 1)) || null;
    // "Halaman 2 dari 3", or the numbers split over elements: the deepest element saying "n / total".
    const hits = all('div, span, p, label, small, b, strong, li, nav, section, header, footer, td').filter((e) => {
      const text = (e.textContent || '').replace(/\s+/g, ' ');
      const m = INDICATOR.exec(text);
      return m && text.length < 80 && Number(m[2]) === total && Number(m[1]) >= 1 && Number(m[1]) <= total;
    });
    nav.indicator = hits.find((e) => !hits.some((o) => o !== e && e.contains(o))) || null;
    // Numbered page buttons.
    const buttons = all('button, a, [role=button], li[role=tab], [role=tab]');
    const numbered = new Map();
    for (const b of buttons) {
      const n = /^\s*(\d+)\s*$/.test(b.textContent) ? Number(b.textContent) : null;
      if (n && n >= 1 && n <= total && !numbered.has(n)) numbered.set(n, b);
    }
    if (numbered.size >= Math.min(2, total) && numbered.size === total) nav.numbered = numbered;
    // Page thumbnails (small pictures of the pages, one per page, in order) switch the page like
    // numbered buttons: the clickable element around each is the control.
    if (!nav.numbered && vr && total > 1) {
      const want = vr.width / vr.height;
      const thumbs = all('img, canvas').filter((e) => {
        const r = e.getBoundingClientRect();
        return e !== view && r.width >= 16 && r.width < vr.width * 0.6 && Math.abs(r.width / r.height - want) / want < 0.06;
      }).sort(inOrder);
      if (thumbs.length === total) {
        const clickable = (e) => e.closest('a, button, [role=button], [role=tab], [role=option], [tabindex], li, [data-page-number]') || e;
        nav.numbered = new Map(thumbs.map((e, i) => [i + 1, clickable(e)]));
        nav.thumbnails = true;
      }
    }
    const isNext = (b) => /berikut|selanjutnya|next|›|»|→|>/i.test(labelOf(b)) && !/lanjutkan|continue|submit|kirim/i.test(labelOf(b));
    const isPrev = (b) => /sebelum|prev|‹|«|←|</i.test(labelOf(b));
    nav.next = buttons.find((b) => isNext(b) && !isPrev(b) && labelOf(b).length < 40) || null;
    nav.prev = buttons.find((b) => isPrev(b) && !isNext(b) && labelOf(b).length < 40) || null;

    nav.read = () => {
      if (nav.input && /^\d+$/.test(nav.input.value)) return Number(nav.input.value);
      if (nav.select && nav.select.selectedIndex >= 0) return nav.select.selectedIndex + 1;
      if (nav.indicator && nav.indicator.isConnected) {
        const m = INDICATOR.exec(nav.indicator.textContent.replace(/\s+/g, ' '));
        if (m) return Number(m[1]);
      }
      if (nav.numbered) {
        for (const [n, b] of nav.numbered) {
          if (b.getAttribute('aria-current') && b.getAttribute('aria-current') !== 'false') return n;
          if (b.getAttribute('aria-pressed') === 'true' || b.getAttribute('aria-selected') === 'true') return n;
          if (/\b(active|current|selected|is-active)\b/.test(String(b.className))) return n;
          if (nav.thumbnails && b.querySelector('.selected, .active, [aria-current="page"], [aria-selected="true"]')) return n;
        }
      }
      return null;
    };
    nav.direct = !!(nav.input || nav.select || nav.numbered);
    nav.canGo = nav.direct || !!(nav.next && nav.prev);
    /** One action toward page `n`, from page `now` (null when unknown). */
    nav.goto = (n, now) => {
      if (nav.input) {
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        nav.input.focus();
        setter.call(nav.input, String(n));
        nav.input.dispatchEvent(new Event('input', { bubbles: true }));
        nav.input.dispatchEvent(new Event('change', { bubbles: true }));
        for (const type of ['keydown', 'keyup']) {
          nav.input.dispatchEvent(new KeyboardEvent(type, { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true }));
        }
        return true;
      }
      if (nav.select) {
        const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
        setter.call(nav.select, nav.select.options[n - 1].value);
        nav.select.dispatchEvent(new Event('input', { bubbles: true }));
        nav.select.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      }
      if (nav.numbered) {
        nav.numbered.get(n).click();
        return true;
      }
      const b = now !== null && now > n ? nav.prev : nav.next;
      if (!b || !enabled(b)) return false;
      b.click();
      return true;
    };
    return nav;
  };

  /** A small signature of what the viewer shows now (picture + indicator), to see it change. */
  function snapshot(doc, size, nav) {
    const view = NS.findPageViews(doc, size)[0];
    const pic = view ? NS.readPicture(view, size) : null;
    let sum = 0;
    if (pic) for (let i = 0; i < pic.grid.length; i++) if (pic.grid[i]) sum = (sum * 31 + i) % 1000000007;
    return { key: `${view ? 'v' : '-'}:${pic ? `${pic.ink}:${sum}` : 'x'}:${nav ? nav.read() : ''}`, ink: pic ? pic.ink : -1, readable: !!pic };
  }

  /** Wait until the viewer shows something else than `before`, then until it holds still. */
  async function settle(doc, size, nav, before, ms = 4000) {
    const end = Date.now() + ms;
    const changeBy = Date.now() + Math.min(ms, 2500); // a viewer that has not reacted by then will not
    let last = snapshot(doc, size, nav);
    while (last.key === before.key && Date.now() < changeBy) {
      await sleep(60);
      last = snapshot(doc, size, nav);
    }
    if (last.key === before.key) return false;
    // Rendering may take a few frames: hold still for two readings, with ink on the page.
    let stable = 0;
    while (Date.now() < end && stable < 2) {
      await sleep(90);
      const now = snapshot(doc, size, nav);
      stable = now.key === last.key && (now.ink !== 0 || !now.readable) ? stable + 1 : 0;
      last = now;
    }
    return true;
  }

  /** Which page the single view shows: by content, else by the viewer's indicator. */
  function shownPage(doc, report, size, nav) {
    const view = NS.findPageViews(doc, size)[0];
    if (!view) return { page: null, how: 'none', view: null };
    const byContent = NS.identifyPage(view, report);
    const indicated = nav ? nav.read() : null;
    if (byContent.page) return { page: byContent.page, how: byContent.single ? 'single-page' : 'content', view, indicated, score: byContent.score };
    // The picture could not tell (unreadable, or a scan): the viewer's indicator is all there is.
    if (byContent.reason !== 'ambiguous' && byContent.reason !== 'blank' && indicated) {
      return { page: indicated, how: 'indicator', view, indicated };
    }
    return { page: null, how: byContent.reason, view, indicated };
  }

  /** Bring the viewer to `target` with its own controls; resolves to shownPage()'s answer. */
  NS.showPage = async function showPage(doc, report, size, target) {
    const total = report.pdf.pages;
    let nav = NS.findPageNav(doc, total, NS.findPageViews(doc, size)[0]);
    let shown = shownPage(doc, report, size, nav);
    // A viewer still building its page controls (thumbnails are drawn after the page): look again, briefly.
    for (let i = 0; i < 4 && shown.page !== target && !nav.canGo; i++) {
      await sleep(250);
      nav = NS.findPageNav(doc, total, NS.findPageViews(doc, size)[0]);
      shown = shownPage(doc, report, size, nav);
    }
    const deadline = Date.now() + 30000; // never keep the person waiting longer than this
    /** One action, then wait for the viewer to change; false when nothing changed. */
    const act = async (fn) => {
      if (Date.now() > deadline) return false;
      const before = snapshot(doc, size, nav);
      const said = nav.read();
      if (!fn()) return false;
      if (!(await settle(doc, size, nav, before))) return false;
      // A page indicator that stays put while the picture changes is not the viewer's (a
      // wizard's "Langkah 1 dari 3"): stop believing it.
      if (said !== null && nav.read() === said && nav.indicator && !nav.input && !nav.select) nav.indicator = null;
      shown = shownPage(doc, report, size, nav);
      return true;
    };
    if (shown.page === target || !nav.canGo) return shown;
    let dead = false; // a control was used and the viewer did not react
    const now = shown.page !== null ? shown.page : shown.indicated || null;
    if (nav.direct || now !== null) {
      for (let step = 0; step < total + 2 && shown.page !== target; step++) {
        const from = shown.page !== null ? shown.page : shown.indicated || null;
        if (!nav.direct && from === null) break;
        if (!(await act(() => nav.goto(target, from)))) {
          dead = true;
          break;
        }
      }
      if (shown.page === target) return shown;
    }
    // Where we are is unknown (no indicator; pages that look alike): walk forward, then back,
    // until the picture itself shows the target page.
    if (!dead && shown.page === null && nav.next && nav.prev) {
      for (const b of [nav.next, nav.prev]) {
        for (let step = 0; step < total && shown.page !== target; step++) {
          if (!(await act(() => enabled(b) && (b.click(), true)))) break;
        }
        if (shown.page === target) break;
      }
    }
    return shown;
  };

  // ---------------------------------------------------------------- the stamp and its drag

  /** The element the site drags: the stamp image's positioned, draggable box. */
  NS.findStamp = function findStamp(doc, pageView) {
    const pr = pageView.getBoundingClientRect();
    const candidates = [];
    for (const el of deepAll(doc, 'img, svg, div, span, canvas', false)) {
      if (ours(el) || el === pageView) continue;
      const label = [el.getAttribute('src'), el.getAttribute('alt'), el.getAttribute('title'), el.getAttribute('aria-label'), el.id,
        typeof el.className === 'string' ? el.className : '', el.children.length === 0 ? el.textContent : ''].join(' ');
      if (!STAMP_WORDS.test(label)) continue;
      let box = el;
      for (let up = el; up && up !== doc.body; up = up.parentElement) {
        const cs = styleOf(up);
        if (cs.position === 'absolute' || cs.position === 'fixed' || up.draggable || cs.cursor === 'move' || cs.cursor === 'grab') {
          box = up;
          break;
        }
      }
      const r = box.getBoundingClientRect();
      if (r.width < 8 || r.height < 8 || r.width > pr.width * 0.8 || !visible(box)) continue;
      // Prefer a box lying over (or right beside) the page.
      const dx = Math.max(0, pr.left - r.right, r.left - pr.right);
      const dy = Math.max(0, pr.top - r.bottom, r.top - pr.bottom);
      if (!candidates.some((c) => c.box === box)) candidates.push({ box, distance: dx + dy });
    }
    candidates.sort((a, b) => a.distance - b.distance);
    return candidates.length ? candidates[0].box : null;
  };

  function fireMouse(target, type, x, y, buttons) {
    const win = target.ownerDocument.defaultView;
    const init = { bubbles: true, cancelable: true, composed: true, view: win, clientX: x, clientY: y, screenX: x, screenY: y,
      button: 0, buttons, detail: 1 };
    if (type.startsWith('pointer')) {
      const PE = win.PointerEvent || MouseEvent;
      target.dispatchEvent(new PE(type, { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true, width: 1, height: 1,
        pressure: buttons ? 0.5 : 0 }));
    } else {
      target.dispatchEvent(new MouseEvent(type, init));
    }
  }

  /** A touch event the page's own handlers can read, in Chromium (Touch) and Firefox (no Touch on desktop). */
  function fireTouch(target, type, x, y) {
    const win = target.ownerDocument.defaultView;
    const ended = type === 'touchend';
    const point = { identifier: 1, target, clientX: x, clientY: y, pageX: x + win.scrollX, pageY: y + win.scrollY,
      screenX: x, screenY: y, radiusX: 1, radiusY: 1, force: 1 };
    if (typeof win.Touch === 'function' && typeof win.TouchEvent === 'function') {
      const touch = new win.Touch(point);
      target.dispatchEvent(new win.TouchEvent(type, { bubbles: true, cancelable: true, composed: true,
        touches: ended ? [] : [touch], targetTouches: ended ? [] : [touch], changedTouches: [touch] }));
      return;
    }
    // Firefox without touch support: a plain event carrying touch lists the page's scripts can
    // read (made in the page's compartment; `target` set through the waiver, as it is a DOM node).
    const page = win.wrappedJSObject;
    if (page && typeof cloneInto === 'function') {
      /* global cloneInto */
      const plain = { ...point };
      delete plain.target;
      const list = (n) => {
        const l = cloneInto(n ? [plain] : [], win);
        if (n) l.wrappedJSObject[0].target = target;
        return l;
      };
      const ev = new page.Event(type, cloneInto({ bubbles: true, cancelable: true, composed: true }, win));
      const w = ev.wrappedJSObject || ev;
      w.touches = list(ended ? 0 : 1);
      w.targetTouches = list(ended ? 0 : 1);
      w.changedTouches = list(1);
      target.dispatchEvent(ev);
      return;
    }
    const ev = new Event(type, { bubbles: true, cancelable: true, composed: true });
    const lists = { touches: ended ? [] : [point], targetTouches: ended ? [] : [point], changedTouches: [point] };
    for (const [name, value] of Object.entries(lists)) Object.defineProperty(ev, name, { value });
    target.dispatchEvent(ev);
  }

  /**
   * HTML5 drag and drop, as e-signature tools take a stamp from a palette: dragstart on `source`
   * with a DataTransfer the page fills, dragenter/dragover along the way to (x, y) on whatever lies
   * there, drop when the page accepted the dragover (it prevented its default), dragend. Resolves
   * to whether the page accepted the drop.
   */
  NS.dragAndDrop = async function dragAndDrop(source, x0, y0, x, y) {
    const doc = source.ownerDocument;
    const data = new DataTransfer();
    const fire = (target, type, cx, cy) => {
      const ev = new DragEvent(type, { bubbles: true, cancelable: true, composed: true, view: doc.defaultView, clientX: cx, clientY: cy,
        screenX: cx, screenY: cy, button: 0, buttons: type === 'drop' || type === 'dragend' ? 0 : 1, dataTransfer: data });
      target.dispatchEvent(ev);
      return ev;
    };
    if (fire(source, 'dragstart', x0, y0).defaultPrevented) return false; // the page refused the drag
    let over = null;
    let accepted = false;
    const steps = 6;
    for (let i = 1; i <= steps; i++) {
      const cx = x0 + ((x - x0) * i) / steps;
      const cy = y0 + ((y - y0) * i) / steps;
      fire(source, 'drag', cx, cy);
      const under = doc.elementFromPoint(cx, cy) || doc.body;
      if (under !== over) {
        if (over) fire(over, 'dragleave', cx, cy);
        fire(under, 'dragenter', cx, cy);
        over = under;
      }
      accepted = fire(under, 'dragover', cx, cy).defaultPrevented;
      await sleep(12);
    }
    if (accepted) fire(over, 'drop', x, y);
    else fire(over, 'dragleave', x, y);
    fire(source, 'dragend', x, y);
    await sleep(40);
    return accepted;
  };

  /** Drag `box` by (dx, dy) CSS pixels with one kind of input: down, several moves, up. */
  NS.dragBy = async function dragBy(box, dx, dy, kind = 'pointer') {
    const r = box.getBoundingClientRect();
    const x0 = r.left + r.width / 2;
    const y0 = r.top + r.height / 2;
    if (kind === 'html5') {
      await NS.dragAndDrop(box.closest('[draggable="true"]') || box, x0, y0, x0 + dx, y0 + dy);
      return;
    }
    // Press on what lies under the box's centre when it is part of the box (its image, a label).
    const hit = box.ownerDocument.elementFromPoint(x0, y0);
    const target = hit && box.contains(hit) ? hit : box;
    const fire = (phase, x, y) => {
      if (kind === 'touch') fireTouch(target, { down: 'touchstart', move: 'touchmove', up: 'touchend' }[phase], x, y);
      else fireMouse(target, `${kind}${phase}`, x, y, phase === 'up' ? 0 : 1);
    };
    fire('down', x0, y0);
    const steps = 8;
    for (let i = 1; i <= steps; i++) {
      fire('move', x0 + (dx * i) / steps, y0 + (dy * i) / steps);
      await sleep(12);
    }
    fire('up', x0 + dx, y0 + dy);
    await sleep(40);
  };

  /** Where `box` sits on `pageView`, in PDF points ([llx, lly, urx, ury]). */
  NS.boxInPoints = function boxInPoints(pageView, box, size) {
    const p = pageView.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    const k = size.width / p.width;
    return [(b.left - p.left) * k, size.height - (b.bottom - p.top) * k, (b.right - p.left) * k, size.height - (b.top - p.top) * k]
      .map((v) => Math.round(v * 100) / 100);
  };

  /** Drag `stamp` until its centre is on the suggestion's centre over `view`; returns the input kind that worked. */
  async function dragOnto(doc, stamp, view, size, rect) {
    const target = () => {
      const p = view.getBoundingClientRect();
      const k = p.width / size.width; // CSS px per point: zoom, CSS scale and DPR all included
      return { x: p.left + ((rect[0] + rect[2]) / 2) * k, y: p.top + (size.height - (rect[1] + rect[3]) / 2) * k };
    };
    const centre = () => {
      const b = stamp.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    };
    let works = null;
    // A stamp marked draggable=true is moved by HTML5 drag and drop (pointer events never start one).
    const kinds = stamp.closest('[draggable="true"]') ? ['html5', 'pointer', 'mouse', 'touch'] : ['pointer', 'mouse', 'touch'];
    for (const kind of kinds) {
      const t = target();
      const c = centre();
      if (Math.abs(t.x - c.x) < 1 && Math.abs(t.y - c.y) < 1) return works || 'none';
      await NS.dragBy(stamp, t.x - c.x, t.y - c.y, kind);
      const after = centre();
      if (Math.abs(after.x - c.x) + Math.abs(after.y - c.y) >= 1) {
        works = kind;
        break;
      }
    }
    // A correction pass or two with what worked (a site may clamp, snap or lag a frame).
    for (let i = 0; works && i < 2; i++) {
      const t = target();
      const c = centre();
      if (Math.abs(t.x - c.x) < 1 && Math.abs(t.y - c.y) < 1) break;
      await NS.dragBy(stamp, t.x - c.x, t.y - c.y, works);
    }
    return works;
  }

  /** Whether `el`'s rendered box overlaps `view`'s. */
  function overlaps(el, view) {
    const r = el.getBoundingClientRect();
    const p = view.getBoundingClientRect();
    return r.right > p.left && r.left < p.right && r.bottom > p.top && r.top < p.bottom;
  }

  /** Stacked viewers: the views in page order, with the page each shows (by content, else by order). */
  function stackedPages(report, views) {
    const ordered = views.slice().sort(inOrder);
    const byContent = ordered.map((v) => NS.identifyPage(v, report));
    const pages = report.pdf.pages;
    return ordered.map((view, i) => {
      if (byContent[i].page) return { view, page: byContent[i].page, how: 'content' };
      // The picture could not tell (unreadable, or no text): every page is shown, in order.
      if (ordered.length === pages && byContent[i].reason !== 'ambiguous') return { view, page: i + 1, how: 'order' };
      return { view, page: null, how: byContent[i].reason };
    });
  }

  /**
   * Place the stamp at the report's suggestion. Resolves to {page, rect, pageView, how, kind}
   * only when the page shown and the stamp's position were read back and match; otherwise
   * throws a PlaceError (placeNoSuggestion, placeNoViewer, placeGoToPage, placeNoStamp,
   * placeNotMoved, placeNotConfirmed).
   */
  NS.placeStamp = async function placeStamp(doc, report) {
    const s = report.stamp_suggestion;
    if (!s || !report.pdf) throw new PlaceError('placeNoSuggestion');
    const size = report.pdf.page_sizes[s.page - 1];
    if (!size) throw new PlaceError('placeNoSuggestion');
    // The page pictures at viewing size (thumbnails in a sidebar are not where the stamp goes).
    const all = NS.findPageViews(doc, size);
    const largest = all.length ? all[0].getBoundingClientRect().width : 0;
    const views = all.filter((v) => v.getBoundingClientRect().width >= largest * 0.85);
    if (!views.length) throw new PlaceError('placeNoViewer', s.page);
    // The viewer may sit in a same-origin frame: its page controls and the stamp are in its document.
    doc = views[0].ownerDocument;
    const framed = views.filter((v) => v.ownerDocument === doc);
    views.length = 0;
    views.push(...framed);

    let pageView;
    let how;
    const stacked = views.length >= 2 && report.pdf.pages >= 2;
    if (stacked) {
      const found = stackedPages(report, views).find((p) => p.page === s.page);
      if (!found) throw new PlaceError('placeGoToPage', s.page);
      pageView = found.view;
      how = found.how;
      pageView.scrollIntoView({ block: 'center', inline: 'nearest' });
      await sleep(80);
    } else {
      const shown = await NS.showPage(doc, report, size, s.page);
      if (shown.page !== s.page || !shown.view) throw new PlaceError('placeGoToPage', s.page);
      pageView = shown.view;
      how = shown.how;
      pageView.scrollIntoView({ block: 'center', inline: 'nearest' });
      await sleep(80);
    }
    let stamp = NS.findStamp(doc, pageView);
    if (!stamp) throw new PlaceError('placeNoStamp', s.page);
    let dropped = null;
    if (!overlaps(stamp, pageView) && stamp.closest('[draggable="true"]')) {
      // A stamp waiting in a palette beside the page: dropped onto the page at the suggestion's
      // centre (HTML5 drag and drop), then nudged where the site put it.
      const p = pageView.getBoundingClientRect();
      const k = p.width / size.width;
      const to = { x: p.left + ((s.rect[0] + s.rect[2]) / 2) * k, y: p.top + (size.height - (s.rect[1] + s.rect[3]) / 2) * k };
      const from = stamp.getBoundingClientRect();
      if (await NS.dragAndDrop(stamp.closest('[draggable="true"]'), from.left + from.width / 2, from.top + from.height / 2, to.x, to.y)) {
        await sleep(60);
        const placed = NS.findStamp(doc, pageView);
        if (placed && overlaps(placed, pageView)) {
          stamp = placed;
          dropped = 'html5';
        }
      }
    }
    let kind = await dragOnto(doc, stamp, pageView, size, s.rect);
    if (dropped && (!kind || kind === 'none')) kind = dropped;
    if (!kind) throw new PlaceError('placeNotMoved', s.page);
    await sleep(60);

    // Read back: the page shown (or, stacked, the page under the stamp) and where the stamp is.
    const box = stamp.isConnected ? stamp : NS.findStamp(doc, pageView);
    if (!box) throw new PlaceError('placeNotConfirmed', s.page);
    const b = box.getBoundingClientRect();
    const cx = b.left + b.width / 2;
    const cy = b.top + b.height / 2;
    let view = pageView;
    if (stacked) {
      const under = NS.findPageViews(doc, size).find((v) => {
        const r = v.getBoundingClientRect();
        return cx >= r.left && cx <= r.right && cy >= r.top && cy <= r.bottom;
      });
      if (under !== pageView) throw new PlaceError('placeNotConfirmed', s.page);
    } else {
      const again = shownPage(doc, report, size, NS.findPageNav(doc, report.pdf.pages, pageView));
      if (again.page !== s.page || !again.view) throw new PlaceError('placeNotConfirmed', s.page);
      view = again.view;
    }
    const rect = NS.boxInPoints(view, box, size);
    const ccx = (rect[0] + rect[2]) / 2;
    const ccy = (rect[1] + rect[3]) / 2;
    const error = Math.max(Math.abs(ccx - (s.rect[0] + s.rect[2]) / 2), Math.abs(ccy - (s.rect[1] + s.rect[3]) / 2));
    if (!(error <= NS.PLACE_TOLERANCE)) throw new PlaceError('placeNotConfirmed', s.page);
    return { page: s.page, rect, pageView: view, how, kind, error };
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = NS;
})(typeof globalThis !== 'undefined' ? globalThis : this);
