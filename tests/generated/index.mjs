// The generated page corpus: for a flow and a seed, the page (HTML that loads the flow's page
// module with the drawn spec) and the dimensions it was drawn from. Served by tests/e2e/server.mjs
// at https://<real host>/generated/<flow>.html?seed=N; driven by tests/generated/run.mjs.
import * as upload from './upload.mjs';
import * as stamp from './stamp.mjs';
import * as fill from './fill.mjs';

export const FLOWS = { upload, stamp, fill };

const TITLE = { upload: 'Unggah Dokumen', stamp: 'Pembubuhan e-Meterai', fill: 'Formulir Pendaftaran' };

/** The page for `flow` and `seed` as HTML (the spec inlined as JSON; no `<` inside it). */
export function pageHtml(flow, seed) {
  const { spec } = FLOWS[flow].generate(seed);
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8">${flow === 'stamp' ? '<base href="/gallery/stamping/">' : ''}<title>${TITLE[flow]} — halaman ${seed}</title>
<link rel="stylesheet" href="/generated/pages/generated.css"></head>
<body><div class="wrap"><h1>${TITLE[flow]}</h1><div id="app"></div></div>
<script type="application/json" id="gen-spec">${json}</script>
<script type="module" src="/generated/pages/${flow}.mjs"></script>
</body></html>`;
}
