// element-plus el-upload in Vue 3 (templates compiled in the page): three rows with a button
// trigger, three with `drag`; auto-upload off, the site takes the file in on-change (el-upload
// then clears its input).
import { createApp, h } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import { ROWS, instrument, received } from './rows.mjs';
instrument();

const app = createApp({
  data: () => ({ rows: ROWS.map((r, i) => ({ ...r, drag: i >= 3 })) }),
  methods: {
    take(row, file) {
      received(row.key, file.raw);
    },
  },
  template: `
    <div v-for="row in rows" :key="row.key" class="doc" :data-row="row.key">
      <h2>{{ row.title }}</h2>
      <p class="rule">{{ row.rule }}</p>
      <el-upload v-if="row.drag" drag :accept="row.accept" :auto-upload="false" :on-change="(f) => take(row, f)">
        <div class="el-upload__text" data-control>Seret berkas ke sini atau <em>klik untuk memilih</em></div>
      </el-upload>
      <el-upload v-else :accept="row.accept" :auto-upload="false" :on-change="(f) => take(row, f)">
        <el-button type="primary" data-control>Pilih Berkas</el-button>
      </el-upload>
    </div>`,
});
void h;
app.use(ElementPlus);
app.mount('#app');
