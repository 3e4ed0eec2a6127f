// The background's checks on "Persiapan dokumen" messages (`prepare`: open / file / summary).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as NS from '../../extension/lib/rules.js';
const MAX = 1000;
const v = (msg) => NS.validateMessage({ type: 'prepare', ...msg }, MAX);

test('prepare: each operation is accepted only with sound fields', () => {
  assert.equal(v({ op: 'open' }), null);
  assert.equal(v({ op: 'file', name: 'a.pdf', data: 'JVBERi0=', doc: null, rules: null }), null);
  assert.equal(v({ op: 'file', name: 'a.pdf', data: 'JVBERi0=', doc: 'ijazah', rules: { date: 'x', rows: [{ doc: 'ijazah', max_kb: 800 }] } }), null);
  assert.equal(v({ op: 'summary', items: [{ file: '1', doc: 'ktp', digest: 'ab', emeterai: 'unknown', verdict: 'ok' }], rules: null }), null);

  assert.equal(v({ op: 'delete' }), 'unknown prepare operation');
  assert.equal(v({}), 'unknown prepare operation');
  assert.equal(v({ op: 'file', name: 'a.pdf', data: 42 }), 'data must be base64 text');
  assert.equal(v({ op: 'file', name: 'a.pdf', data: 'x'.repeat(MAX + 1) }), 'file too large');
  assert.equal(v({ op: 'file', name: 'a.pdf', data: 'AA==', doc: 'akta' }), 'unknown document type');
  assert.equal(v({ op: 'file', name: 'a'.repeat(256), data: 'AA==' }), 'bad name');
  assert.equal(v({ op: 'file', data: 'AA==' }), 'bad name');
  assert.equal(v({ op: 'file', name: 'a.pdf', data: 'AA==', rules: { rows: 'all' } }), 'bad rules');
  assert.equal(v({ op: 'file', name: 'a.pdf', data: 'AA==', rules: { rows: Array(65).fill({ doc: 'ktp' }) } }), 'bad rules');
  assert.equal(v({ op: 'summary', items: 'x' }), 'bad items');
  assert.equal(v({ op: 'summary', items: Array(201).fill({}) }), 'bad items');
  assert.equal(v({ op: 'summary', items: [], rules: 7 }), 'bad rules');
});
