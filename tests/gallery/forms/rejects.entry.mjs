// A page that does not take everything it is given: its NIK field keeps only 10 characters (its
// own input handler cuts the rest), its e-mail field is cleared by the page on change, and its
// location list does not offer the profile's location. The extension must say so.
import 'bootstrap/dist/css/bootstrap.min.css';
import { guard, recordPlain } from './common.mjs';

guard();
recordPlain();
const nik = document.querySelector('[data-k=nik]');
nik.addEventListener('input', () => {
  nik.value = nik.value.slice(0, 10);
});
const email = document.querySelector('[data-k=email]');
email.addEventListener('change', () => {
  email.value = '';
});
