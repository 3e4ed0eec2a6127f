// Searchable select widgets whose options load late from JSON, like the real formasi step.
(function () {
  document.querySelectorAll('.select-search').forEach((box) => {
    const name = box.dataset.name;
    const input = h('input', { class: 'form-control', placeholder: 'Cari ' + name + '…', role: 'combobox', 'aria-label': name });
    const list = h('div', { class: 'options', role: 'listbox' });
    box.append(input, list);
    let items = [];
    input.addEventListener('focus', async () => {
      box.classList.add('open');
      if (!items.length) {
        list.replaceChildren(h('div', { class: 'loading' }, 'Memuat…'));
        await new Promise((r) => setTimeout(r, replicaDelay()));
        items = (await replicaFetch(box.dataset.source)).data;
      }
      draw();
    });
    input.addEventListener('input', draw);
    function draw() {
      const q = input.value.toLowerCase();
      list.replaceChildren(...items.filter((i) => i.nama.toLowerCase().includes(q)).map((i) =>
        h('div', { class: 'option', role: 'option', onclick: () => {
          input.value = i.nama;
          window.__replica.received[name] = i.id;
          box.classList.remove('open');
        } }, i.nama)));
    }
  });
  document.getElementById('next').addEventListener('click', () => { window.__replica.submitted = true; });
})();
