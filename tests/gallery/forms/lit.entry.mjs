// A "data diri" form built as Lit web components: <reg-form> keeps its sections in an open shadow
// root, and every field is a <lit-field> / <lit-choice> whose label and control sit in the field's
// own shadow root (label[for] pointing at an id that exists only inside that root). The page's own
// state is what each component records from its control's events (window.__state()).
import { LitElement, html, css } from 'lit';
import { guard } from './common.mjs';

guard();
const state = {};
window.__state = () => ({ ...state });
const fieldStyles = css`
  :host { display: block; margin: 8px 0; }
  label { display: block; font-weight: 600; margin-bottom: 2px; }
  input, select { font: inherit; padding: 4px 6px; width: 320px; }
`;

class LitField extends LitElement {
  static properties = { label: {}, k: {}, type: {} };
  static styles = fieldStyles;
  record(e) {
    state[this.k] = e.target.value;
  }
  render() {
    return html`<label for="control">${this.label}</label>
      <input id="control" type=${this.type || 'text'} data-k=${this.k} @input=${this.record} @change=${this.record}>`;
  }
}
customElements.define('lit-field', LitField);

class LitChoice extends LitElement {
  static properties = { label: {}, k: {}, options: { attribute: false } };
  static styles = fieldStyles;
  render() {
    return html`<label for="control">${this.label}</label>
      <select id="control" data-k=${this.k} @change=${(e) => (state[this.k] = e.target.value)}>
        <option value="">— Pilih —</option>
        ${this.options.map(([v, t]) => html`<option value=${v}>${t}</option>`)}
      </select>`;
  }
}
customElements.define('lit-choice', LitChoice);

class RegForm extends LitElement {
  static styles = css`:host { display: block; max-width: 720px; margin: 16px auto; font: 14px system-ui, sans-serif; } section { border: 1px solid #ddd; padding: 8px 16px; margin: 12px 0; }`;
  render() {
    return html`<h1>Formulir Pendaftaran — Data Diri</h1>
      <section><h2>Identitas</h2>
        <lit-field label="NIK" k="nik"></lit-field>
        <lit-field label="Nomor Kartu Keluarga (KK)" k="no_kk"></lit-field>
        <lit-field label="Nama Lengkap" k="nama"></lit-field>
        <lit-field label="Tempat Lahir" k="tempat_lahir"></lit-field>
        <lit-field label="Tanggal Lahir" k="tanggal_lahir" type="date"></lit-field>
        <lit-choice label="Jenis Kelamin" k="jenis_kelamin" .options=${[['L', 'Laki-laki'], ['P', 'Perempuan']]}></lit-choice>
      </section>
      <section><h2>Kontak</h2>
        <lit-field label="Email" k="email" type="email"></lit-field>
        <lit-field label="Nomor HP" k="no_hp" type="tel"></lit-field>
        <lit-field label="Alamat Domisili" k="alamat"></lit-field>
      </section>`;
  }
}
customElements.define('reg-form', RegForm);
