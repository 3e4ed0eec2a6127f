// Bootstrap 5 grid: each label is plain text in the column left of its input (no <label>, no
// name hints), the commonest layout on Indonesian government sites.
import 'bootstrap/dist/css/bootstrap.min.css';
import { guard, recordPlain } from './common.mjs';

guard();
recordPlain();
