// A generated stamping page: the drawn viewer's markup, then the stamping gallery's own bundle for
// it (built by scripts/build-galleries.mjs from tests/gallery/stamping/), with the drawn query.
import { spec } from './common.mjs';

const BODY = {
  dnd: `<div class="layout"><div class="palette"><p>Seret e-Meterai ke dokumen</p><img id="paletteStamp" src="/gallery/stamping/meterai.svg" alt="e-Meterai" draggable="true"></div><div class="pages" id="pages"></div></div><pre id="out"></pre>`,
  frame: `<p>Posisikan e-Meterai di samping tanda tangan pada penampil di bawah, lalu klik Simpan.</p><iframe id="viewerFrame" src="/gallery/stamping/viewer-frame.html" title="Penampil dokumen"></iframe><button type="button" id="simpan">Simpan</button>`,
  other: `<p>Posisikan e-Meterai di samping tanda tangan, lalu klik Simpan.</p><div id="app"></div><pre id="out"></pre>`,
};
// The gallery's own style sheets (vue's bundle imports the draggable component's CSS).
for (const sheet of ['stamping', ...(spec.script === 'vue' ? ['vue'] : [])]) {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = `/gallery/stamping/${sheet}.css`;
  document.head.append(css);
  await new Promise((r) => css.addEventListener('load', r, { once: true }));
}
// The gallery scripts read their options from the address and resolve their assets from it.
history.replaceState(null, '', `${location.pathname}?${spec.query}&seed=${spec.seed}${location.search.includes('sscasn-lang') ? '&sscasn-lang=' + new URLSearchParams(location.search).get('sscasn-lang') : ''}`);
const wrap = document.querySelector('.wrap');
// Test markup from this module's own constants (no page or file data).
wrap.innerHTML = `<h1>Pembubuhan e-Meterai</h1><p><label for="pdf">Pilih dokumen PDF untuk pembubuhan e-Meterai (maks. 2 MB)</label>
<input type="file" id="pdf" accept="application/pdf"></p>${BODY[spec.script] || BODY.other}`;
await import(`/gallery/stamping/${spec.script}.js`);
window.__gen = { ready: true };
