// Labelled for assistive technology only: aria-label / aria-labelledby, generated ids and names,
// no visible label text next to the inputs.
import 'bootstrap/dist/css/bootstrap.min.css';
import { guard, recordPlain } from './common.mjs';

guard();
recordPlain();
