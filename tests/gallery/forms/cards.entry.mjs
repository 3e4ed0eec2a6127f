// Labels above inputs in Bootstrap cards, written as plain text (not <label>); each job in its own card.
import 'bootstrap/dist/css/bootstrap.min.css';
import { guard, recordPlain } from './common.mjs';

guard();
recordPlain();
