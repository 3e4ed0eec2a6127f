// Form pages: where each label sits, the widgets of the date, phone, gender and level, how the
// options are worded, sections and the repeating job rows are drawn independently; the expected
// page state is the profile (tests/fixtures/forms/profile.json) in each control's own terms.
import { drawDimensions } from './random.mjs';

export const DIMENSIONS = {
  labels: ['for', 'wrap', 'aria', 'labelledby', 'left-cell', 'colon-cell', 'above', 'floating', 'placeholder', 'dl', 'th'],
  pair: ['separate', 'one-label'],
  date: ['text', 'native', 'split-num', 'split-name'],
  phone: ['plain', 'prefix', 'mask', 'imask'],
  gender: ['L/P', 'Laki-laki/Perempuan', 'Pria/Wanita', 'codes'],
  level: ['S-1', 'Strata 1 (S1)', 'S1/D4', 'Sarjana (S1)'],
  sections: ['none', 'headings', 'fieldsets'],
  jobs: ['none', 'groups', 'table'],
  // The gender and level choices: native selects, or a component library's widget.
  widget: ['native', 'native', 'react-select', 'el-select', 'antd'],
};

/** Options each wording offers ([value, text]) and the one meaning the profile's value. */
export const GENDER = {
  'L/P': { options: [['L', 'L'], ['P', 'P']], want: 'P' },
  'Laki-laki/Perempuan': { options: [['laki', 'Laki-laki'], ['perempuan', 'Perempuan']], want: 'perempuan' },
  'Pria/Wanita': { options: [['1', 'Pria'], ['2', 'Wanita']], want: '2' },
  codes: { options: [['M', 'Laki-Laki (L)'], ['F', 'Perempuan (P)']], want: 'F' },
};
export const LEVEL = {
  'S-1': { options: [['d3', 'D-III'], ['s1', 'S-1'], ['s2', 'S-2']], want: 's1' },
  'Strata 1 (S1)': { options: [['3', 'Diploma III (D3)'], ['4', 'Strata 1 (S1)'], ['5', 'Strata 2 (S2)']], want: '4' },
  'S1/D4': { options: [['D3', 'D3'], ['S1', 'S1/D4'], ['S2', 'S2']], want: 'S1' },
  'Sarjana (S1)': { options: [['dip', 'Diploma (D3)'], ['sar', 'Sarjana (S1)'], ['mag', 'Magister (S2)']], want: 'sar' },
};

export function generate(seed) {
  const dims = drawDimensions(seed, DIMENSIONS);
  // One visible caption over two controls needs a visible caption: with aria, placeholder or
  // floating labels each control has its own.
  if (['aria', 'labelledby', 'placeholder', 'floating'].includes(dims.labels)) dims.pair = 'separate';
  // The page's state, key by key, as the page's own code keeps it after a right fill.
  const want = {
    nama: 'SITI AMINAH', nik: '3171045708950003', tempat_lahir: 'Jakarta', tanggal_lahir: '1995-08-17', email: 'siti.aminah@example.co.id',
    no_hp: dims.phone === 'prefix' ? '81234567890' : 'phone:81234567890', jenis_kelamin: GENDER[dims.gender].want, jenjang: LEVEL[dims.level].want,
    alamat: 'Jl. Merdeka No. 1, Jakarta Pusat',
  };
  if (dims.jobs !== 'none') Object.assign(want, { 'job0.perusahaan': 'PT Maju Jaya', 'job0.jabatan': 'Programmer', 'job1.perusahaan': 'CV Data Nusantara', 'job1.jabatan': 'Analis Sistem' });
  return { flow: 'fill', seed, dims, spec: { seed, dims, gender: GENDER[dims.gender].options, level: LEVEL[dims.level].options }, expected: { want } };
}

/** The state value `got` is what `want` means ("phone:" compares the national number; dates any d-m-y order). */
export function same(key, want, got) {
  got = String(got ?? '').trim();
  if (want.startsWith('phone:')) return got.replace(/\D/g, '').replace(/^(62|0)/, '') === want.slice(6);
  if (key === 'tanggal_lahir') {
    const m = got.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/) || got.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/);
    if (!m) return false;
    const [y, mo, d] = m[1].length === 4 ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
    return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}` === want;
  }
  return got === want;
}
