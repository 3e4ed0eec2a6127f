// Drives one generated upload page in a browser with the extension and compares what a person
// sees with what the page's draws say: every row shows exactly one verdict, naming its file, with
// the state and headline its limit implies; the site's own handler got every file.
import { generate } from './upload.mjs';

export const SITE = 'https://daftar-sscasn.bkn.go.id';

/**
 * `watching`: the caller's own wait for the extension to watch the page, instead of its badges (a
 * test copy of the extension that marks the page); `chosen`: called once every row has its file.
 */
export async function driveUpload(b, seed, waitFor, { watching = null, chosen = null } = {}) {
  const { spec } = generate(seed);
  const problems = [];
  await b.open(`${SITE}/generated/upload.html?seed=${seed}&sscasn-lang=id`);
  await waitFor(b, `window.__gen && window.__gen.ready`, 15000, 'the page rendered');
  // The extension's content script starts at document_idle, on a busy machine after the page is
  // ready; a person takes longer than that to choose a file, and a site that removes its input
  // right after the choice leaves nothing to read later. So wait (briefly, without failing) until
  // the extension has put its hidden badge in every row whose control is on the page.
  // A modal layout's rows hold only a button; its input exists once the row's dialog is open, and
  // a person chooses the file there after it opened: the same wait, in the dialog.
  const modal = spec.dims.layout === 'modal';
  if (watching) await watching();
  else if (!modal) {
    await waitFor(b, `(() => { const o = window.__gen.outcome(); return Object.values(o).every((r) => r.all >= 1); })()`, 5000, "the extension's badges in the rows")
      .catch(() => {});
  }
  for (const row of spec.rows) {
    const key = JSON.stringify(row.key);
    if (modal) {
      await b.run(`window.__gen.open(${key})`);
      if (!watching) await waitFor(b, `window.__gen.watchedInDialog() >= 1`, 5000, "the extension's badge in the dialog").catch(() => {});
    }
    await b.run(`window.__gen.give(${key}, ${JSON.stringify(row.file)})`);
  }
  if (chosen) await chosen();
  await waitFor(b, `window.__gen.pending() === 0`, 10000, "the page's own re-renders");
  const names = Object.fromEntries(spec.rows.map((r) => [r.key, r.file.name]));
  let seen;
  try {
    seen = await waitFor(b, `(() => { const o = window.__gen.outcome(); const names = ${JSON.stringify(names)};
      return Object.keys(names).every((k) => o[k].state && o[k].state !== 'checking' && o[k].file === names[k]) && o; })()`, 12000, 'every verdict');
  } catch (e) {
    seen = await b.run(`window.__gen.outcome()`).catch(() => null);
    problems.push(`not every row showed a verdict for its file: ${JSON.stringify(seen)}`);
    return problems;
  }
  for (const row of spec.rows) {
    const v = seen[row.key];
    const where = `${row.key} (${row.file.name}, limit ${row.limitKb} KB)`;
    if (v.count !== 1) problems.push(`${where}: ${v.count} visible badges (${v.all} in all)`);
    if (v.state !== row.expect.state || !new RegExp(row.expect.summary).test(v.summary || '')) problems.push(`${where}: ${v.state} "${v.summary}" (limit line "${v.limit}"), want ${row.expect.state} /${row.expect.summary}/`);
    if (!v.received || v.received.name !== row.file.name) problems.push(`${where}: the site received ${JSON.stringify(v.received)}`);
  }
  return problems;
}
