// A stamping page made of vue-pdf-embed and vue3-draggable-resizable, as Vue portals build it.
// mode=single: one page at a time (`page` prop), "Halaman 2 dari 3" and buttons.
// mode=stacked: every page in one scrolling column (no `page` prop); the stamp lies over the
// column, and at drag end the page under the stamp's centre is the signature page.
// The page stores the position from the drag-end payload ({x, y}) and converts it to PDF points
// (visLLX…, visSignaturePage) into window.__placement. zoom: render width factor.
import { createApp, ref, shallowRef, nextTick } from 'vue';
import VuePdfEmbed from 'vue-pdf-embed';
import VdrModule from 'vue3-draggable-resizable';
import 'vue3-draggable-resizable/dist/Vue3DraggableResizable.css';

// The package is CommonJS: from an .mjs entry the default import is its whole exports object.
const Vue3DraggableResizable = VdrModule.default || VdrModule;
const q = new URLSearchParams(location.search);
const MODE = q.get('mode') === 'stacked' ? 'stacked' : 'single';
const ZOOM = Number(q.get('zoom')) || 1;
const WIDTH = Math.round(476 * ZOOM);
const STAMP_PT = 100;
window.__gallery = { rendered: null, drags: 0, kind: `vue-pdf-embed ${MODE}` };
window.__placement = null;

const app = createApp({
  components: { VuePdfEmbed, Vue3DraggableResizable },
  setup() {
    const source = shallowRef(null);
    const page = ref(1);
    const pages = ref(0);
    const size = ref(null); // page size in points (all pages of a letter are alike)
    const stampPx = ref(Math.round((STAMP_PT * WIDTH) / 595.28));
    const x = ref(8);
    const y = ref(8);
    const column = ref(null);
    const onLoaded = async (doc) => {
      pages.value = doc.numPages;
      const first = await doc.getPage(1);
      const vp = first.getViewport({ scale: 1 });
      size.value = { width: vp.width, height: vp.height };
      stampPx.value = (STAMP_PT * WIDTH) / vp.width;
    };
    const onRendered = () => {
      window.__gallery.rendered = { page: MODE === 'single' ? page.value : 'all', pages: pages.value };
    };
    const go = (n) => {
      if (n >= 1 && n <= pages.value) {
        window.__gallery.rendered = null;
        page.value = n;
      }
    };
    document.getElementById('pdf').addEventListener('change', async (e) => {
      const f = e.target.files[0];
      if (!f) return;
      window.__gallery.rendered = null;
      page.value = 1;
      x.value = 8;
      y.value = 8;
      source.value = new Uint8Array(await f.arrayBuffer());
    });
    const onDragEnd = async ({ x: px, y: py }) => {
      await nextTick();
      const canvases = [...column.value.querySelectorAll('canvas')];
      const col = column.value.getBoundingClientRect();
      const s = stampPx.value;
      // Which page the stamp's centre is on (stacked), and the stamp's offset on that page.
      let n = page.value;
      let c = canvases[0];
      if (MODE === 'stacked') {
        const cy = py + s / 2;
        const i = canvases.findIndex((cv) => {
          const top = cv.getBoundingClientRect().top - col.top;
          return cy >= top && cy <= top + cv.getBoundingClientRect().height;
        });
        if (i < 0) return;
        n = i + 1;
        c = canvases[i];
      }
      const r = c.getBoundingClientRect();
      const ox = r.left - col.left;
      const oy = r.top - col.top;
      const k = size.value.width / r.width;
      const llx = (px - ox) * k;
      const ury = size.value.height - (py - oy) * k;
      const w = s * k;
      window.__gallery.drags++;
      window.__placement = { page: n, llx: +llx.toFixed(2), lly: +(ury - w).toFixed(2), urx: +(llx + w).toFixed(2), ury: +ury.toFixed(2) };
      const p = window.__placement;
      document.getElementById('out').textContent = `visSignaturePage=${p.page} visLLX=${p.llx} visLLY=${p.lly} visURX=${p.urx} visURY=${p.ury}`;
    };
    return { MODE, WIDTH, source, page, pages, stampPx, x, y, column, onLoaded, onRendered, go, onDragEnd };
  },
  template: `
    <div v-if="source">
      <div class="toolbar" v-if="MODE === 'single'">
        <button type="button" @click="go(page - 1)" :disabled="page <= 1">‹ Sebelumnya</button>
        <span>Halaman {{ page }} dari {{ pages }}</span>
        <button type="button" @click="go(page + 1)" :disabled="page >= pages">Berikutnya ›</button>
      </div>
      <div class="column" ref="column">
        <vue-pdf-embed v-if="MODE === 'single'" :source="source" :page="page" :width="WIDTH" @loaded="onLoaded" @rendered="onRendered" />
        <vue-pdf-embed v-else :source="source" :width="WIDTH" @loaded="onLoaded" @rendered="onRendered" />
        <Vue3DraggableResizable :initW="stampPx" :initH="stampPx" :w="stampPx" :h="stampPx" v-model:x="x" v-model:y="y"
          :draggable="true" :resizable="false" @drag-end="onDragEnd" class="stamp-box" title="e-Meterai">
          <img src="./meterai.svg" alt="e-Meterai" style="width:100%;height:100%;pointer-events:none" draggable="false">
        </Vue3DraggableResizable>
      </div>
    </div>`,
});
app.mount('#app');
