// React 19 controlled inputs (state is the only truth: a value the page does not receive through
// onChange is lost on the next render) and react-select with options loaded asynchronously.
import { useState, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import AsyncSelect from 'react-select/async';
import Select from 'react-select';
import { guard, INSTANSI, JABATAN, LOKASI } from './common.mjs';

guard();
const load = (list) => (input) =>
  new Promise((resolve) => setTimeout(() => resolve(list.filter((x) => x.toLowerCase().includes(input.toLowerCase())).map((x) => ({ value: x, label: x }))), 300));

function Field({ id, label, children }) {
  return (
    <div className="row">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

function App() {
  const [data, setData] = useState({ nik: '', no_kk: '', nama: '', tempat_lahir: '', tanggal_lahir: '', jenis_kelamin: null, no_hp: '', email: '', alamat: '' });
  const [formasi, setFormasi] = useState({ instansi: null, jabatan: null, lokasi: null });
  const [jobs, setJobs] = useState([{ perusahaan: '', jabatan: '', mulai: '', selesai: '', gaji: '' }]);
  const snapshot = useRef();
  snapshot.current = { data, formasi, jobs };
  window.__state = () => {
    const { data, formasi, jobs } = snapshot.current;
    const out = { ...data, jenis_kelamin: data.jenis_kelamin && data.jenis_kelamin.value };
    for (const k of Object.keys(formasi)) out[k] = formasi[k] && formasi[k].value;
    jobs.forEach((j, i) => Object.entries(j).forEach(([k, v]) => (out[`job${i}.${k}`] = v)));
    return out;
  };
  const text = (k, type = 'text', extra = {}) => (
    <input id={`rf-${k}`} type={type} value={data[k]} onChange={(e) => setData({ ...data, [k]: e.target.value })} {...extra} />
  );
  const job = (i, k, type = 'text') => (
    <input id={`job-${i}-${k}`} type={type} value={jobs[i][k]} onChange={(e) => setJobs(jobs.map((j, n) => (n === i ? { ...j, [k]: e.target.value } : j)))} />
  );
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <h2>Data Diri</h2>
      <Field id="rf-nik" label="NIK">{text('nik', 'text', { inputMode: 'numeric', maxLength: 16 })}</Field>
      <Field id="rf-no_kk" label="No. KK">{text('no_kk')}</Field>
      <Field id="rf-nama" label="Nama Lengkap">{text('nama')}</Field>
      <Field id="rf-tempat_lahir" label="Tempat Lahir">{text('tempat_lahir')}</Field>
      <Field id="rf-tanggal_lahir" label="Tanggal Lahir">{text('tanggal_lahir', 'date')}</Field>
      <Field id="rs-jk" label="Jenis Kelamin">
        <Select inputId="rs-jk" options={[{ value: 'L', label: 'Laki-laki' }, { value: 'P', label: 'Perempuan' }]} value={data.jenis_kelamin}
          onChange={(v) => setData({ ...data, jenis_kelamin: v })} placeholder="Pilih..." />
      </Field>
      <Field id="rf-no_hp" label="Nomor HP">{text('no_hp', 'tel', { placeholder: '08xx-xxxx-xxxx' })}</Field>
      <Field id="rf-email" label="Email">{text('email', 'email')}</Field>
      <Field id="rf-alamat" label="Alamat">
        <textarea id="rf-alamat" value={data.alamat} onChange={(e) => setData({ ...data, alamat: e.target.value })} />
      </Field>
      <h2>Formasi</h2>
      {[['instansi', 'Instansi', INSTANSI], ['jabatan', 'Jabatan', JABATAN], ['lokasi', 'Lokasi', LOKASI]].map(([k, label, list]) => (
        <Field key={k} id={`rs-${k}`} label={label}>
          <AsyncSelect inputId={`rs-${k}`} cacheOptions loadOptions={load(list)} value={formasi[k]} onChange={(v) => setFormasi((f) => ({ ...f, [k]: v }))}
            placeholder="Ketik untuk mencari..." />
        </Field>
      ))}
      <h2>Riwayat Pekerjaan</h2>
      {jobs.map((_, i) => (
        <fieldset key={i} className="job">
          <legend>Pekerjaan {i + 1}</legend>
          <Field id={`job-${i}-perusahaan`} label="Nama Instansi/Perusahaan">{job(i, 'perusahaan')}</Field>
          <Field id={`job-${i}-jabatan`} label="Jabatan">{job(i, 'jabatan')}</Field>
          <Field id={`job-${i}-mulai`} label="Tanggal Mulai">{job(i, 'mulai', 'date')}</Field>
          <Field id={`job-${i}-selesai`} label="Tanggal Selesai">{job(i, 'selesai', 'date')}</Field>
          <Field id={`job-${i}-gaji`} label="Gaji">{job(i, 'gaji', 'number')}</Field>
        </fieldset>
      ))}
      <button type="button" onClick={() => setJobs([...jobs, { perusahaan: '', jabatan: '', mulai: '', selesai: '', gaji: '' }])}>+ Tambah Pekerjaan</button>
      <div className="row">
        <label htmlFor="captcha">Captcha <b>Qm3x</b></label>
        <input id="captcha" data-guard="captcha" />
      </div>
      <button type="submit">Simpan Permanen</button>
    </form>
  );
}

createRoot(document.getElementById('root')).render(<App />);
