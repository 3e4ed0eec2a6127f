// An upload row whose custom element keeps its title, rule and file input in a CLOSED shadow root
// (attachShadow({mode: 'closed'}): page scripts cannot see inside; browsers let extensions in:
// Firefox's openOrClosedShadowRoot, Chrome's chrome.dom.openOrClosedShadowRoot). The page keeps a
// reference to the input for the test harness only (window.__closedInput).
import { ROWS, instrument, received } from './rows.mjs';

instrument();
const ROW = ROWS.find((r) => r.key === 'ijazah');
class ClosedUploadRow extends HTMLElement {
  connectedCallback() {
    if (this._root) return;
    this._root = this.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = ':host { display: block; border: 1px solid #cbd2d9; border-radius: 6px; padding: 10px 14px; background: #fff; } h3 { margin: 0 0 4px; }';
    const h = document.createElement('h3');
    h.textContent = ROW.title;
    const p = document.createElement('p');
    p.textContent = ROW.rule;
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ROW.accept;
    input.addEventListener('change', () => input.files[0] && received(ROW.key, input.files[0]));
    this._root.append(style, h, p, input);
    window.__closedInput = input;
  }
}
customElements.define('closed-upload-row', ClosedUploadRow);
