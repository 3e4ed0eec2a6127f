// The native checker the JS tests compare against: the debug build `./build.sh test` makes next to
// the native tests (its dependencies are shared with them; the crypto and codec packages are
// optimised even there, see Cargo.toml), or the binary named by SSCASN_CHECK.
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = process.env.SSCASN_CHECK || join(ROOT, 'target', 'debug', 'sscasn-check');
