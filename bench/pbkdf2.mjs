// PBKDF2-SHA-256 cost in real headless Chromium and Firefox (figures, not a test): the time to
// derive one AES-256 key at the iteration counts given (PBKDF2_ITERATIONS, comma separated), as the
// extension does when a profile is locked or unlocked. Median of PBKDF2_RUNS (default 5).
import { readFileSync } from 'node:fs';
import { startServers } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/browsers.mjs';

// Default: the count new locks use (crate/core/src/vault.rs KDF_ITERATIONS), and half and double it.
const core = readFileSync(new URL('../crate/core/src/vault.rs', import.meta.url), 'utf8');
const chosen = Number(/pub const KDF_ITERATIONS: u32 = ([\d_]+);/.exec(core)[1].replace(/_/g, ''));
const counts = (process.env.PBKDF2_ITERATIONS || `${chosen / 2},${chosen},${chosen * 2}`).split(',').map(Number);
const runs = Number(process.env.PBKDF2_RUNS || 5);
const servers = await startServers();
const expr = (n) => `(async () => {
  const enc = new TextEncoder();
  const base = await crypto.subtle.importKey('raw', enc.encode('123456'), 'PBKDF2', false, ['deriveBits']);
  const times = [];
  for (let i = 0; i < ${runs}; i++) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const t = performance.now();
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ${n} }, base, 256);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
})()`;
try {
  for (const name of ['chromium', 'firefox']) {
    const b = await launch(name, servers);
    try {
      await b.open('https://daftar-sscasn.bkn.go.id/biodata');
      for (const n of counts) {
        // Selenium's executeScript does not await promises: poll a global instead.
        await b.run(`(window.__pb = null, ${expr(n)}.then((v) => (window.__pb = v)), true)`);
        let v = null;
        for (let i = 0; i < 600 && v == null; i++) {
          v = await b.run('window.__pb');
          if (v == null) await new Promise((r) => setTimeout(r, 100));
        }
        const mark = n === chosen ? '  <- used for new locks' : '';
        console.log(`${name.padEnd(9)} PBKDF2-SHA-256 ${String(n).padStart(8)} iterations: ${Math.round(v)} ms (median of ${runs})${mark}`);
      }
    } finally {
      await b.close();
    }
  }
} finally {
  await servers.close();
}
