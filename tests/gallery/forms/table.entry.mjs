// Table layout: each label in the row's <th>/<td> before the input; the work history as a table
// with one row per job and the column headers as the only labels.
import 'bootstrap/dist/css/bootstrap.min.css';
import { guard, recordPlain } from './common.mjs';

guard();
recordPlain();
