#!/bin/sh
# Documents for the "Persiapan dokumen" mixed set (tests/prepare/files/): an ijazah, a transcript,
# a letter-spaced surat pernyataan, a surat lamaran that lists its enclosures and a certificate,
# printed by headless Chromium; an ID-card-shaped JPEG drawn by ImageMagick. The files are
# committed; run this only to regenerate them.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/tests/prepare/files"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
CSS='body{font-family:"DejaVu Serif",serif;font-size:12pt;margin:2.5cm}h1{text-align:center;font-size:22pt}table{border-collapse:collapse}td{border:1px solid #444;padding:2px 8px}'
page() { # name, body html
  printf '<!doctype html><html><head><meta charset="utf-8"><style>@page{size:A4}%s</style></head><body>%s</body></html>' "$CSS" "$2" > "$TMP/$1.html"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$TMP/profile" \
    --print-to-pdf="$OUT/$1.pdf" "$TMP/$1.html" 2>/dev/null
}
page ijazah_chromium '<p style="text-align:center">KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI<br>UNIVERSITAS NEGERI CONTOH</p><h1>IJAZAH</h1><p style="text-align:center">Nomor: 123/UNC/S1/2023</p><p>Dengan ini menyatakan bahwa <b>BUDI SANTOSO</b>, lahir di Jakarta, 1 Januari 2000, telah menyelesaikan pendidikan pada Program Studi Teknik Informatika dan kepadanya diberikan gelar <b>Sarjana Komputer (S.Kom.)</b> beserta segala hak dan kewajiban yang melekat pada gelar tersebut.</p><p style="margin-top:3cm;text-align:right">Jakarta, 30 Agustus 2023<br>Rektor</p>'
page transkrip_chromium '<p style="text-align:center">UNIVERSITAS NEGERI CONTOH<br>FAKULTAS ILMU KOMPUTER</p><h1>TRANSKRIP AKADEMIK</h1><p>Nama: BUDI SANTOSO &nbsp; NIM: 1901234 &nbsp; Nomor Ijazah: 123/UNC/S1/2023</p><table><tr><td>Kode</td><td>Mata Kuliah</td><td>SKS</td><td>Nilai</td></tr><tr><td>IF101</td><td>Algoritma dan Pemrograman</td><td>4</td><td>A</td></tr><tr><td>IF102</td><td>Struktur Data</td><td>3</td><td>A-</td></tr><tr><td>IF201</td><td>Basis Data</td><td>3</td><td>B+</td></tr><tr><td>IF301</td><td>Rekayasa Perangkat Lunak</td><td>3</td><td>A</td></tr></table><p>Jumlah SKS: 144<br>Indeks Prestasi Kumulatif (IPK): 3,45</p>'
page surat_pernyataan_spaced '<h1 style="letter-spacing:0.4em;font-size:16pt">SURAT PERNYATAAN</h1><p>Yang bertanda tangan di bawah ini:</p><p>Nama: SITI AMINAH<br>NIK: 3273012345670002<br>Alamat: Jl. Merdeka No. 10, Bandung</p><p>dengan ini menyatakan dengan sesungguhnya bahwa saya tidak pernah dipidana penjara, tidak pernah diberhentikan dengan tidak hormat sebagai PNS, dan tidak berkedudukan sebagai calon PNS atau PNS. Apabila di kemudian hari pernyataan ini tidak benar, saya bersedia dituntut sesuai hukum.</p><p style="margin-top:1cm;margin-left:9cm">Bandung, 3 September 2024<br>Yang membuat pernyataan,<br><br><br><br>SITI AMINAH</p>'
page surat_lamaran_lampiran '<p style="text-align:right">Jakarta, 12 Agustus 2024</p><p>Hal: Surat Lamaran CPNS 2024<br>Lampiran: 5 berkas</p><p>Kepada Yth.<br>Panitia Seleksi CASN Kementerian Contoh<br>di Jakarta</p><p>Dengan hormat, saya yang bertanda tangan di bawah ini mengajukan lamaran sebagai Pranata Komputer Ahli Pertama. Bersama ini saya lampirkan:</p><ol><li>Fotokopi ijazah S-1 yang dilegalisir</li><li>Transkrip nilai</li><li>Fotokopi KTP (Kartu Tanda Penduduk)</li><li>Pas foto berlatar merah</li><li>Surat pernyataan bermeterai</li></ol><p>Demikian surat ini saya buat dengan sebenarnya.</p><p style="margin-left:9cm">Hormat saya,<br><br><br><br>BUDI SANTOSO</p>'
page sertifikat_toefl '<h1>SERTIFIKAT</h1><p style="text-align:center">Test of English as a Foreign Language (TOEFL ITP)</p><p style="text-align:center">diberikan kepada<br><b>BUDI SANTOSO</b><br>Skor: 520</p>'
# An ID card drawn on a canvas and saved as JPEG by Chromium (85.6 x 54 mm at 10 px/mm).
cat > "$TMP/ktp.html" <<'HTML'
<!doctype html><body><script>
const c = document.createElement('canvas'); c.width = 856; c.height = 540;
const g = c.getContext('2d');
g.fillStyle = '#a9cbe8'; g.fillRect(0, 0, 856, 540);
g.fillStyle = '#f4f4f4'; g.fillRect(20, 20, 816, 500);
g.fillStyle = '#cc3333'; g.fillRect(640, 150, 160, 210);
g.fillStyle = '#000'; g.font = '26px sans-serif'; g.fillText('PROVINSI DKI JAKARTA', 230, 60);
g.font = '22px sans-serif'; g.fillText('NIK : 3171234567890001', 40, 130); g.fillText('Nama : BUDI SANTOSO', 40, 180);
document.body.textContent = 'DATA:' + c.toDataURL('image/jpeg', 0.85).split(',')[1] + ':END';
</script></body>
HTML
chromium --headless --no-sandbox --disable-gpu --user-data-dir="$TMP/profile" --dump-dom "$TMP/ktp.html" 2>/dev/null \
  | sed -n 's/.*DATA:\([A-Za-z0-9+/=]*\):END.*/\1/p' | base64 -d > "$OUT/ktp_card.jpg"
ls -la "$OUT"
