// Upload pages: a page is drawn from independent dimensions, and its expected verdicts follow from
// the same draws (the limit each row is governed by, which file each row gets).
import { drawDimensions, seeded } from './random.mjs';

export const DIMENSIONS = {
  shell: ['plain', 'react', 'vue', 'lit', 'iframe', 'route'],
  control: ['visible', 'label', 'hidden', 'dropzone', 'cleared', 'replaced', 'removed', 'recreated'],
  ruleAt: ['row', 'header', 'notice', 'title', 'none'],
  phrasing: ['maks', 'maksimal-mb', 'tidak-lebih', 'paling-besar', 'le', 'max', 'hingga-dotted', 'sd', 'tidak-melebihi-mb'],
  layout: ['cards', 'table', 'dl', 'accordion', 'modal'],
  // What names the documents before their rows: a checklist of what is required, tabs naming
  // document kinds (one is a short word that only starts a title: "Transkrip"), or both.
  preface: ['none', 'checklist', 'tabs', 'both'],
};

/** The document rows (the core's document types and their default limits when the page states none). */
const ROWS = [
  { key: 'ijazah', title: 'Ijazah', what: 'Ijazah asli dipindai, format PDF', defaultKb: 800, okFile: 'scans/scan_small.pdf' },
  { key: 'transkrip', title: 'Transkrip Nilai', what: 'Transkrip nilai asli (PDF)', defaultKb: 500, okFile: 'letters/surat_lamaran_std14.pdf' },
];

/** A limit phrase as pages write it, and the KB it means (the core's limit grammar). */
function phrase(kind, rng) {
  const kb = rng.pick([300, 400, 600, 700]);
  switch (kind) {
    case 'maks': return { text: `Maks. ${kb} KB`, kb };
    case 'maksimal-mb': return rng.chance(0.5) ? { text: 'maksimal 0,5 MB', kb: 512 } : { text: 'maksimal 1 MB', kb: 1024 };
    case 'tidak-lebih': return { text: `ukuran tidak lebih dari ${kb}KB`, kb };
    case 'paling-besar': return { text: `ukuran paling besar ${kb} kB`, kb };
    case 'le': return { text: `ukuran ≤ ${kb} KB`, kb };
    case 'max': return { text: `max ${kb}KB`, kb };
    case 'hingga-dotted': return { text: 'ukuran hingga 1.024 KB', kb: 1024 };
    case 'sd': return { text: `ukuran berkas s.d. ${kb} KB`, kb };
    case 'tidak-melebihi-mb': return { text: 'tidak melebihi 2 MB', kb: 2048 };
    default: throw new Error(kind);
  }
}

export function generate(seed) {
  const dims = drawDimensions(seed, DIMENSIONS);
  const rng = seeded(seed);
  const shared = phrase(dims.phrasing, rng('limit'));
  const overRow = rng('over').int(0, ROWS.length - 1);
  const rows = ROWS.map((row, i) => {
    // Row-level rules differ per row; a header or notice governs both.
    const rule = ['row', 'title'].includes(dims.ruleAt) ? (i === 0 ? shared : phrase(dims.phrasing, rng(`limit${i}`))) : shared;
    const limitKb = dims.ruleAt === 'none' ? row.defaultKb : rule.kb;
    const over = i === overRow || rng(`over${i}`).chance(0.3);
    const file = over
      ? { src: 'letters/surat_lamaran_std14.pdf', name: `besar_${row.key}_${seed}.pdf`, padKb: limitKb + 100 }
      : { src: row.okFile, name: `lulus_${row.key}_${seed}.pdf`, padKb: 0 };
    return { key: row.key, title: row.title, what: row.what, rule: dims.ruleAt === 'none' ? null : rule.text, limitKb, file,
      expect: over ? { state: 'error', summary: `^Ukuran ${limitKb + 100} KB melebihi batas ${limitKb} KB` } : { state: 'ok', summary: '^Siap diunggah\\.$' } };
  });
  return { flow: 'upload', seed, dims, spec: { seed, dims, rows, rule: dims.ruleAt === 'none' ? null : shared.text } };
}
