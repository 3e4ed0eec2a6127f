// Lints the Firefox package the way addons.mozilla.org does: no errors, and no warning that is
// not explained here (an explained warning must say why it is acceptable).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const EXPLAINED = {
  // (none yet: keep this map short, and every entry justified)
};
const dir = resolve(process.argv[2] || 'dist/firefox');
let out;
try {
  out = execFileSync('web-ext', ['lint', '--source-dir', dir, '--output', 'json', '--no-input'], { encoding: 'utf8' });
} catch (e) {
  out = e.stdout; // web-ext exits non-zero when it finds errors; the JSON says which
}
const report = JSON.parse(out);
const unexplained = report.warnings.filter((w) => !EXPLAINED[w.code]);
for (const m of [...report.errors, ...report.warnings]) console.log(`${m._type}: ${m.code} ${m.file || ''} ${m.message}`);
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${unexplained.length} unexplained), ${report.notices.length} notices`);
if (report.errors.length || unexplained.length) process.exit(1);
