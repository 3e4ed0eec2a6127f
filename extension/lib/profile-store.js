// The applicant's profile at rest. Three ways to keep it (chosen when it is saved):
//  - 'pin' (the default): locked with a PIN — AES-256-GCM with a key from PBKDF2-SHA-256 (WebCrypto),
//    a fresh random salt per lock, no PIN stored. storage.local holds only the locked blob; the key,
//    once the PIN is typed in the extension's own UI, lives in storage.session (memory, never
//    written to disk) for the chosen minutes (default 15), then is forgotten;
//  - 'session' ("komputer umum"): the profile lives only in storage.session and is gone when the
//    browser closes;
//  - 'plain' (not recommended; also what older releases stored): plain JSON in storage.local.
// vault is the cryptography (pure, also used by unit tests in Node); createProfileStore is the
// storage logic the background runs (storage areas and the Rust core's rules are passed in).
// The format, parameters, import validation and PIN waits are decided by the core (vault.rs).
const FORMAT = 'sscasn-helper-profile';
const VERSION = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
/** Sanity bounds checked here too, before any work (the core's inspect() is the full check). */
const MAX_ITERATIONS = 10000000;
const MAX_DATA_CHARS = 300000;
const enc = new TextEncoder();
const dec = new TextDecoder();
const subtle = () => globalThis.crypto.subtle;

class VaultError extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
function fromBase64(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4) throw new VaultError('damaged');
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
const random = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** The header fields bound to the ciphertext (AES-GCM additional data), as vault.rs describes. */
const additionalData = (format, version, iterations, salt) => enc.encode(`${format}/${version}/PBKDF2-SHA-256/${iterations}/${salt}`);

/** The parts of a locked profile, or VaultError('damaged') — never an exception of another kind. */
function parts(blob) {
  const ok =
    blob && typeof blob === 'object' && blob.format === FORMAT && blob.version === VERSION && blob.kdf && blob.cipher &&
    blob.kdf.name === 'PBKDF2' && blob.kdf.hash === 'SHA-256' && blob.cipher.name === 'AES-GCM' &&
    Number.isInteger(blob.kdf.iterations) && blob.kdf.iterations >= 1 && blob.kdf.iterations <= MAX_ITERATIONS &&
    typeof blob.data === 'string' && blob.data.length <= MAX_DATA_CHARS;
  if (!ok) throw new VaultError('damaged');
  const salt = fromBase64(blob.kdf.salt);
  const iv = fromBase64(blob.cipher.iv);
  const data = fromBase64(blob.data);
  if (salt.length !== SALT_BYTES || iv.length !== IV_BYTES || data.length <= 16) throw new VaultError('damaged');
  return { salt, iv, data, iterations: blob.kdf.iterations };
}

/** 256 key bits from a PIN (PBKDF2-SHA-256). */
async function deriveKeyBits(pin, salt, iterations) {
  const base = await subtle().importKey('raw', enc.encode(String(pin)), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256);
  return new Uint8Array(bits);
}
const aesKey = (bits, usage) => subtle().importKey('raw', bits, 'AES-GCM', false, [usage]);

/** Encrypt `profile` with key bits derived from (PIN, `salt` base64, `iterations`); a fresh IV each time. */
async function seal(profile, keyBits, salt, iterations) {
  const iv = random(IV_BYTES);
  const aad = additionalData(FORMAT, VERSION, iterations, salt);
  const data = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad }, await aesKey(keyBits, 'encrypt'), enc.encode(JSON.stringify(profile)));
  return {
    format: FORMAT,
    version: VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    data: toBase64(new Uint8Array(data)),
  };
}

/** Decrypt with key bits: the profile object, or VaultError 'wrong-pin' / 'damaged'. */
async function open(blob, keyBits) {
  const p = parts(blob);
  let plain;
  try {
    const aad = additionalData(blob.format, blob.version, blob.kdf.iterations, blob.kdf.salt);
    plain = await subtle().decrypt({ name: 'AES-GCM', iv: p.iv, additionalData: aad }, await aesKey(keyBits, 'decrypt'), p.data);
  } catch (_) {
    // AES-GCM cannot tell a wrong key from altered bytes: both fail authentication.
    throw new VaultError('wrong-pin');
  }
  let profile;
  try {
    profile = JSON.parse(dec.decode(plain));
  } catch (_) {
    throw new VaultError('damaged');
  }
  if (!profile || typeof profile !== 'object' || Array.isArray(profile)) throw new VaultError('damaged');
  return profile;
}

/** Lock `profile` with a new PIN: a new random salt. Returns {blob, keyBits}. */
async function lock(profile, pin, iterations) {
  const salt = toBase64(random(SALT_BYTES));
  const keyBits = await deriveKeyBits(pin, fromBase64(salt), iterations);
  return { blob: await seal(profile, keyBits, salt, iterations), keyBits };
}

/** Open a locked profile with its PIN. Returns {profile, keyBits}. */
async function unlock(blob, pin) {
  const p = parts(blob);
  const keyBits = await deriveKeyBits(pin, p.salt, p.iterations);
  return { profile: await open(blob, keyBits), keyBits };
}

export const vault = { FORMAT, VERSION, VaultError, lock, unlock, seal, open, deriveKeyBits, toBase64, fromBase64 };

const isProfile = (p) => !!p && typeof p === 'object' && !Array.isArray(p);

/**
 * The profile's storage, for the background. `local` and `session` are storage areas (get / set /
 * remove); `core` gives the Rust core's rules: params() → {iterations, default_minutes},
 * inspect(text), pinProblem(pin), waitMs(failures), minutes(requested); `now()` the clock.
 * Keys: storage.local {profileVault, profileMode, profileUnlock: {failures, notBefore}, profile
 * (plain)}; storage.session {profileKey: {bits, salt, until}, profile (komputer umum)}.
 */
export function createProfileStore({ local, session, core, now = () => Date.now() }) {
  async function key(vault) {
    const { profileKey } = await session.get({ profileKey: null });
    if (!profileKey) return null;
    if (!vault || profileKey.salt !== vault.kdf.salt || !(profileKey.until > now())) {
      await session.remove('profileKey');
      return null;
    }
    return profileKey;
  }
  async function throttle() {
    const { profileUnlock } = await local.get({ profileUnlock: { failures: 0, notBefore: 0 } });
    return { failures: profileUnlock.failures || 0, waitMs: Math.max(0, (profileUnlock.notBefore || 0) - now()) };
  }
  async function failed() {
    const { failures } = await throttle();
    const n = failures + 1;
    const waitMs = core.waitMs(n);
    await local.set({ profileUnlock: { failures: n, notBefore: now() + waitMs } });
    return { failures: n, waitMs };
  }
  // PIN attempts run one after another, so parallel tries cannot slip past the throttle.
  let attempts = Promise.resolve();
  const oneAtATime = (fn) => {
    const run = attempts.then(fn, fn);
    attempts = run.catch(() => {});
    return run;
  };
  async function remember(vault, keyBits, minutes) {
    const until = now() + core.minutes(minutes) * 60000;
    await session.set({ profileKey: { bits: toBase64(keyBits), salt: vault.kdf.salt, until } });
    return until;
  }

  async function read() {
    const [l, s] = await Promise.all([
      local.get({ profileVault: null, profileMode: null, profile: null }),
      session.get({ profile: null }),
    ]);
    if (isProfile(s.profile)) return { state: 'session', mode: 'session', profile: s.profile };
    if (l.profileVault) {
      const k = await key(l.profileVault);
      if (!k) return { state: 'locked', mode: 'pin', vault: l.profileVault };
      try {
        return { state: 'unlocked', mode: 'pin', until: k.until, vault: l.profileVault, key: k, profile: await open(l.profileVault, fromBase64(k.bits)) };
      } catch (_) {
        await session.remove('profileKey');
        return { state: 'locked', mode: 'pin', vault: l.profileVault };
      }
    }
    if (isProfile(l.profile)) return { state: 'plain', mode: 'plain', profile: l.profile };
    return { state: 'none', mode: l.profileMode };
  }

  const store = {
    /** {state: none|plain|locked|unlocked|session, mode, until?, waitMs, failures} — never the profile. */
    async status() {
      const r = await read();
      return { state: r.state, mode: r.mode || null, until: r.until || null, ...(await throttle()) };
    },
    /** The profile when it can be read without a PIN now; else just the state. */
    async get() {
      const r = await read();
      return { state: r.state, mode: r.mode || null, until: r.until || null, profile: r.profile || null };
    },
    /** Try a PIN. {unlocked: true, until, profile} or {unlocked: false, reason, waitMs, failures}. */
    unlock(pin, minutes) {
      return oneAtATime(() => store.tryUnlock(pin, minutes));
    },
    async tryUnlock(pin, minutes) {
      const { profileVault } = await local.get({ profileVault: null });
      if (!profileVault) return { unlocked: false, reason: 'no-profile', waitMs: 0, failures: 0 };
      const t = await throttle();
      if (t.waitMs > 0) return { unlocked: false, reason: 'wait', ...t };
      try {
        const { profile, keyBits } = await unlock(profileVault, pin);
        await local.set({ profileUnlock: { failures: 0, notBefore: 0 } });
        return { unlocked: true, until: await remember(profileVault, keyBits, minutes), profile };
      } catch (e) {
        if (e && e.code === 'wrong-pin') return { unlocked: false, reason: 'wrong-pin', ...(await failed()) };
        return { unlocked: false, reason: 'damaged', waitMs: 0, failures: t.failures };
      }
    },
    /** Forget the key now (the locked profile stays). */
    async lockNow() {
      await session.remove('profileKey');
      return { state: (await read()).state };
    },
    /**
     * Save `profile` the chosen way. For 'pin': a new `pin` (checked by the core's rule) locks
     * it with a new salt; without one, the unlocked key seals it again. {saved: true, state} or
     * {saved: false, problem: 'pin-needed' | {id, en}}.
     */
    async save(profile, { mode = 'pin', pin = '', minutes } = {}) {
      if (mode === 'pin') {
        let vault;
        let until;
        if (pin) {
          const problem = core.pinProblem(pin);
          if (problem) return { saved: false, problem };
          const locked = await lock(profile, pin, core.params().iterations);
          vault = locked.blob;
          await local.set({ profileVault: vault, profileMode: 'pin' });
          until = await remember(vault, locked.keyBits, minutes);
        } else {
          const r = await read();
          if (r.state !== 'unlocked') return { saved: false, problem: 'pin-needed' };
          vault = await seal(profile, fromBase64(r.key.bits), r.vault.kdf.salt, r.vault.kdf.iterations);
          await local.set({ profileVault: vault, profileMode: 'pin' });
          until = r.until;
        }
        await local.remove('profile');
        await session.remove('profile');
        return { saved: true, state: 'unlocked', until };
      }
      if (mode === 'session') {
        await session.set({ profile });
        await session.remove('profileKey');
        await local.remove(['profile', 'profileVault']);
        await local.set({ profileMode: 'session' });
        return { saved: true, state: 'session' };
      }
      if (mode === 'plain') {
        await local.set({ profile, profileMode: 'plain' });
        await local.remove('profileVault');
        await session.remove(['profile', 'profileKey']);
        return { saved: true, state: 'plain' };
      }
      return { saved: false, problem: 'bad-mode' };
    },
    /**
     * A locked copy of `profile` for another computer: with the unlocked key (same PIN, same
     * salt) or, given `pin`, locked anew with it. {blob} or {problem}.
     */
    async exportLocked(profile, pin) {
      if (pin) {
        const problem = core.pinProblem(pin);
        if (problem) return { problem };
        return { blob: (await lock(profile, pin, core.params().iterations)).blob };
      }
      const r = await read();
      if (r.state !== 'unlocked') return { problem: 'pin-needed' };
      return { blob: await seal(profile, fromBase64(r.key.bits), r.vault.kdf.salt, r.vault.kdf.iterations) };
    },
    /**
     * Read an imported file: {profile, locked} or {problem: 'pin-needed' | 'wrong-pin' | 'wait' |
     * {id, en}, waitMs?}. Wrong PINs count against the same throttle as unlocking.
     */
    importFile(text, pin) {
      return oneAtATime(() => store.tryImport(text, pin));
    },
    async tryImport(text, pin) {
      const kind = core.inspect(text);
      if (kind.kind === 'invalid') return { problem: kind.message, code: kind.code };
      const parsed = JSON.parse(text);
      if (kind.kind === 'plain') return { profile: parsed, locked: false };
      if (!pin) return { problem: 'pin-needed' };
      const t = await throttle();
      if (t.waitMs > 0) return { problem: 'wait', ...t };
      try {
        const { profile } = await unlock(parsed, pin);
        await local.set({ profileUnlock: { failures: 0, notBefore: 0 } });
        return { profile, locked: true };
      } catch (e) {
        if (e && e.code === 'wrong-pin') return { problem: 'wrong-pin', ...(await failed()) };
        return { problem: 'damaged' };
      }
    },
    /** Remove the profile in every form, and the key. */
    async clear() {
      await session.remove(['profile', 'profileKey']);
      await local.remove(['profile', 'profileVault', 'profileMode', 'profileUnlock']);
    },
  };
  return store;
}
