// Unit tests of the page-reading rules the content scripts use (pure functions, no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as NS from '../../extension/lib/rules.js';

test('detects the document a row is about', () => {
  const cases = {
    'Surat Lamaran (Format .pdf, Maks. 800 KB)': 'surat_lamaran',
    'Surat Pernyataan (bermeterai elektronik)': 'surat_pernyataan',
    'Upload Surat Pernyataan 5 Poin': 'surat_pernyataan',
    'Ijazah Asli': 'ijazah',
    'Transkrip Nilai': 'transkrip',
    'Pas Foto (latar merah)': 'pas_foto',
    'Pasfoto terbaru': 'pas_foto',
    'KTP / e-KTP': 'ktp',
    'Sertifikat Pendidik': 'pendukung',
    'Surat Tanda Registrasi (STR)': 'pendukung',
  };
  for (const [text, doc] of Object.entries(cases)) assert.equal(NS.detectDocType(text), doc, text);
  assert.equal(NS.detectDocType('Nama Lengkap'), null);
});

test('reads the expected type from text and accept', () => {
  assert.equal(NS.parseExpectedType('format .pdf', ''), 'pdf');
  assert.equal(NS.parseExpectedType('', 'image/jpeg'), 'jpeg');
  assert.equal(NS.parseExpectedType('JPG maks 200KB', null), 'jpeg');
  assert.equal(NS.parseExpectedType('PDF atau JPG', ''), null);
  assert.equal(NS.parseExpectedType('', '.pdf,application/pdf'), 'pdf');
});

test('validates messages against the allow-list', () => {
  const max = 1000;
  assert.equal(NS.validateMessage({ type: 'ping' }, max), null);
  assert.equal(NS.validateMessage({ type: 'check-file', data: 'QUJD', doc: 'ijazah', stage: 'upload', maxKb: 800 }, max), null);
  assert.equal(NS.validateMessage({ type: 'eval', code: '1' }, max), 'unknown message type');
  assert.equal(NS.validateMessage(null, max), 'unknown message type');
  assert.equal(NS.validateMessage({ type: 'check-file', data: 42 }, max), 'data must be base64 text');
  assert.equal(NS.validateMessage({ type: 'check-file', data: 'x'.repeat(1001) }, max), 'file too large');
  assert.equal(NS.validateMessage({ type: 'check-file', data: '', doc: 'passport' }, max), 'unknown document type');
  assert.equal(NS.validateMessage({ type: 'check-file', data: '', stage: 'print' }, max), 'unknown stage');
  assert.equal(NS.validateMessage({ type: 'check-file', data: '', maxKb: -5 }, max), 'bad size limit');
  // The words around a control (read by the core), within bounds.
  const texts = { control: 'Unggah', row: 'Ijazah\nmaks. 0,2 MB', notices: ['Ketentuan umum: setiap berkas PDF maksimal 300 KB'], page: '', accept: '.pdf', stamping_page: false };
  assert.equal(NS.validateMessage({ type: 'check-file', data: '', texts }, max), null);
  assert.equal(NS.validateMessage({ type: 'check-file', data: '', texts: { ...texts, notices: 'x' } }, max), 'bad texts');
  assert.equal(NS.validateMessage({ type: 'check-file', data: '', texts: { ...texts, page: 'x'.repeat(20001) } }, max), 'bad texts');
  assert.equal(NS.validateMessage({ type: 'check-file', data: '', texts: { ...texts, notices: Array(9).fill('a') } }, max), 'bad texts');
  assert.equal(NS.validateMessage({ type: 'read-rules', items: [{ doc: 'ijazah', texts }] }, max), null);
  assert.equal(NS.validateMessage({ type: 'read-rules', items: [{ doc: 'passport', texts }] }, max), 'bad items');
  assert.equal(NS.validateMessage({ type: 'read-rules', items: Array(65).fill({ doc: 'ijazah', texts }) }, max), 'bad items');
  assert.equal(NS.validateMessage({ type: 'fit-file', data: 'QUJD', maxKb: 300 }, max), null);
  assert.equal(NS.validateMessage({ type: 'fit-file', data: 'QUJD' }, max), 'bad size limit');
  assert.equal(NS.validateMessage({ type: 'fit-file', data: 'QUJD', maxKb: 1.5 }, max), 'bad size limit');
  assert.equal(NS.validateMessage({ type: 'fit-file', data: 'x'.repeat(1001), maxKb: 300 }, max), 'file too large');
  assert.equal(NS.validateMessage({ type: 'strings', lang: 'fr' }, max), 'unknown language');
});

test('only SSCASN and e-Meterai portal hosts may talk to the background', () => {
  for (const h of ['daftar-sscasn.bkn.go.id', 'daftar-pbpbd-sscasn.bkn.go.id', 'sscasn.bkn.go.id', 'meterai-elektronik.com',
    'www.meterai-elektronik.com', 'finnet.e-meterai.co.id', 'e-meterai.pajakku.com', 'emeterai.posfin.id'])
    assert.ok(NS.isAllowedHost(h), h);
  for (const h of ['bkn.go.id', 'simpeg.bkn.go.id', 'sscasn.bkn.go.id.evil.com', 'evil-meterai-elektronik.com', 'example.com', ''])
    assert.ok(!NS.isAllowedHost(h), h);
});

test('base64 round-trips large binary files', () => {
  const bytes = new Uint8Array(3 * 1024 * 1024 + 7);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  const text = NS.toBase64(bytes);
  assert.equal(text, Buffer.from(bytes).toString('base64'));
  assert.deepEqual(NS.fromBase64(text), bytes);
});

test('the earliest mention names the row, not a file name in a status line', () => {
  assert.equal(NS.detectDocType('Transkrip Nilai (maksimal 500KB) Berkas diterima: surat_lamaran.pdf'), 'transkrip');
  assert.equal(NS.detectDocType('Surat Pernyataan Lamaran'), 'surat_pernyataan');
});

test('profile messages are validated too', () => {
  assert.equal(NS.validateMessage({ type: 'validate-profile', profile: { nik: '1' } }, 10), null);
  assert.equal(NS.validateMessage({ type: 'validate-profile', profile: 'x' }, 10), 'bad profile');
  assert.equal(NS.validateMessage({ type: 'validate-profile', profile: { a: 'x'.repeat(100001) } }, 10), 'bad profile');
  assert.equal(NS.validateMessage({ type: 'normalize-phone', number: '0812' }, 10), null);
  assert.equal(NS.validateMessage({ type: 'normalize-phone', number: 812 }, 10), 'bad number');
  assert.equal(NS.validateMessage({ type: 'open-options' }, 10), null);
});

test('form-fill messages are validated too', () => {
  const snapshot = { controls: [{ id: 0, kind: 'text', labels: [{ source: 'label', text: 'NIK' }] }] };
  assert.equal(NS.validateMessage({ type: 'plan-fill', snapshot, profile: null }, 10), null);
  assert.equal(NS.validateMessage({ type: 'plan-fill', snapshot, profile: { nik: '1' } }, 10), null);
  assert.equal(NS.validateMessage({ type: 'plan-fill', snapshot: {}, profile: null }, 10), 'bad snapshot');
  assert.equal(NS.validateMessage({ type: 'plan-fill', snapshot: { controls: new Array(2001).fill({}) }, profile: null }, 10), 'snapshot too large');
  assert.equal(NS.validateMessage({ type: 'plan-fill', snapshot, profile: 'x' }, 10), 'bad profile');
  assert.equal(NS.validateMessage({ type: 'choose-option', field: 'formasi.lokasi', value: 'Jakarta', options: ['Jakarta'] }, 10), null);
  assert.equal(NS.validateMessage({ type: 'choose-option', field: 'x', value: 'y', options: [1] }, 10), 'bad options');
  assert.equal(NS.validateMessage({ type: 'choose-option', field: 'x', value: 'y', options: new Array(501).fill('a') }, 10), 'bad options');
  assert.equal(NS.validateMessage({ type: 'choose-option', field: 7, value: 'y', options: [] }, 10), 'bad field');
});
