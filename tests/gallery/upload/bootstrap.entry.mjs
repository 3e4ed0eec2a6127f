// Bootstrap 5: the documents in a table, a form-control file input in each row's cell.
import 'bootstrap/dist/css/bootstrap.min.css';
import { ROWS, instrument, received } from './rows.mjs';
instrument();
const table = document.createElement('table');
table.className = 'table table-bordered align-middle bg-white';
const head = table.createTHead().insertRow();
for (const t of ['No', 'Dokumen', 'Berkas', 'Status']) {
  const th = document.createElement('th');
  th.textContent = t;
  head.append(th);
}
const body = table.createTBody();
ROWS.forEach((row, i) => {
  const tr = body.insertRow();
  tr.dataset.row = row.key;
  tr.insertCell().textContent = String(i + 1);
  const doc = tr.insertCell();
  const b = document.createElement('strong');
  b.textContent = row.title;
  const small = document.createElement('div');
  small.className = 'form-text';
  small.textContent = row.rule;
  doc.append(b, small);
  const cell = tr.insertCell();
  cell.style.width = '38%';
  const input = document.createElement('input');
  input.type = 'file';
  input.className = 'form-control form-control-sm';
  input.accept = row.accept;
  input.dataset.control = '';
  cell.append(input);
  const status = tr.insertCell();
  status.textContent = 'Belum diunggah';
  input.addEventListener('change', () => {
    const f = input.files[0];
    if (!f) return;
    received(row.key, f);
    status.textContent = 'Siap: ' + f.name;
    status.className = 'text-success';
  });
});
document.getElementById('app').append(table);
