(function () {
  const fields = [
    ['nik', 'NIK', 'text'], ['no_kk', 'Nomor KK', 'text'], ['nama', 'Nama Lengkap (sesuai KTP/Ijazah)', 'text'],
    ['tempat_lahir', 'Tempat Lahir', 'text'], ['tanggal_lahir', 'Tanggal Lahir', 'date'], ['jenis_kelamin', 'Jenis Kelamin', 'select'],
    ['no_hp', 'Nomor HP', 'tel'], ['email', 'Email', 'email'], ['alamat', 'Alamat Domisili', 'textarea'],
  ];
  setTimeout(async () => {
    await replicaFetch('/resume/resume.json');
    const form = h('form', { id: 'biodata' });
    for (const [name, label, type] of fields) {
      let input;
      if (type === 'select') {
        input = h('select', { class: 'form-control', id: name, name }, h('option', { value: '' }, '-- Pilih --'),
          h('option', { value: 'L' }, 'Laki-laki'), h('option', { value: 'P' }, 'Perempuan'));
      } else if (type === 'textarea') input = h('textarea', { class: 'form-control', id: name, name });
      else input = h('input', { class: 'form-control', id: name, name, type });
      input.addEventListener('input', () => { window.__replica.received[name] = input.value; });
      input.addEventListener('change', () => { window.__replica.received[name] = input.value; });
      form.append(h('div', { class: 'form-group' }, h('label', { for: name }, label), input));
    }
    document.getElementById('app').replaceChildren(form);
  }, replicaDelay());
  document.getElementById('next').addEventListener('click', () => { window.__replica.submitted = true; });
})();
