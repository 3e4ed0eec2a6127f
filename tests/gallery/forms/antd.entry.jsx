// antd Form: Input, Select (searchable), DatePicker typed in DD-MM-YYYY, Radio.Group and a
// Form.List of two jobs; the form store is what the page received.
import { createRoot } from 'react-dom/client';
import { Form, Input, Select, DatePicker, Radio, Button, Card, InputNumber } from 'antd';
import dayjs from 'dayjs';
import { guard, INSTANSI, JABATAN, LOKASI } from './common.mjs';

guard();
const opts = (list) => list.map((x) => ({ value: x, label: x }));
const fmt = 'DD-MM-YYYY';

function App() {
  const [form] = Form.useForm();
  window.__state = () => {
    const v = form.getFieldsValue(true);
    const out = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'jobs') out[k] = dayjs.isDayjs(x) ? x.format('YYYY-MM-DD') : x;
    (v.jobs || []).forEach((j, i) => Object.entries(j || {}).forEach(([k, x]) => (out[`job${i}.${k}`] = dayjs.isDayjs(x) ? x.format('YYYY-MM-DD') : x)));
    return out;
  };
  return (
    <Form form={form} name="daftar" layout="horizontal" labelCol={{ span: 6 }} style={{ maxWidth: 800, margin: 16 }} initialValues={{ jobs: [{}, {}] }}
      onFinish={() => {}}>
      <Card title="Data Diri" style={{ marginBottom: 12 }}>
        <Form.Item label="Nomor Induk Kependudukan" name="nik"><Input /></Form.Item>
        <Form.Item label="Nomor KK" name="no_kk"><Input /></Form.Item>
        <Form.Item label="Nama" name="nama"><Input /></Form.Item>
        <Form.Item label="Tempat Lahir" name="tempat_lahir"><Input /></Form.Item>
        <Form.Item label="Tanggal Lahir" name="tanggal_lahir"><DatePicker format={fmt} placeholder={fmt} /></Form.Item>
        <Form.Item label="Jenis Kelamin" name="jenis_kelamin"><Radio.Group options={[{ value: 'L', label: 'Laki-laki' }, { value: 'P', label: 'Perempuan' }]} /></Form.Item>
        <Form.Item label="Nomor HP" name="no_hp"><Input placeholder="+62 8xx" /></Form.Item>
        <Form.Item label="E-mail" name="email"><Input /></Form.Item>
        <Form.Item label="Alamat Domisili" name="alamat"><Input.TextArea /></Form.Item>
      </Card>
      <Card title="Formasi" style={{ marginBottom: 12 }}>
        <Form.Item label="Instansi" name="instansi"><Select showSearch options={opts(INSTANSI)} placeholder="Pilih instansi" /></Form.Item>
        <Form.Item label="Jabatan" name="jabatan"><Select showSearch options={opts(JABATAN)} placeholder="Pilih jabatan" /></Form.Item>
        <Form.Item label="Lokasi" name="lokasi"><Select options={opts(LOKASI)} placeholder="Pilih lokasi" /></Form.Item>
      </Card>
      <Form.List name="jobs">
        {(fields) =>
          fields.map((f, i) => (
            <Card key={f.key} title={`Riwayat Pekerjaan ${i + 1}`} style={{ marginBottom: 12 }}>
              <Form.Item label="Perusahaan" name={[f.name, 'perusahaan']}><Input /></Form.Item>
              <Form.Item label="Jabatan" name={[f.name, 'jabatan']}><Input /></Form.Item>
              <Form.Item label="Mulai" name={[f.name, 'mulai']}><DatePicker format={fmt} placeholder={fmt} /></Form.Item>
              <Form.Item label="Selesai" name={[f.name, 'selesai']}><DatePicker format={fmt} placeholder={fmt} /></Form.Item>
              <Form.Item label="Gaji" name={[f.name, 'gaji']}><InputNumber style={{ width: 200 }} /></Form.Item>
            </Card>
          ))
        }
      </Form.List>
      <Form.Item label="Captcha" name="captcha"><Input data-guard="captcha" /></Form.Item>
      <Form.Item label="Kata Sandi" name="password"><Input.Password /></Form.Item>
      <Button type="primary" htmlType="submit">Simpan Permanen</Button>
    </Form>
  );
}

createRoot(document.getElementById('root')).render(<App />);
