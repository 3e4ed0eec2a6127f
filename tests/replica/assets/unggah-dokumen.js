// The upload step, rendered late from a JSON call as the real SPA does. Rows differ in markup the
// way real pages do; each input's own change handler "uploads" the file (records it).
(function () {
  const app = document.getElementById('app');
  function accepted(key, input, status) {
    const f = input.files[0];
    if (!f) return;
    window.__replica.received[key] = { name: f.name, size: f.size, type: f.type };
    window.__replica.events.push('change:' + key);
    status.textContent = 'Berkas diterima: ' + f.name + ' (' + Math.ceil(f.size / 1024) + ' KB)';
    status.className = 'status text-success';
  }
  const layouts = {
    // A card with a title and a hint line under the input.
    card(doc) {
      const status = h('div', { class: 'status' });
      const input = h('input', { type: 'file', id: 'file-' + doc.key, name: doc.key, accept: doc.accept, class: 'form-control' });
      input.addEventListener('change', () => accepted(doc.key, input, status));
      return h('div', { class: 'card', 'data-row': doc.key },
        h('div', { class: 'card-header' }, doc.nama),
        h('div', { class: 'card-body' }, input, h('small', { class: 'text-muted' }, doc.aturan), status,
          h('button', { class: 'btn btn-outline', type: 'button', onclick: () => rerender(doc.key) }, 'Ganti')));
    },
    // A label-for with the rule text inside the label.
    labelled(doc) {
      const status = h('div', { class: 'status' });
      const input = h('input', { type: 'file', id: 'upload_' + doc.key, accept: doc.accept });
      input.addEventListener('change', () => accepted(doc.key, input, status));
      return h('div', { class: 'card', 'data-row': doc.key },
        h('div', { class: 'card-body form-group' },
          h('label', { for: 'upload_' + doc.key }, doc.nama + ' ', h('span', { class: 'text-muted' }, '(' + doc.aturan + ')')),
          input, status,
          h('button', { class: 'btn btn-outline', type: 'button', onclick: () => rerender(doc.key) }, 'Ganti')));
    },
  };
  function row(doc) {
    return (layouts[doc.layout] || layouts.card)(doc);
  }
  function rerender(key) {
    const old = app.querySelector('[data-row="' + key + '"]');
    const doc = window.__replica.docs.find((d) => d.key === key);
    if (old && doc) old.replaceWith(row(doc));
  }
  window.__replica.rerender = rerender;
  setTimeout(async () => {
    const data = await replicaFetch('/daftar/dokumen.json');
    window.__replica.docs = data.dokumen;
    const table = h('div', { id: 'dokumen' });
    for (const doc of data.dokumen) table.append(row(doc));
    app.replaceChildren(table);
    window.__replica.rendered = true;
  }, replicaDelay());
  document.getElementById('simpan').addEventListener('click', () => {
    window.__replica.submitted = true;
  });
})();
