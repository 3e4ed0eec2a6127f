// Vue 3 + element-plus el-form: el-input, el-select filterable remote (options fetched as you
// type), a plain el-select, el-date-picker typed in DD-MM-YYYY; the form model is what Vue received.
import { createApp, reactive, ref } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import { guard, INSTANSI, JABATAN, LOKASI, PENDIDIKAN } from './common.mjs';

guard();
const remote = (list, target) => (query) => {
  target.loading = true;
  setTimeout(() => {
    target.options = list.filter((x) => x.toLowerCase().includes(String(query).toLowerCase())).map((x) => ({ value: x, label: x }));
    target.loading = false;
  }, 250);
};

const app = createApp({
  setup() {
    const form = reactive({ nik: '', no_kk: '', nama: '', tempat_lahir: '', tanggal_lahir: '', jenis_kelamin: '', no_hp: '', email: '', alamat: '',
      pendidikan: '', instansi: '', jabatan: '', lokasi: '', jobs: [{}, {}].map(() => ({ perusahaan: '', jabatan: '', mulai: '', selesai: '' })) });
    const lists = reactive({ instansi: { options: [], loading: false }, jabatan: { options: [], loading: false }, lokasi: { options: [], loading: false }, pendidikan: { options: [], loading: false } });
    const search = { instansi: remote(INSTANSI, lists.instansi), jabatan: remote(JABATAN, lists.jabatan), lokasi: remote(LOKASI, lists.lokasi), pendidikan: remote(PENDIDIKAN, lists.pendidikan) };
    window.__state = () => {
      const out = { ...form };
      delete out.jobs;
      form.jobs.forEach((j, i) => Object.entries(j).forEach(([k, v]) => (out[`job${i}.${k}`] = v)));
      return JSON.parse(JSON.stringify(out));
    };
    const captcha = ref('');
    return { form, lists, search, captcha };
  },
  template: `
  <el-form :model="form" label-width="200px" style="max-width: 820px">
    <el-card header="Data Diri" style="margin-bottom: 12px">
      <el-form-item label="NIK"><el-input v-model="form.nik" maxlength="16" /></el-form-item>
      <el-form-item label="Nomor Kartu Keluarga"><el-input v-model="form.no_kk" /></el-form-item>
      <el-form-item label="Nama Lengkap"><el-input v-model="form.nama" /></el-form-item>
      <el-form-item label="Kota Kelahiran"><el-input v-model="form.tempat_lahir" /></el-form-item>
      <el-form-item label="Tanggal Lahir"><el-date-picker v-model="form.tanggal_lahir" type="date" format="DD-MM-YYYY" value-format="YYYY-MM-DD" placeholder="DD-MM-YYYY" /></el-form-item>
      <el-form-item label="Jenis Kelamin"><el-select v-model="form.jenis_kelamin" placeholder="Pilih">
        <el-option label="Laki-laki" value="L" /><el-option label="Perempuan" value="P" /></el-select></el-form-item>
      <el-form-item label="No. Ponsel"><el-input v-model="form.no_hp" placeholder="08xxxxxxxxxx" /></el-form-item>
      <el-form-item label="Email"><el-input v-model="form.email" type="email" /></el-form-item>
      <el-form-item label="Alamat"><el-input v-model="form.alamat" type="textarea" /></el-form-item>
    </el-card>
    <el-card header="Formasi" style="margin-bottom: 12px">
      <el-form-item v-for="k in ['instansi', 'jabatan', 'lokasi', 'pendidikan']" :key="k" :label="k.charAt(0).toUpperCase() + k.slice(1)">
        <el-select v-model="form[k]" filterable remote :remote-method="search[k]" :loading="lists[k].loading" placeholder="Ketik untuk mencari" style="width: 100%">
          <el-option v-for="o in lists[k].options" :key="o.value" :label="o.label" :value="o.value" />
        </el-select>
      </el-form-item>
    </el-card>
    <el-card v-for="(job, i) in form.jobs" :key="i" :header="'Riwayat Pekerjaan ' + (i + 1)" style="margin-bottom: 12px">
      <el-form-item label="Instansi/Perusahaan"><el-input v-model="job.perusahaan" /></el-form-item>
      <el-form-item label="Jabatan"><el-input v-model="job.jabatan" /></el-form-item>
      <el-form-item label="TMT Mulai"><el-date-picker v-model="job.mulai" type="date" format="DD-MM-YYYY" value-format="YYYY-MM-DD" placeholder="DD-MM-YYYY" /></el-form-item>
      <el-form-item label="Sampai Dengan"><el-date-picker v-model="job.selesai" type="date" format="DD-MM-YYYY" value-format="YYYY-MM-DD" placeholder="DD-MM-YYYY" /></el-form-item>
    </el-card>
    <el-form-item label="Kode Captcha"><el-input v-model="captcha" data-guard="captcha" /></el-form-item>
    <el-button type="primary" native-type="submit">Simpan Permanen</el-button>
  </el-form>`,
});
app.use(ElementPlus).mount('#app');
