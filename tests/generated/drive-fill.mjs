// Drives one generated form page: "Isi dari profil" with the test profile (saved once per browser,
// PIN-locked, through the options page as a person does); every field of the page must hold the
// profile's value in the page's own terms, and the captcha and submit button stay untouched.
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, same } from './fill.mjs';

const SITE = 'https://daftar-sscasn.bkn.go.id';
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const fillControl = (expr) => `(() => { const f = document.querySelector('sscasn-fill'); return f && f.shadowRoot && (${expr}); })()`;

async function saveProfile(b, waitFor) {
  const file = join(mkdtempSync(join(tmpdir(), 'sscasn-profile-')), 'profil.json');
  writeFileSync(file, readFileSync(join(FIXTURES, 'forms', 'profile.json')));
  await b.open(`${SITE}/generated/fill.html?seed=1`);
  await waitFor(b, fillControl('true'), 15000, 'fill control');
  const back = await b.inNewTab(() => b.run(fillControl(`(f.shadowRoot.querySelector('a').click(), true)`)));
  await waitFor(b, `document.getElementById('import')`, 15000, 'options page');
  await b.run(`(document.getElementById('pin').value = document.getElementById('pin2').value = '246810', true)`);
  await b.choose('#import', file);
  // Saving derives the key (1.2 M PBKDF2 rounds): tens of seconds on a busy machine.
  await waitFor(b, `document.getElementById('profile-status').textContent === 'Profile saved.'`, 180000, 'profile saved');
  await back();
}

export async function driveFill(b, seed, waitFor, run) {
  if (!run.profileSaved) {
    await saveProfile(b, waitFor);
    run.profileSaved = true;
  }
  const { expected } = generate(seed);
  await b.open(`${SITE}/generated/fill.html?seed=${seed}&sscasn-lang=id`);
  await waitFor(b, `window.__gen && window.__gen.ready`, 15000, 'the page rendered');
  await waitFor(b, fillControl(`f.shadowRoot.querySelector('button.fill')`), 20000, 'fill control');
  await b.run(fillControl(`(f.shadowRoot.querySelector('button.fill').click(), true)`));
  await waitFor(b, fillControl(`f.dataset.filled`), 60000, 'filled');
  const state = await b.run('window.__state()');
  const guard = await b.run('window.__guard');
  const problems = Object.entries(expected.want).filter(([k, want]) => !same(k, want, state[k])).map(([k, want]) => `${k}=${JSON.stringify(state[k] ?? null)} (want ${want})`);
  if (guard.touched.length || guard.submitted) problems.push(`captcha or submit touched: ${JSON.stringify(guard)}`);
  if (problems.length) {
    const summary = await b.run(fillControl(`f.shadowRoot.querySelector('.result').textContent`));
    problems.push(`summary: ${summary.replace(/\n/g, ' | ')}`);
  }
  return problems;
}
