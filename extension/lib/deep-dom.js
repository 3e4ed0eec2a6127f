// Reaches every part of a page a person can see: the document, every shadow root (open ones; closed
// ones too where the browser lets a content script in: Firefox's openOrClosedShadowRoot, Chrome's
// chrome.dom.openOrClosedShadowRoot) and every same-origin frame. Other code asks here instead of
// calling querySelectorAll on the document, which stops at the first shadow root or frame.
/** Bounds: a page with more roots or elements than this is read only up to here (never a frozen page). */
const MAX_ROOTS = 2000;
const MAX_DEPTH = 16;
const chromeDom = globalThis.chrome && globalThis.chrome.dom && typeof globalThis.chrome.dom.openOrClosedShadowRoot === 'function' ? globalThis.chrome.dom : null;

/** The shadow root of `el`: open, or closed where the browser lets an extension in; else null. */
export function shadowRootOf(el) {
  if (!el || el.nodeType !== 1) return null;
  if (el.shadowRoot) return el.shadowRoot;
  try {
    if (typeof el.openOrClosedShadowRoot !== 'undefined') return el.openOrClosedShadowRoot || null; // Firefox
    if (chromeDom) return chromeDom.openOrClosedShadowRoot(el) || null;
  } catch (_) {
    /* not an element that can host a root */
  }
  return null;
}

/** The document inside a frame element, when the frame is same-origin; else null. */
export function frameDocument(frame) {
  try {
    const d = frame.contentDocument;
    return d && d.documentElement ? d : null;
  } catch (_) {
    return null; // cross-origin: that frame's own content script reads it
  }
}

const isFrame = (el) => el.localName === 'iframe' || el.localName === 'frame';

/**
 * Every root under `start` (a document, shadow root or element): `start` itself, each shadow root,
 * and with `frames` each same-origin frame's document, in document order, bounded.
 */
export function deepRoots(start, { frames = false } = {}) {
  const out = [];
  const visit = (node, depth) => {
    if (out.length >= MAX_ROOTS || depth > MAX_DEPTH) return;
    out.push(node); // the start, a shadow root or a frame's document
    const doc = node.ownerDocument || node;
    const walker = doc.createTreeWalker(node, 1 /* SHOW_ELEMENT */);
    for (let el = node.nodeType === 1 ? node : walker.nextNode(); el && out.length < MAX_ROOTS; el = walker.nextNode()) {
      // Our own badges and panels are not the page.
      const shadow = el.localName.startsWith('sscasn-') ? null : shadowRootOf(el);
      if (shadow) visit(shadow, depth + 1);
      if (frames && isFrame(el)) {
        const fd = frameDocument(el);
        if (fd) visit(fd, depth + 1);
      }
    }
  };
  visit(start, 0);
  return out;
}

/** querySelectorAll across shadow roots (and, with `frames`, same-origin frames), in document order. */
export function deepQueryAll(start, selector, options) {
  const out = [];
  if (start.nodeType === 1 && start.matches(selector)) out.push(start);
  for (const r of deepRoots(start, options)) out.push(...r.querySelectorAll(selector));
  return out;
}

/** The parent a person would say holds `node`: its parent element, or the host of its shadow root. */
export function composedParent(node) {
  if (!node) return null;
  if (node.parentElement) return node.parentElement;
  const r = node.parentNode;
  return r && r.nodeType === 11 && r.host ? r.host : null;
}

/** Whether `node` lies inside `ancestor`, shadow boundaries included. */
export function deepContains(ancestor, node) {
  for (let n = node; n; n = composedParent(n)) if (n === ancestor) return true;
  return false;
}

/** The element an event really happened on (not the host it was retargeted to at the document). */
export function eventTarget(event) {
  const path = typeof event.composedPath === 'function' ? event.composedPath() : [];
  return path.length ? path[0] : event.target;
}

/**
 * Text a person reads in `el`, shadow content included (innerText stops at a shadow host).
 * Bounded to `max` characters.
 */
export function deepText(el, max = 4000) {
  if (!el) return '';
  if (el.nodeType === 3) return el.textContent;
  if (el.nodeType !== 1 && el.nodeType !== 11) return '';
  const hasShadow = (n) => deepRoots(n).length > 1;
  if (el.nodeType === 1 && !hasShadow(el)) return (el.innerText || el.textContent || '').slice(0, max);
  const view = (el.ownerDocument || el).defaultView;
  let out = '';
  const walk = (node) => {
    if (out.length >= max) return;
    if (node.nodeType === 3) {
      out += node.textContent.replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    if (node.nodeType === 1) {
      // Our own badges and panels are not the page (their words must never read as a rule).
      if (/^(script|style|template)$/.test(node.localName) || node.localName.startsWith('sscasn-')) return;
      if (node.localName === 'slot') {
        const assigned = node.assignedNodes({ flatten: true });
        (assigned.length ? assigned : [...node.childNodes]).forEach(walk);
        return;
      }
      const s = view.getComputedStyle(node);
      if (s.display === 'none' || s.visibility === 'hidden') return;
      const block = !/^inline/.test(s.display) && s.display !== 'contents';
      if (block) out += '\n';
      const shadow = shadowRootOf(node);
      if (shadow) walk(shadow);
      else node.childNodes.forEach(walk);
      if (block) out += '\n';
      return;
    }
    node.childNodes.forEach(walk);
  };
  walk(el);
  return out.replace(/ *\n[\n ]*/g, '\n').trim().slice(0, max);
}

/**
 * Watch a document and every shadow root as it appears (roots attached after load and custom
 * elements that upgrade later included): `onChange(records)` gets each mutation batch, and the
 * listeners in `events` ({type: handler}, capture phase) are added to each root — events that are
 * not composed (change, drop inside a component) never reach the document. Also calls
 * `onChange([])` after a route change (pushState / replaceState / popstate / hashchange).
 * Returns {roots(): the roots watched, stop()}.
 */
export function watchDeep(doc, onChange, events = {}) {
  const watched = new Set();
  const waiting = new Set(); // custom elements not upgraded yet
  const timers = new Set();
  let stopped = false;
  let href = doc.location ? doc.location.href : '';
  const routeChanged = () => {
    const now = doc.location ? doc.location.href : '';
    if (now === href) return false;
    href = now;
    return true;
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) adopt(n);
    routeChanged();
    onChange(records);
  });
  const watchRoot = (r) => {
    if (watched.has(r) || watched.size >= MAX_ROOTS) return;
    watched.add(r);
    observer.observe(r.nodeType === 9 ? r.documentElement : r, { childList: true, subtree: true });
    for (const [type, handler] of Object.entries(events)) r.addEventListener(type, handler, true);
  };
  /** Take in the roots under a newly added element, and wait for its custom elements to upgrade. */
  const adopt = (el) => {
    const roots = deepRoots(el);
    for (const r of roots) if (r.nodeType !== 1) watchRoot(r);
    for (const e of [el, ...roots.flatMap((r) => [...r.querySelectorAll(':not(:defined)')])]) {
      if (e.localName.includes('-') && !e.matches(':defined')) awaitUpgrade(e);
    }
  };
  // A content script cannot use the page's customElements.whenDefined in every browser: look again
  // a few times, spaced out, until the element is defined (bounded: about 15 s in all).
  const awaitUpgrade = (el) => {
    if (waiting.has(el) || waiting.size > 200) return;
    waiting.add(el);
    let delay = 100;
    const look = () => {
      timers.delete(timer);
      if (stopped || !el.isConnected) return waiting.delete(el);
      if (el.matches(':defined')) {
        waiting.delete(el);
        const before = watched.size;
        adopt(el);
        if (watched.size > before) onChange([]);
        return;
      }
      delay *= 2;
      if (delay > 8000) return waiting.delete(el);
      timer = setTimeout(look, delay);
      timers.add(timer);
    };
    let timer = setTimeout(look, delay);
    timers.add(timer);
  };
  const onRoute = () => {
    if (!routeChanged()) return;
    // The new route renders in the next tasks: look now and once it has had a moment.
    onChange([]);
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) onChange([]);
    }, 300);
    timers.add(t);
  };
  const win = doc.defaultView;
  win.addEventListener('popstate', onRoute);
  win.addEventListener('hashchange', onRoute);
  // pushState / replaceState fire no event; the Navigation API reports them where it exists.
  const nav = win.navigation;
  if (nav && typeof nav.addEventListener === 'function') nav.addEventListener('currententrychange', onRoute);
  watchRoot(doc);
  adopt(doc.documentElement);
  return {
    roots: () => [...watched].filter((r) => r.nodeType === 9 || (r.host && r.host.isConnected)),
    stop() {
      stopped = true;
      observer.disconnect();
      for (const t of timers) clearTimeout(t);
      for (const r of watched) for (const [type, handler] of Object.entries(events)) r.removeEventListener(type, handler, true);
      win.removeEventListener('popstate', onRoute);
      win.removeEventListener('hashchange', onRoute);
      if (nav && typeof nav.removeEventListener === 'function') nav.removeEventListener('currententrychange', onRoute);
    },
  };
}

/**
 * Custom elements that show something but whose content this script cannot enter (a closed
 * shadow root in a browser without openOrClosedShadowRoot): counted, so the popup can say so.
 * Returns {closedRoots}.
 */
export function unreachableParts(doc) {
  let closedRoots = 0;
  for (const r of deepRoots(doc)) {
    for (const el of r.querySelectorAll('*')) {
      if (!el.localName.includes('-') || shadowRootOf(el) || el.childElementCount || (el.textContent || '').trim()) continue;
      const b = el.getBoundingClientRect();
      if (b.width > 4 && b.height > 4 && el.matches(':defined')) closedRoots++;
    }
  }
  // Frames of other sites (a captcha, a payment widget) are not counted: they are not ours to read.
  return { closedRoots };
}
