// Settings kept only in storage.local: the language, and (later) the form-filling profile.
(async function () {
  'use strict';
  const NS = globalThis.SSCASN;
  const store = NS.api.storage.local;
  const { settings, t } = await NS.localizePage(document);
  const select = document.getElementById('lang');
  select.value = settings.lang || 'auto';
  select.addEventListener('change', async () => {
    await store.set({ lang: select.value });
    document.getElementById('saved').textContent = t('optionsSaved');
  });
  document.getElementById('clear').addEventListener('click', async () => {
    await store.clear();
    select.value = 'auto';
    document.getElementById('cleared').textContent = t('optionsCleared');
  });
})();
