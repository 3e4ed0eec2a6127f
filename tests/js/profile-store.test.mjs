// The locked profile (issue 16), in Node with WebCrypto (globalThis.crypto.subtle) and the real
// wasm core's rules (format check, PIN rule, waits): round trip, wrong PIN, tampered blobs
// rejected without a crash, an export opened by another install, throttling, the three modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
import * as NS from '../../extension/lib/profile-store.js';
import * as rules from '../../extension/lib/rules.js';
const { vault } = NS;

const glue = await import(pathToFileURL(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm.js')).href);
await glue.default({ module_or_path: readFileSync(join(ROOT, 'target', 'wasm-web', 'sscasn_wasm_bg.wasm')) });
const realCore = {
  params: glue.vaultParams,
  inspect: glue.inspectProfileFile,
  pinProblem: glue.pinProblem,
  waitMs: glue.unlockWaitMs,
  minutes: glue.unlockMinutes,
};
/** The real rules with a cheaper key derivation, so the many locks here stay quick. */
const FAST = 100000;
const core = { ...realCore, params: () => ({ ...realCore.params(), iterations: FAST }) };

const PROFILE = { nik: '3171045708950003', no_kk: '3171041203150007', nama: 'SITI AMINAH', tanggal_lahir: '1995-08-17', pekerjaan: [] };

/** An in-memory storage area with the extension API's get/set/remove shape; `raw()` is what it holds as JSON. */
function area() {
  const data = new Map();
  return {
    async get(defaults) {
      const out = {};
      for (const [k, v] of Object.entries(defaults)) out[k] = data.has(k) ? structuredClone(data.get(k)) : v;
      return out;
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of [].concat(keys)) data.delete(k);
    },
    raw: () => JSON.stringify(Object.fromEntries(data)),
    keys: () => [...data.keys()].sort(),
  };
}
function setup() {
  let clock = 1_000_000;
  const local = area();
  const session = area();
  const store = NS.createProfileStore({ local, session, core, now: () => clock });
  return { local, session, store, advance: (ms) => (clock += ms) };
}

test('encrypt → decrypt round trip; the blob carries no profile text', async () => {
  const { blob, keyBits } = await vault.lock(PROFILE, '246810', FAST);
  assert.equal(keyBits.length, 32);
  assert.equal(blob.format, 'sscasn-helper-profile');
  assert.equal(blob.kdf.iterations, FAST);
  for (const v of ['3171045708950003', '3171041203150007', 'SITI', 'nik']) assert.ok(!JSON.stringify(blob).includes(v), v);
  assert.deepEqual(realCore.inspect(JSON.stringify(blob)), { kind: 'locked', iterations: FAST });
  const { profile } = await vault.unlock(blob, '246810');
  assert.deepEqual(profile, PROFILE);
  // Two locks of the same profile and PIN share nothing (fresh salt and IV).
  const again = (await vault.lock(PROFILE, '246810', FAST)).blob;
  assert.notEqual(again.kdf.salt, blob.kdf.salt);
  assert.notEqual(again.data, blob.data);
});

test('a wrong PIN is told apart from a damaged file, never a crash', async () => {
  const { blob } = await vault.lock(PROFILE, '246810', FAST);
  await assert.rejects(vault.unlock(blob, '246811'), (e) => e instanceof vault.VaultError && e.code === 'wrong-pin');
  await assert.rejects(vault.unlock({ ...blob, kdf: { ...blob.kdf, salt: 'AAEC' } }, '246810'), (e) => e.code === 'damaged');
  await assert.rejects(vault.unlock(null, '246810'), (e) => e.code === 'damaged');
  await assert.rejects(vault.unlock({ ...blob, data: '%%%%' }, '246810'), (e) => e.code === 'damaged');
  await assert.rejects(vault.unlock({ ...blob, kdf: { ...blob.kdf, iterations: 1e12 } }, '246810'), (e) => e.code === 'damaged');
});

test('tampered blobs are rejected (authenticated header and data), not crashed on', async () => {
  const { blob } = await vault.lock(PROFILE, '246810', FAST);
  const bytes = vault.fromBase64(blob.data);
  for (const i of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
    const flipped = bytes.slice();
    flipped[i] ^= 1;
    await assert.rejects(vault.unlock({ ...blob, data: vault.toBase64(flipped) }, '246810'), (e) => e.code === 'wrong-pin', `byte ${i}`);
  }
  // The iteration count is bound to the ciphertext: changing it fails like a wrong key.
  await assert.rejects(vault.unlock({ ...blob, kdf: { ...blob.kdf, iterations: FAST + 1 } }, '246810'), (e) => e.code === 'wrong-pin');
  const iv = vault.fromBase64(blob.cipher.iv);
  iv[0] ^= 1;
  await assert.rejects(vault.unlock({ ...blob, cipher: { ...blob.cipher, iv: vault.toBase64(iv) } }, '246810'), (e) => e.code === 'wrong-pin');
  // Truncated data: the core turns it away before any key is derived.
  const cut = JSON.stringify({ ...blob, data: blob.data.slice(0, 8) });
  assert.equal(realCore.inspect(cut).kind, 'invalid');
  assert.equal(realCore.inspect(cut).code, 'bad_data');
});

test('saving with a PIN: storage.local holds no profile field and no key; the key sits in the session only', async () => {
  const { local, session, store } = setup();
  assert.deepEqual((await store.save(PROFILE, { mode: 'pin', pin: '123' })).saved, false, 'the PIN rule applies');
  const saved = await store.save(PROFILE, { mode: 'pin', pin: '246810' });
  assert.equal(saved.saved, true);
  const raw = local.raw();
  for (const v of Object.values(PROFILE).filter((v) => typeof v === 'string')) assert.ok(!raw.includes(v), v);
  assert.deepEqual(local.keys(), ['profileMode', 'profileVault']);
  const { profileKey } = await session.get({ profileKey: null });
  assert.ok(profileKey && profileKey.bits.length === 44);
  assert.ok(!raw.includes(profileKey.bits), 'the key never reaches storage.local');
  assert.equal((await store.get()).state, 'unlocked');
  assert.deepEqual((await store.get()).profile, PROFILE);
});

test('the key is forgotten after the chosen minutes (default 15); a PIN opens it again', async () => {
  const { session, store, advance } = setup();
  await store.save(PROFILE, { mode: 'pin', pin: '246810' });
  advance(14 * 60000);
  assert.equal((await store.get()).state, 'unlocked');
  advance(2 * 60000);
  const later = await store.get();
  assert.equal(later.state, 'locked');
  assert.equal(later.profile, null);
  assert.deepEqual(await session.get({ profileKey: null }), { profileKey: null }, 'an expired key is removed');
  const r = await store.unlock('246810', 5);
  assert.equal(r.unlocked, true);
  assert.deepEqual(r.profile, PROFILE);
  advance(6 * 60000);
  assert.equal((await store.status()).state, 'locked');
  await store.unlock('246810');
  await store.lockNow();
  assert.equal((await store.status()).state, 'locked');
});

test('wrong PINs are throttled, waits grow from the fifth, nothing is wiped', async () => {
  const { local, store, advance } = setup();
  await store.save(PROFILE, { mode: 'pin', pin: '246810' });
  await store.lockNow();
  const waits = [];
  for (let i = 0; i < 7; i++) {
    const r = await store.unlock('000001');
    assert.equal(r.reason, 'wrong-pin');
    waits.push(r.waitMs);
    // Trying again at once is refused without deriving anything.
    const early = await store.unlock('246810');
    assert.equal(early.reason, 'wait');
    advance(r.waitMs);
  }
  assert.deepEqual(waits, [1000, 2000, 5000, 10000, 30000, 60000, 120000]);
  assert.ok(local.keys().includes('profileVault'), 'the locked profile is still there');
  const ok = await store.unlock('246810');
  assert.equal(ok.unlocked, true);
  assert.equal((await store.status()).failures, 0);
});

test('an export opens on another install with the same PIN; a plain export file imports too', async () => {
  const a = setup();
  await a.store.save(PROFILE, { mode: 'pin', pin: '246810' });
  const edited = { ...PROFILE, nama: 'SITI AMINAH S.KOM' };
  const { blob } = await a.store.exportLocked(edited);
  assert.equal(blob.kdf.salt, JSON.parse(a.local.raw()).profileVault.kdf.salt, 'same PIN, same salt');
  const file = JSON.stringify(blob, null, 2);
  const b = setup();
  assert.deepEqual(await b.store.importFile(file, ''), { problem: 'pin-needed' });
  assert.equal((await b.store.importFile(file, '135790')).problem, 'wrong-pin');
  b.advance(1000);
  const got = await b.store.importFile(file, '246810');
  assert.deepEqual(got, { profile: edited, locked: true });
  // Locked with a PIN chosen for the export (from a shared-computer profile).
  const fresh = await a.store.exportLocked(PROFILE, '97531864');
  assert.deepEqual((await b.store.importFile(JSON.stringify(fresh.blob), '97531864')).profile, PROFILE);
  assert.deepEqual(await b.store.importFile(JSON.stringify(PROFILE), ''), { profile: PROFILE, locked: false });
  const bad = await b.store.importFile('{"format":"sscasn-helper-profile","version":7}', '246810');
  assert.equal(bad.code, 'newer_version');
  assert.match(bad.problem.id, /lebih baru/);
  assert.equal((await b.store.importFile('not json', '')).code, 'not_json');
});

test('komputer umum: the profile is in the session only; a new session has none', async () => {
  const { local, session, store } = setup();
  await store.save(PROFILE, { mode: 'session' });
  assert.ok(!local.raw().includes(PROFILE.nik));
  assert.deepEqual(local.keys(), ['profileMode']);
  assert.deepEqual((await store.get()).profile, PROFILE);
  assert.equal((await store.status()).state, 'session');
  // The browser closes: storage.session is gone, storage.local remembers only the choice.
  await session.remove(['profile', 'profileKey']);
  assert.deepEqual(await store.get(), { state: 'none', mode: 'session', until: null, profile: null });
});

test('an old plain profile is still read (state "plain") and locking it removes the plain copy', async () => {
  const { local, store } = setup();
  await local.set({ profile: PROFILE });
  assert.equal((await store.status()).state, 'plain');
  assert.deepEqual((await store.get()).profile, PROFILE);
  assert.deepEqual(await store.save(PROFILE, { mode: 'pin' }), { saved: false, problem: 'pin-needed' });
  assert.equal((await store.save(PROFILE, { mode: 'pin', pin: '246810' })).saved, true);
  assert.ok(!local.raw().includes(PROFILE.nik));
  // Re-saving while unlocked needs no PIN and keeps the same PIN.
  assert.equal((await store.save({ ...PROFILE, nama: 'X' }, { mode: 'pin' })).saved, true);
  await store.lockNow();
  assert.equal((await store.unlock('246810')).profile.nama, 'X');
  await store.clear();
  assert.deepEqual(local.keys(), []);
});

test('new locks use the core\'s work factor', async () => {
  const iterations = realCore.params().iterations;
  assert.ok(iterations >= 1000000, `${iterations}`);
  const store = NS.createProfileStore({ local: area(), session: area(), core: realCore });
  await store.save(PROFILE, { mode: 'pin', pin: '246810' });
  const { blob } = await store.exportLocked(PROFILE);
  assert.equal(blob.kdf.iterations, iterations);
});

test('profile messages are checked field by field before the background acts', () => {
  const ok = (m) => assert.equal(rules.validateMessage(m, 1000), null, JSON.stringify(m));
  const bad = (m) => assert.notEqual(rules.validateMessage(m, 1000), null, JSON.stringify(m));
  ok({ type: 'profile-status' });
  ok({ type: 'profile-get' });
  ok({ type: 'profile-unlock', pin: '246810' });
  ok({ type: 'profile-unlock', pin: '246810', minutes: 30 });
  bad({ type: 'profile-unlock' });
  bad({ type: 'profile-unlock', pin: 246810 });
  bad({ type: 'profile-unlock', pin: 'x'.repeat(1000) });
  bad({ type: 'profile-unlock', pin: '246810', minutes: -1 });
  bad({ type: 'profile-unlock', pin: '246810', minutes: Infinity });
  ok({ type: 'profile-save', profile: PROFILE, mode: 'pin', pin: '246810' });
  ok({ type: 'profile-save', profile: PROFILE, mode: 'session' });
  bad({ type: 'profile-save', profile: PROFILE, mode: 'cloud' });
  bad({ type: 'profile-save', profile: [PROFILE], mode: 'pin' });
  bad({ type: 'profile-save', profile: { nama: 'x'.repeat(200000) }, mode: 'plain' });
  ok({ type: 'profile-export', profile: PROFILE });
  bad({ type: 'profile-export' });
  ok({ type: 'profile-import', text: '{}', pin: '' });
  bad({ type: 'profile-import', text: 'x'.repeat(400001) });
  bad({ type: 'profile-import', text: {} });
  // Only the extension's own pages may send the PIN or change the stored profile.
  assert.deepEqual([...rules.PAGE_ONLY_MESSAGES].sort(), ['profile-clear', 'profile-export', 'profile-import', 'profile-save', 'profile-unlock']);
});

test('PIN attempts sent all at once are still taken one by one through the throttle', async () => {
  const { store } = setup();
  await store.save(PROFILE, { mode: 'pin', pin: '246810' });
  await store.lockNow();
  const results = await Promise.all(['000001', '000002', '000003', '246810'].map((pin) => store.unlock(pin)));
  assert.deepEqual(results.map((r) => r.reason || 'unlocked'), ['wrong-pin', 'wait', 'wait', 'wait']);
  assert.equal((await store.status()).failures, 1);
});
