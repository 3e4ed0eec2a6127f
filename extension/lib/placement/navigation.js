// The viewer's own page controls (a page number field, a <select>, numbered buttons,
// next/previous): which page is shown, and bringing the signature's page into view.
import { deepAll, inOrder, ours, sleep, visible } from './common.js';
import { findPageViews, identifyPage, readPicture } from './picture.js';
// ---------------------------------------------------------------- the viewer's page controls

const numberIn = (s) => {
  const m = /\d+/.exec(s || '');
  return m ? Number(m[0]) : null;
};
const labelOf = (b) => `${b.textContent} ${b.getAttribute('aria-label') || ''} ${b.title || ''}`.replace(/\s+/g, ' ').trim();
export const enabled = (b) => !b.disabled && b.getAttribute('aria-disabled') !== 'true' && !/\bdisabled\b/.test(String(b.className));
const INDICATOR = /(\d+)\s*(?:\/|dari|of|von|de)\s*(\d+)/i;

/**
 * The viewer's page controls, as far as they exist: `read()` is the page its indicator says is
 * shown (or null), `canGo` whether it can be told to change page, `goto(n)` acts once
 * (direct controls) or steps once toward n (next/previous). Only controls near the page
 * picture `view` count (a form's own "Selanjutnya" or a table's pagination elsewhere on the
 * page are not the viewer's), nearest first; never a form's submit button or a link away.
 */
export const NAV_DISTANCE = 400;
export function findPageNav(doc, total, view) {
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
    .filter(({ d }) => d <= NAV_DISTANCE)
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
}

/** A small signature of what the viewer shows now (picture + indicator), to see it change. */
function snapshot(doc, size, nav) {
  const view = findPageViews(doc, size)[0];
  const pic = view ? readPicture(view, size) : null;
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
export function shownPage(doc, report, size, nav) {
  const view = findPageViews(doc, size)[0];
  if (!view) return { page: null, how: 'none', view: null };
  const byContent = identifyPage(view, report);
  const indicated = nav ? nav.read() : null;
  if (byContent.page) return { page: byContent.page, how: byContent.single ? 'single-page' : 'content', view, indicated, score: byContent.score };
  // The picture could not tell (unreadable, or a scan): the viewer's indicator is all there is.
  if (byContent.reason !== 'ambiguous' && byContent.reason !== 'blank' && indicated) {
    return { page: indicated, how: 'indicator', view, indicated };
  }
  return { page: null, how: byContent.reason, view, indicated };
}

/** Bring the viewer to `target` with its own controls; resolves to shownPage()'s answer. */
export async function showPage(doc, report, size, target) {
  const total = report.pdf.pages;
  let nav = findPageNav(doc, total, findPageViews(doc, size)[0]);
  let shown = shownPage(doc, report, size, nav);
  // A viewer still building its page controls (thumbnails are drawn after the page): look again, briefly.
  for (let i = 0; i < 4 && shown.page !== target && !nav.canGo; i++) {
    await sleep(250);
    nav = findPageNav(doc, total, findPageViews(doc, size)[0]);
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
}
