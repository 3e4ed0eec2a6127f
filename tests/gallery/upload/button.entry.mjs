// A hidden input opened by the site's own button (input.click()); the site's change handler
// takes the file and then clears the input (input.value = ''), as many upload widgets do.
import { ROWS, instrument, received, docRow } from './rows.mjs';
instrument();
const app = document.getElementById('app');
for (const row of ROWS) {
  const div = docRow(row);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'pick';
  button.dataset.control = '';
  button.textContent = 'Pilih berkas';
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = row.accept;
  input.style.display = 'none';
  button.addEventListener('click', () => input.click());
  const chosen = document.createElement('span');
  chosen.className = 'chosen';
  chosen.textContent = 'Belum ada berkas';
  input.addEventListener('change', () => {
    const f = input.files[0];
    if (!f) return;
    received(row.key, f);
    chosen.textContent = 'Diunggah: ' + f.name;
    input.value = '';
  });
  div.append(button, input, chosen);
  app.append(div);
}
