// A form in the habits of older government sites: a three-column "label | : | control" table with
// numbering, "*" and "(wajib)" beside the labels, one label for two controls ("Tempat / Tgl. Lahir"),
// radios labelled by the text right of them, "+62" and "Rp" fixed outside the inputs, education in
// th/td rows, a work history labelled only by column headers with a "masih bekerja" checkbox whose
// text is right of it, and a NIK input masked by imask (it regroups the digits on every input).
import 'bootstrap/dist/css/bootstrap.min.css';
import IMask from 'imask';
import { guard, recordPlain } from './common.mjs';

guard();
recordPlain();
IMask(document.querySelector('[data-mask=nik]'), { mask: '0000 0000 0000 0000' });
