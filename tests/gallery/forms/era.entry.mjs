// A definition-list (dt/dd) form: the date of birth as three selects (day, Indonesian month names,
// year) under one caption, gender as "L"/"P", the mobile number typed after a fixed "+62" and masked
// by imask ("812-3456-7890"), a unit shown after the IPK ("/ 4,00"), levels spelled "S-1", "D-IV".
import 'bootstrap/dist/css/bootstrap.min.css';
import IMask from 'imask';
import { guard, recordPlain } from './common.mjs';

const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const fill = (k, items) => document.querySelector(`[data-k=${k}]`).append(...items.map(([v, t]) => new Option(t, v)));
fill('lahir_d', Array.from({ length: 31 }, (_, i) => [String(i + 1), String(i + 1).padStart(2, '0')]));
fill('lahir_m', BULAN.map((m, i) => [String(i + 1), m]));
fill('lahir_y', Array.from({ length: 50 }, (_, i) => [String(2008 - i), String(2008 - i)]));
guard();
const state = recordPlain();
// The page's own code joins the three parts, as such forms do before sending.
document.addEventListener('change', () => {
  const [d, m, y] = ['lahir_d', 'lahir_m', 'lahir_y'].map((k) => state[k]);
  if (d && m && y) state.tanggal_lahir = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
});
IMask(document.querySelector('[data-mask=hp]'), { mask: '000-0000-00000' });
