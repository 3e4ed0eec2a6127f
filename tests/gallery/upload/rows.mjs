// The six document rows every upload gallery page shows, with limits written the many ways real
// pages write them (and one row that states no limit), plus what each page records for the tests:
// window.__received[row] (what the site's own handler got), window.__inputClicks (click events
// on file inputs), window.__pickerCalls (input.click() / showPicker() on file inputs) and
// window.__pendingChanges (changes the page has scheduled on its own and not yet made: see later()).
export const ROWS = [
  { key: 'pas_foto', title: 'Pas Foto', rule: 'Format JPG/JPEG, latar belakang merah. Maks. 200 KB', accept: '.jpg,.jpeg', mime: { 'image/jpeg': ['.jpg', '.jpeg'] } },
  { key: 'ktp', title: 'KTP', rule: 'Hasil pindai KTP asli berwarna (JPG), ukuran maksimal 200KB', accept: '.jpg,.jpeg', mime: { 'image/jpeg': ['.jpg', '.jpeg'] } },
  { key: 'ijazah', title: 'Ijazah', rule: 'Ijazah asli dipindai, format PDF, maksimal 0,5 MB', accept: '.pdf', mime: { 'application/pdf': ['.pdf'] } },
  { key: 'transkrip', title: 'Transkrip Nilai', rule: 'Transkrip asli dipindai (PDF). Maks. 800 KB', accept: '.pdf', mime: { 'application/pdf': ['.pdf'] } },
  { key: 'surat_lamaran', title: 'Surat Lamaran', rule: 'Ditandatangani dan dibubuhi e-Meterai, format PDF', accept: '.pdf', mime: { 'application/pdf': ['.pdf'] } },
  { key: 'surat_pernyataan', title: 'Surat Pernyataan', rule: 'Bermeterai elektronik, format PDF, ukuran maksimal 1 MB', accept: '.pdf', mime: { 'application/pdf': ['.pdf'] } },
];

export function instrument() {
  window.__received = {};
  window.__inputClicks = 0;
  window.__pickerCalls = 0;
  window.__pendingChanges = 0;
  window.__rows = ROWS.map((r) => r.key);
  document.addEventListener('click', (e) => {
    if (e.target && e.target.localName === 'input' && e.target.type === 'file') window.__inputClicks++;
  }, true);
  const click = HTMLInputElement.prototype.click;
  HTMLInputElement.prototype.click = function () {
    if (this.type === 'file') window.__pickerCalls++;
    return click.call(this);
  };
  const showPicker = HTMLInputElement.prototype.showPicker;
  if (showPicker)
    HTMLInputElement.prototype.showPicker = function () {
      if (this.type === 'file') window.__pickerCalls++;
      return showPicker.call(this);
    };
}

export { later } from '../../generated/pages/later.mjs';

/** The site's own handler got `file` for row `key`. */
export function received(key, file) {
  window.__received[key] = { name: file.name, size: file.size };
}

/** A row's box with its title and stated rule, as the plain pages show it; the page adds its control. */
export function docRow(row) {
  const div = document.createElement('div');
  div.className = 'doc';
  div.dataset.row = row.key;
  const h = document.createElement('h2');
  h.textContent = row.title;
  const p = document.createElement('p');
  p.className = 'rule';
  p.textContent = row.rule;
  div.append(h, p);
  return div;
}
