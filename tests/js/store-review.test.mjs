// The checks a store reviewer makes, as tests over the shipped sources and manifest: fewest
// permissions, a strict CSP, no remote code or network use, no HTML parsing of data, and a
// background that answers only an allow-list of messages from senders it has checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXT = join(ROOT, 'extension');
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));

function files(dir, ext) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}
const scripts = files(EXT, '.js').map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }));
const pages = files(EXT, '.html').map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }));

test('only the storage permission; hosts limited to SSCASN and the e-Meterai portals', () => {
  assert.deepEqual(manifest.permissions, ['storage']);
  assert.equal(manifest.optional_permissions, undefined);
  assert.equal(manifest.web_accessible_resources, undefined, 'pages cannot load extension files');
  assert.equal(manifest.externally_connectable, undefined, 'no web page may message the extension');
  for (const host of manifest.host_permissions) {
    assert.match(host, /^https:\/\/(\*\.)?(bkn\.go\.id|meterai-elektronik\.com|e-meterai\.co\.id|e-meterai\.pajakku\.com|emeterai\.posfin\.id)\/\*$/, host);
  }
  const matches = manifest.content_scripts.flatMap((c) => c.matches);
  assert.ok(matches.every((m) => manifest.host_permissions.includes(m)), 'content scripts run only where the hosts allow');
  assert.deepEqual(manifest.browser_specific_settings.gecko.data_collection_permissions.required, ['none']);
});

test('extension pages: scripts from the package only (wasm allowed), no plugins', () => {
  const csp = manifest.content_security_policy.extension_pages;
  const directive = (name) => (csp.split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === name) || []).slice(1);
  assert.deepEqual(directive('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
  assert.ok(['self', 'none'].some((v) => directive('object-src').includes(`'${v}'`)));
  for (const { path, text } of pages) {
    const srcs = [...text.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(srcs.every((s) => !/^[a-z]+:/i.test(s) && !s.startsWith('//')), `${path}: remote script ${srcs}`);
    assert.doesNotMatch(text, /<script(?![^>]*src=)[^>]*>\s*\S/, `${path}: inline script`);
    assert.doesNotMatch(text, /\son[a-z]+\s*=/i, `${path}: inline event handler`);
  }
});

test('no HTML parsing of strings, no eval, no remote code, no network', () => {
  const banned = [
    [/\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/, 'HTML from a string'],
    [/\beval\s*\(|new\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*['"`]/, 'code from a string'],
    [/\bimportScripts\b|import\s*\(\s*['"`]https?:/, 'remote code'],
    [/XMLHttpRequest|WebSocket|EventSource|navigator\.sendBeacon/, 'network use'],
  ];
  for (const { path, text } of scripts) {
    for (const [re, what] of banned) assert.doesNotMatch(text, re, `${path}: ${what}`);
    // Every fetch reads the extension's own files.
    for (const m of text.matchAll(/\bfetch\s*\(([^)]*)\)/g)) assert.match(m[1], /runtime\.getURL/, `${path}: fetch(${m[1]})`);
    assert.doesNotMatch(text.replace(/\/\/.*$/gm, ''), /['"`]https?:\/\/(?!www\.w3\.org)/, `${path}: an http(s) URL`);
  }
});

test('the background answers exactly the allow-listed message types, after the sender check', () => {
  const background = readFileSync(join(EXT, 'background.js'), 'utf8');
  const rules = readFileSync(join(EXT, 'lib', 'rules.js'), 'utf8');
  const allowed = JSON.parse(rules.match(/MESSAGE_TYPES = new Set\((\[[^\]]*\])\)/)[1].replace(/'/g, '"')).sort();
  const block = background.slice(background.indexOf('const handlers = {'), background.indexOf('\n};', background.indexOf('const handlers = {')));
  const handled = [...block.matchAll(/^ {2}async '?([a-z-]+)'?\(/gm)].map((m) => m[1]).sort();
  assert.deepEqual(handled, allowed);
  const listener = background.slice(background.indexOf('onMessage.addListener'));
  const order = ['senderAllowed(sender)', 'PAGE_ONLY_MESSAGES.has(msg.type) && !fromOwnPage(sender)', 'validateMessage(msg', 'handlers[msg.type]'].map((s) => listener.indexOf(s));
  assert.ok(order.every((i) => i > 0) && order[0] < order[1] && order[1] < order[2] && order[2] < order[3], `order ${order}`);
  // Content-script listeners (fill requests from the popup) check the sender too.
  let listeners = 0;
  for (const { path, text } of scripts.filter((s) => s.path.includes('content/'))) {
    for (const m of text.matchAll(/onMessage\.addListener\(([\s\S]*?)\n {4}\}\);/g)) {
      assert.match(m[1], /sender\.id !== api\.runtime\.id/, path);
      listeners++;
    }
  }
  assert.ok(listeners >= 1, 'the content-script listener was found and checked');
});

test('storage: storage.session only in the background (the key, the shared-computer profile); no other stores', () => {
  for (const { path, text } of scripts) {
    assert.doesNotMatch(text, /storage\.(sync|managed)|localStorage|sessionStorage|indexedDB|document\.cookie/, path);
    const code = text.replace(/^\s*(\/\/|\*).*$/gm, '');
    if (path !== join('extension', 'background.js')) assert.doesNotMatch(code, /storage\.session/, path);
  }
  // Content scripts and pages read the profile only through the background (locked or session-only).
  for (const { path, text } of scripts.filter((s) => !s.path.endsWith('background.js'))) {
    assert.doesNotMatch(text, /storage\.local\.get\(\s*\{\s*profile\b|storage\.local\.set\(\s*\{\s*profile\b/, `${path} reads or writes the profile directly`);
  }
  // The PIN is typed only into the extension's own pages: unlocking, saving, importing and exporting
  // are refused from content scripts.
  const rules = readFileSync(join(EXT, 'lib', 'rules.js'), 'utf8');
  const pageOnly = JSON.parse(rules.match(/PAGE_ONLY_MESSAGES = new Set\((\[[^\]]*\])\)/)[1].replace(/'/g, '"')).sort();
  assert.deepEqual(pageOnly, ['profile-clear', 'profile-export', 'profile-import', 'profile-save', 'profile-unlock']);
  // No page UI asks for a PIN: no password field is created in content-script code.
  for (const { path, text } of scripts.filter((s) => /lib\/|content\//.test(s.path) && !s.path.endsWith('profile-store.js'))) {
    assert.doesNotMatch(text, /type\s*=\s*['"]password['"]|\.type\s*=\s*['"]password/, path);
  }
});

test('saving with a PIN leaves no profile field and no key in storage.local (recorded writes)', async () => {
  const NS = await import('../../extension/lib/profile-store.js');
  const writes = { local: [], session: [] };
  const area = (name) => {
    const data = {};
    return {
      async get(d) {
        return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, k in data ? data[k] : v]));
      },
      async set(items) {
        writes[name].push(JSON.stringify(items));
        Object.assign(data, structuredClone(items));
      },
      async remove(keys) {
        for (const k of [].concat(keys)) delete data[k];
      },
    };
  };
  const core = { params: () => ({ iterations: 100000 }), pinProblem: () => null, waitMs: () => 1000, minutes: () => 15, inspect: () => ({ kind: 'plain' }) };
  const store = NS.createProfileStore({ local: area('local'), session: area('session'), core });
  const profile = { nik: '3171045708950003', no_kk: '3171041203150007', nama: 'SITI AMINAH', email: 'siti@example.co.id' };
  await store.save(profile, { mode: 'pin', pin: '246810' });
  await store.save({ ...profile, nama: 'SITI' }, { mode: 'pin' });
  await store.lockNow();
  await store.unlock('135790');
  await store.unlock('246810');
  const local = writes.local.join('\n');
  for (const v of Object.values(profile)) assert.ok(!local.includes(v), `storage.local got ${v}`);
  assert.ok(!local.includes('246810'), 'the PIN is never stored');
  assert.doesNotMatch(local, /profileKey|"bits"/, 'the key never goes to storage.local');
  const key = writes.session.map((w) => JSON.parse(w).profileKey).find(Boolean);
  assert.ok(key && key.bits && !local.includes(key.bits));
});
