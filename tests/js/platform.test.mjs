// The language choice: ?sscasn-lang= wins, then the stored setting, then the browser's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as NS from '../../extension/lib/platform.js';

test('picks the language to speak', () => {
  assert.equal(NS.pickLanguage('auto', 'id', ''), 'id');
  assert.equal(NS.pickLanguage('auto', 'en-US', ''), 'en');
  assert.equal(NS.pickLanguage('auto', 'ms', ''), 'id', 'Indonesian first for any non-English browser');
  assert.equal(NS.pickLanguage('id', 'en-US', ''), 'id');
  assert.equal(NS.pickLanguage('en', 'id', ''), 'en');
  assert.equal(NS.pickLanguage('en', 'id', '?a=1&sscasn-lang=id'), 'id');
  assert.equal(NS.pickLanguage('auto', 'en-GB', '?sscasn-lang=xx'), 'en');
});

test('every UI string exists in both languages, with the same placeholders', async () => {
  const { readFileSync } = await import('node:fs');
  const id = JSON.parse(readFileSync(new URL('../../extension/_locales/id/messages.json', import.meta.url)));
  const en = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url)));
  assert.deepEqual(Object.keys(id).sort(), Object.keys(en).sort());
  for (const k of Object.keys(id)) {
    const holes = (s) => (s.match(/\$\d/g) || []).sort().join();
    assert.equal(holes(id[k].message), holes(en[k].message), k);
    assert.ok(id[k].message.trim() && en[k].message.trim(), k);
  }
});
