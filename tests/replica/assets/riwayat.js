// Repeatable work-history entries ("Tambah" adds one), each recorded as the page's state.
(function () {
  const entries = document.getElementById('entries');
  window.__replica.received.pekerjaan = [];
  function add() {
    const i = window.__replica.received.pekerjaan.length;
    const state = {};
    window.__replica.received.pekerjaan.push(state);
    const f = (name, label, type) => {
      const input = h('input', { class: 'form-control', name: name + '[' + i + ']', id: name + '_' + i, type: type || 'text' });
      input.addEventListener('change', () => { state[name] = input.value; });
      return h('div', { class: 'form-group' }, h('label', { for: name + '_' + i }, label), input);
    };
    entries.append(h('div', { class: 'card' }, h('div', { class: 'card-header' }, 'Riwayat Pekerjaan ' + (i + 1)),
      h('div', { class: 'card-body' }, f('perusahaan', 'Nama Perusahaan/Instansi'), f('jabatan', 'Jabatan'),
        f('tgl_mulai', 'Tanggal Mulai', 'date'), f('tgl_selesai', 'Tanggal Selesai', 'date'), f('gaji', 'Gaji', 'number'))));
  }
  document.getElementById('tambah').addEventListener('click', add);
  add();
  document.getElementById('next').addEventListener('click', () => { window.__replica.submitted = true; });
})();
