// The common "Pilih Berkas" label-button with the (hidden) input inside it, to the right of the
// row's description: a badge put inside the label would grow the button and squeeze the text.
import { ROWS, instrument, received } from './rows.mjs';
instrument();
const app = document.getElementById('app');
for (const row of ROWS) {
  const div = document.createElement('div');
  div.className = 'doc flexrow';
  div.dataset.row = row.key;
  const desc = document.createElement('div');
  desc.className = 'desc';
  const h = document.createElement('h2');
  h.textContent = row.title;
  const p = document.createElement('p');
  p.className = 'rule';
  p.textContent = row.rule;
  const chosen = document.createElement('div');
  chosen.className = 'chosen';
  desc.append(h, p, chosen);
  const label = document.createElement('label');
  label.className = 'pick';
  label.dataset.control = '';
  label.textContent = 'Pilih Berkas';
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = row.accept;
  input.hidden = true;
  label.append(input);
  input.addEventListener('change', () => {
    const f = input.files[0];
    if (!f) return;
    received(row.key, f);
    chosen.textContent = 'Terpilih: ' + f.name;
  });
  div.append(desc, label);
  app.append(div);
}
