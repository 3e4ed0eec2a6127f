// The rules as a page states them (issue 23), in antd (React 19): a general notice at the top of the
// step governs every PDF row that states nothing ("Ketentuan umum: setiap berkas PDF maksimal 300
// KB…"); rows that state their own limit override it, written in many ways ("— 800KB", "maks. 0,2
// MB", "paling besar 500 kilobyte"); a table of pictures whose header states their limit; and the
// e-Meterai rows: a document's own "Unggah" for the stamped letter beside a button for a PDF that
// has no e-Meterai yet, a control for a file to be stamped, and a row that does not say which.
import { createRoot } from 'react-dom/client';
import { Upload, Button, Card, Alert, ConfigProvider } from 'antd';
import { instrument, received } from './rows.mjs';
instrument();

export const RULE_ROWS = {
  notice: [
    { key: 'transkrip', title: 'Transkrip Nilai', rule: 'Transkrip asli dipindai (PDF)', accept: '.pdf' },
    { key: 'ijazah', title: 'Ijazah', rule: 'Scan ijazah asli (PDF) — 800KB', accept: '.pdf' },
    { key: 'pendukung', title: 'Sertifikat Pendidik', rule: 'Format PDF, maks. 0,2 MB', accept: '.pdf' },
    { key: 'surat_keterangan', title: 'Surat Keterangan Sehat', rule: 'PDF, ukuran file paling besar 500 kilobyte', accept: '.pdf' },
  ],
  table: [
    { key: 'pas_foto', title: 'Pas Foto', rule: 'Latar belakang merah', accept: '.jpg,.jpeg' },
    { key: 'ktp', title: 'KTP', rule: 'KTP asli berwarna, tidak melebihi 100 KB', accept: '.jpg,.jpeg' },
  ],
  stamps: [
    { key: 'surat_lamaran', title: 'Surat Lamaran', rule: 'Surat lamaran yang telah ditandatangani dan dibubuhkan e-Meterai, maksimal 1 MB', accept: '.pdf', button: 'Unggah', beside: ['Unggah PDF yang belum ada e-Meterai', 'Cek Riwayat Pembubuhan'] },
    { key: 'surat_pernyataan', title: 'Surat Pernyataan', rule: 'Surat pernyataan bermeterai, maksimal 1 MB', accept: '.pdf', button: 'Unggah PDF yang belum ada e-Meterai' },
    { key: 'surat_pernyataan_5', title: 'Surat Pernyataan 5 Poin', rule: 'Format PDF, e-Meterai, maksimal 1 MB', accept: '.pdf', button: 'Unggah' },
  ],
};
window.__rows = Object.values(RULE_ROWS).flat().map((r) => r.key);

const pick = (row, label) => (
  <Upload accept={row.accept} maxCount={1} beforeUpload={(file) => { received(row.key, file); return false; }}>
    <Button type="primary" data-control="">{label || 'Pilih Berkas'}</Button>
  </Upload>
);

function CardRow({ row }) {
  return (
    <div className="doc" data-row={row.key}>
      <h2>{row.title}</h2>
      <p className="rule">{row.rule}</p>
      <div className="flexrow">
        {pick(row, row.button)}
        {(row.beside || []).map((b) => <Button key={b} onClick={() => {}}>{b}</Button>)}
      </div>
    </div>
  );
}

createRoot(document.getElementById('app')).render(
  <ConfigProvider>
    <Alert type="info" showIcon message="Ketentuan umum: setiap berkas PDF maksimal 300 KB kecuali disebutkan lain pada dokumen" style={{ marginBottom: 12 }} />
    <Card title="Dokumen pendidikan" style={{ marginBottom: 16 }}>
      {RULE_ROWS.notice.map((row) => <CardRow key={row.key} row={row} />)}
    </Card>
    <Card title="Foto dan identitas" style={{ marginBottom: 16 }}>
      <table className="docs">
        <thead><tr><th colSpan={3}>Berkas gambar: format JPG, ukuran tidak melebihi 150 KB</th></tr></thead>
        <tbody>
          {RULE_ROWS.table.map((row) => (
            <tr key={row.key} data-row={row.key}>
              <td><strong>{row.title}</strong></td>
              <td className="rule">{row.rule}</td>
              <td>{pick(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
    <Card title="Dokumen ber-e-Meterai">
      {RULE_ROWS.stamps.map((row) => <CardRow key={row.key} row={row} />)}
    </Card>
  </ConfigProvider>,
);
