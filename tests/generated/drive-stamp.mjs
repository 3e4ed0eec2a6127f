// Drives one generated stamping page: the letter is chosen, the panel's button pressed; the
// placement must be confirmed by the panel, on the signature page, and what the page itself stored
// at drag end within 10 pt of the suggested box.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, LETTERS } from './stamp.mjs';

const TESTS = join(dirname(fileURLToPath(import.meta.url)), '..');
const panel = (expr) => `(() => { const p = document.querySelector('sscasn-placement'); return p && !p.hidden && p.shadowRoot && (${expr}); })()`;

export async function driveStamp(b, seed, waitFor) {
  const { dims, expected } = generate(seed);
  const problems = [];
  await b.open(`https://${dims.host}/generated/stamp.html?seed=${seed}&sscasn-lang=id`);
  await waitFor(b, `window.__gen && window.__gen.ready`, 15000, 'the page rendered');
  await b.choose('#pdf', join(TESTS, LETTERS[dims.letter].file));
  await waitFor(b, `window.__gallery && window.__gallery.rendered && true`, 20000, 'the letter rendered');
  await waitFor(b, panel(`p.shadowRoot.querySelector('button.place')`), 20000, 'placement panel');
  const suggestion = { page: Number(await b.run(panel('p.dataset.page'))), rect: JSON.parse(await b.run(panel('p.dataset.rect'))) };
  if (suggestion.page !== expected.page) problems.push(`suggested page ${suggestion.page}, the signature is on page ${expected.page}`);
  await b.run(panel(`(p.shadowRoot.querySelector('button.place').click(), true)`));
  const outcome = await waitFor(b, panel(`p.dataset.outcome`), 30000, 'placement outcome');
  const result = await b.run(panel(`p.shadowRoot.querySelector('.result').textContent`));
  if (outcome !== expected.outcome) {
    problems.push(`outcome ${outcome}: "${result}"`);
    return problems;
  }
  if (expected.outcome !== 'placed') {
    // What could not be done is said plainly, and the stamp was never moved on another page.
    const drags = await b.run(`window.__gallery.drags`);
    if (drags) problems.push(`${outcome}, yet the stamp was dragged ${drags} time(s)`);
    return problems;
  }
  const pos = await b.run(`window.__placement`);
  if (!pos) return [...problems, 'the page stored no position'];
  if (pos.page !== expected.page) problems.push(`the page stored page ${pos.page}, want ${expected.page}`);
  const error = Math.max(...[pos.llx, pos.lly, pos.urx, pos.ury].map((v, k) => Math.abs(v - suggestion.rect[k])));
  if (!(error <= expected.withinPt)) problems.push(`stored ${JSON.stringify(pos)} is ${error.toFixed(1)} pt from the suggestion ${JSON.stringify(suggestion.rect)}`);
  return problems;
}
