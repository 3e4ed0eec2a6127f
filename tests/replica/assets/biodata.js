(function () {
  const fields = [
    ['nik', 'NIK', 'text'], ['no_kk', 'Nomor KK', 'text'], ['nama', 'Nama Lengkap (sesuai KTP/Ijazah)', 'text'],
    ['tempat_lahir', 'Tempat Lahir', 'text'], ['tanggal_lahir', 'Tanggal Lahir', 'date'], ['jenis_kelamin', 'Jenis Kelamin', 'select'],
    ['no_hp', 'Nomor HP', 'tel'], ['email', 'Email', 'email'], ['alamat', 'Alamat Domisili', 'textarea'],
  ];
  // Variant "b" is the same form with other markup: no <label>s (aria-label only), another field
  // order, generated ids and names, and a date typed as text in DD/MM/YYYY.
  const variantB = /[?&]variant=b\b/.test(location.search);
  const order = variantB ? [8, 6, 7, 2, 0, 1, 5, 3, 4].map((i) => fields[i]) : fields;
  setTimeout(async () => {
    await replicaFetch('/resume/resume.json');
    const form = h('form', { id: 'biodata' });
    order.forEach(([name, label, type], i) => {
      const id = variantB ? 'fld' + (100 + i) : name;
      const attrs = { class: 'form-control', id, name: variantB ? 'data[' + i + ']' : name };
      if (variantB) attrs['aria-label'] = label;
      let input;
      if (type === 'select') {
        input = h('select', attrs, h('option', { value: '' }, '-- Pilih --'),
          h('option', { value: 'L' }, 'Laki-laki'), h('option', { value: 'P' }, 'Perempuan'));
      } else if (type === 'textarea') input = h('textarea', attrs);
      else if (variantB && type === 'date') input = h('input', { ...attrs, type: 'text', placeholder: 'dd/mm/yyyy' });
      else input = h('input', { ...attrs, type });
      // The site's own state, updated by its handlers (what a framework would hold).
      const record = () => { window.__replica.received[name] = input.value; };
      input.addEventListener('input', record);
      input.addEventListener('change', record);
      form.append(variantB ? h('div', { class: 'mb-3' }, input) : h('div', { class: 'form-group' }, h('label', { for: id }, label), input));
    });
    document.getElementById('app').replaceChildren(form);
  }, replicaDelay());
  document.getElementById('next').addEventListener('click', () => { window.__replica.submitted = true; });
})();
