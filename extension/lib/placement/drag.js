// The stamp and its drag: finding the element the site drags and moving it through the page's
// own drag handling (pointer, mouse or touch events, or HTML5 drag and drop).
import { STAMP_WORDS, deepAll, ours, sleep, styleOf, visible } from './common.js';
// ---------------------------------------------------------------- the stamp and its drag

/** The element the site drags: the stamp image's positioned, draggable box. */
export function findStamp(doc, pageView) {
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
}

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
export async function dragAndDrop(source, x0, y0, x, y) {
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
}

/** Drag `box` by (dx, dy) CSS pixels with one kind of input: down, several moves, up. */
export async function dragBy(box, dx, dy, kind = 'pointer') {
  const r = box.getBoundingClientRect();
  const x0 = r.left + r.width / 2;
  const y0 = r.top + r.height / 2;
  if (kind === 'html5') {
    await dragAndDrop(box.closest('[draggable="true"]') || box, x0, y0, x0 + dx, y0 + dy);
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
}

/** Drag `stamp` until its centre is on the suggestion's centre over `view`; returns the input kind that worked. */
export async function dragOnto(doc, stamp, view, size, rect) {
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
    await dragBy(stamp, t.x - c.x, t.y - c.y, kind);
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
    await dragBy(stamp, t.x - c.x, t.y - c.y, works);
  }
  return works;
}
