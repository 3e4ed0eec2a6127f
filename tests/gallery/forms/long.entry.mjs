// A long registration form of 60 controls (data diri, address details, parents, education,
// formasi, four jobs) in the Bootstrap grid layout: the benchmark's page for collect + plan.
import 'bootstrap/dist/css/bootstrap.min.css';
import { guard, recordPlain } from './common.mjs';

const SECTIONS = [
  ['Data Diri', ['Nomor Induk Kependudukan', 'Nomor Kartu Keluarga', 'Nama Lengkap', 'Gelar Depan', 'Gelar Belakang', 'Kota Kelahiran', 'Tanggal Lahir (DD-MM-YYYY)',
    'Jenis Kelamin', 'Agama', 'Status Perkawinan', 'No. HP / WhatsApp', 'Surel', 'Tinggi Badan (cm)', 'NPWP']],
  ['Alamat', ['Alamat Domisili', 'RT', 'RW', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Kelurahan/Desa', 'Kode Pos', 'Telepon Rumah']],
  ['Orang Tua', ['Nama Ayah', 'Nama Ibu Kandung', 'Pekerjaan Ayah', 'Pekerjaan Ibu']],
  ['Pendidikan', ['Jenjang Pendidikan', 'Program Studi', 'Perguruan Tinggi', 'Nomor Ijazah', 'Tanggal Ijazah', 'IPK', 'Tahun Lulus']],
  ['Formasi', ['Instansi', 'Jabatan yang Dilamar', 'Lokasi Penempatan', 'Jenis Formasi', 'Lokasi Ujian']],
];
const JOB = ['Instansi/Perusahaan', 'Jabatan', 'Mulai Bekerja', 'Sampai', 'Gaji Terakhir'];
const form = document.getElementById('f');
const row = (label, k) => {
  const r = document.createElement('div');
  r.className = 'row mb-2';
  const l = document.createElement('div');
  l.className = 'col-4';
  l.textContent = label;
  const c = document.createElement('div');
  c.className = 'col-8';
  const input = document.createElement(/alamat/i.test(label) ? 'textarea' : 'input');
  input.className = 'form-control';
  input.setAttribute('data-k', k);
  c.append(input);
  r.append(l, c);
  return r;
};
const card = (title, rows) => {
  const el = document.createElement('div');
  el.className = 'card mb-3';
  const h = document.createElement('div');
  h.className = 'card-header';
  h.textContent = title;
  const b = document.createElement('div');
  b.className = 'card-body';
  b.append(...rows);
  el.append(h, b);
  return el;
};
for (const [title, labels] of SECTIONS) form.append(card(title, labels.map((l, i) => row(l, `${title}.${i}`))));
for (let j = 0; j < 4; j++) form.append(card(`Riwayat Pekerjaan ${j + 1}`, JOB.map((l, i) => row(l, `job${j}.${i}`))));
form.append(row('Kode Keamanan', 'captcha'));
guard();
recordPlain();
window.__controls = () => document.querySelectorAll('input, select, textarea').length;
