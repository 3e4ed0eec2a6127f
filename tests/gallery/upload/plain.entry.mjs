// A plain visible <input type=file> under each row's title and rule.
import { ROWS, instrument, received, docRow } from './rows.mjs';
instrument();
const app = document.getElementById('app');
for (const row of ROWS) {
  const div = docRow(row);
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = row.accept;
  input.dataset.control = '';
  const chosen = document.createElement('span');
  chosen.className = 'chosen';
  input.addEventListener('change', () => {
    const f = input.files[0];
    if (!f) return;
    received(row.key, f);
    chosen.textContent = 'Berkas diterima: ' + f.name;
  });
  div.append(input, chosen);
  app.append(div);
}
