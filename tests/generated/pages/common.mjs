// What every generated page shares: its spec (written into the page by the server), a tiny
// virtual-node form that the shells render with their own library, counters the runner awaits,
// and deep searches through open shadow roots and same-origin frames (as a person sees the page).

export const spec = JSON.parse(document.getElementById('gen-spec').textContent);

/** h('div', {class: 'x', on: {click}}, ...children): a node the shells render their own way. */
export const h = (tag, props = {}, ...children) => ({ tag, props, children: children.flat().filter((c) => c !== null && c !== undefined && c !== false) });

export function toDom(v) {
  if (typeof v === 'string') return document.createTextNode(v);
  const e = document.createElement(v.tag);
  for (const [k, val] of Object.entries(v.props)) {
    if (k === 'on') for (const [type, fn] of Object.entries(val)) e.addEventListener(type, fn);
    else if (k === 'ref') val(e);
    else if (k === 'key') continue;
    else if (k === 'hidden') e.hidden = !!val;
    else if (k === 'open') e.open = !!val;
    else e.setAttribute(k, val);
  }
  e.append(...v.children.map(toDom));
  return e;
}

const REACT_PROP = { class: 'className', for: 'htmlFor', colspan: 'colSpan', tabindex: 'tabIndex' };
const REACT_EVENT = { change: 'onChange', click: 'onClick', drop: 'onDrop', dragover: 'onDragOver', dragenter: 'onDragEnter', input: 'onInput' };
export function toReact(React, v) {
  if (typeof v === 'string') return v;
  const props = {};
  for (const [k, val] of Object.entries(v.props)) {
    if (k === 'on') for (const [type, fn] of Object.entries(val)) props[REACT_EVENT[type]] = (e) => fn(e.nativeEvent ? Object.assign(e.nativeEvent, { currentTargetEl: e.currentTarget }) : e);
    else if (k === 'ref') props.ref = val;
    else if (k === 'open') props.open = !!val;
    else if (k === 'style') props.style = Object.fromEntries(val.split(';').filter(Boolean).map((d) => d.split(':').map((x) => x.trim()))
      .map(([n, x]) => [n.replace(/-([a-z])/g, (_, c) => c.toUpperCase()), x]));
    else props[REACT_PROP[k] || k] = val;
  }
  return React.createElement(v.tag, props, ...v.children.map((c) => toReact(React, c)));
}

export function toVue(vueH, v) {
  if (typeof v === 'string') return v;
  const props = {};
  for (const [k, val] of Object.entries(v.props)) {
    if (k === 'on') for (const [type, fn] of Object.entries(val)) props['on' + type[0].toUpperCase() + type.slice(1)] = fn;
    else props[k] = val;
  }
  return vueH(v.tag, props, v.children.map((c) => toVue(vueH, c)));
}

export { later } from './later.mjs';

/** Every element matching `selector` in `root`, its open shadow roots and same-origin frames. */
export function deepAll(root, selector) {
  const out = [];
  const walk = (r) => {
    out.push(...r.querySelectorAll(selector));
    for (const el of r.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el.localName === 'iframe') {
        try {
          if (el.contentDocument) walk(el.contentDocument);
        } catch {
          // another origin
        }
      }
    }
  };
  walk(root);
  return out;
}

/** The fixture file `f` ({src, name, padKb}) as a File built in the page. */
export async function fileFrom(f) {
  let bytes = new Uint8Array(await (await fetch('/fixtures/' + f.src)).arrayBuffer());
  if (f.padKb) {
    const out = new Uint8Array(f.padKb * 1024).fill(0x20);
    out.set(bytes);
    out.set([10, 37], bytes.length);
    bytes = out;
  }
  return new File([bytes], f.name, { type: f.name.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg' });
}

/** Hand `file` to `input` as the browser does after the file dialog. */
export function setFiles(input, file) {
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function dropOn(zone, file) {
  zone.scrollIntoView({ block: 'center', behavior: 'instant' });
  const r = zone.getBoundingClientRect();
  const dt = new DataTransfer();
  dt.items.add(file);
  const at = { bubbles: true, cancelable: true, composed: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, dataTransfer: dt };
  for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, at));
}

/** Resolves when `test()` is truthy (checked every animation frame), with its value. */
export function until(test, ms = 5000) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const tick = () => {
      const v = test();
      if (v) resolve(v);
      else if (performance.now() - t0 > ms) reject(new Error('timed out'));
      else requestAnimationFrame(tick);
    };
    tick();
  });
}
