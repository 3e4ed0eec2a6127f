// An upload list built as web components with Lit (how Lit, Shoelace, Ionic and Stencil design
// systems build pages): <reg-app> keeps its steps in an open shadow root and moves from "Data diri"
// to "Unggah Dokumen" with history.pushState; each <doc-upload-row> keeps the row's title, rule,
// button and a hidden file input in its own open shadow root, and its element is defined only
// after the step change (it upgrades in place). After an upload the site "sends" the file and:
//   - even rows: remove the input, leaving "✓ name · Lihat · Hapus" (as SSCASN's "Sudah Diunggah");
//   - odd rows: replace the whole row element with a new <doc-done-row>, a second later.
// window.__uploaded[row] says when the site finished a row.
import { LitElement, html, css } from 'lit';
import { ROWS, instrument, received } from './rows.mjs';

instrument();
window.__uploaded = {};

const rowStyles = css`
  :host { display: block; border: 1px solid #cbd2d9; border-radius: 6px; padding: 10px 14px; margin: 10px 0; background: #fff; }
  h3 { margin: 0 0 4px; font-size: 16px; }
  p { margin: 0 0 8px; color: #52606d; font-size: 13px; }
  button { font: inherit; padding: 4px 12px; }
  .done { color: #2f855a; }
  .done a { margin-left: 8px; }
`;

class DocDoneRow extends LitElement {
  static properties = { row: { attribute: false }, file: {} };
  static styles = rowStyles;
  render() {
    return html`<h3>${this.row.title}</h3><p>${this.row.rule}</p>
      <div class="done">Sudah Diunggah: ✓ ${this.file} <a href="#lihat">Lihat</a> <a href="#hapus">Hapus</a></div>`;
  }
}
customElements.define('doc-done-row', DocDoneRow);

class DocUploadRow extends LitElement {
  static properties = { row: { attribute: false }, uploaded: { state: true } };
  static styles = rowStyles;
  constructor() {
    super();
    this.uploaded = null;
  }
  pick() {
    this.renderRoot.querySelector('input').click();
  }
  chosen(e) {
    const file = e.target.files[0];
    if (!file) return;
    received(this.row.key, file);
    // The site "uploads" the file, then shows it as uploaded.
    setTimeout(() => {
      const index = ROWS.findIndex((r) => r.key === this.row.key);
      if (index % 2 === 0) {
        this.uploaded = file.name; // the input is gone from this row
        this.updateComplete.then(() => (window.__uploaded[this.row.key] = 'input removed'));
      } else {
        setTimeout(() => this.dispatchEvent(new CustomEvent('uploaded', { detail: { key: this.row.key, name: file.name }, bubbles: true, composed: true })), 1000);
      }
    }, 300);
  }
  render() {
    const r = this.row;
    return html`<h3>${r.title}</h3><p>${r.rule}</p>
      ${this.uploaded
        ? html`<div class="done">✓ ${this.uploaded} <a href="#lihat">Lihat</a> <a href="#hapus">Hapus</a></div>`
        : html`<button type="button" data-control @click=${this.pick}>Pilih Berkas</button>
            <input type="file" accept=${r.accept} style="display:none" @change=${this.chosen}>`}`;
  }
}

class RegApp extends LitElement {
  static properties = { step: { state: true }, done: { state: true } };
  static styles = css`:host { display: block; } .step { color: #52606d; }`;
  constructor() {
    super();
    this.step = new URLSearchParams(location.search).get('step') || 'data';
    this.done = {};
    window.addEventListener('popstate', () => {
      this.step = new URLSearchParams(location.search).get('step') || 'data';
    });
    this.addEventListener('uploaded', (e) => {
      this.done = { ...this.done, [e.detail.key]: e.detail.name };
      this.updateComplete.then(() => (window.__uploaded[e.detail.key] = 'row replaced'));
    });
  }
  next() {
    const url = new URL(location.href);
    url.searchParams.set('step', 'dokumen');
    history.pushState({}, '', url);
    this.step = 'dokumen';
    // The row component arrives with the step (a lazily loaded chunk): its elements upgrade in place.
    setTimeout(() => {
      if (!customElements.get('doc-upload-row')) customElements.define('doc-upload-row', DocUploadRow);
    }, 150);
  }
  render() {
    if (this.step !== 'dokumen') {
      return html`<p class="step">Langkah 1 dari 2: Data diri</p><p>Periksa data diri Anda, lalu lanjutkan.</p>
        <button type="button" id="lanjut" @click=${this.next}>Lanjut ke Unggah Dokumen</button>`;
    }
    return html`<p class="step">Langkah 2 dari 2: Unggah Dokumen</p>
      ${ROWS.map((r) => (this.done[r.key]
        ? html`<doc-done-row data-row=${r.key} .row=${r} file=${this.done[r.key]}></doc-done-row>`
        : html`<doc-upload-row data-row=${r.key} .row=${r}></doc-upload-row>`))}`;
  }
}
customElements.define('reg-app', RegApp);
