// Lints the Firefox package the way addons.mozilla.org does: no errors, and no warning that is
// not explained here (an explained warning must say why it is acceptable).
import { execFileSync } from 'node:child_process';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXPLAINED = {
  // (none yet: keep this map short, and every entry justified)
};
const dir = resolve(process.argv[2] || 'dist/firefox');
let out;
try {
  // The pinned web-ext from tests/package.json, whatever PATH says.
  const webExt = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'web-ext');
  out = execFileSync(webExt, ['lint', '--source-dir', dir, '--output', 'json', '--no-input'], { encoding: 'utf8' });
} catch (e) {
  if (!e.stdout) throw e; // it did not run at all
  out = e.stdout; // web-ext exits non-zero when it finds errors; the JSON says which
}
const report = JSON.parse(out);
const unexplained = report.warnings.filter((w) => !EXPLAINED[w.code]);
for (const m of [...report.errors, ...report.warnings]) console.log(`${m._type}: ${m.code} ${m.file || ''} ${m.message}`);
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${unexplained.length} unexplained), ${report.notices.length} notices`);
if (report.errors.length || unexplained.length) process.exit(1);
