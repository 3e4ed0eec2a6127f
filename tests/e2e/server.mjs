// Serves the replica pages over HTTPS under the real host names (chosen by the Host header), with
// a certificate generated at test time, plus a CONNECT proxy that tunnels those names to it for
// Firefox. Nothing here reaches any other host.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPLICA = join(HERE, '..', 'replica');
export const FIXTURES = join(HERE, '..', 'fixtures');
// pdf.js is served from the tests' node_modules (tests/package.json; the portals render pages with
// it too); never from a CDN.
const PDFJS = join(HERE, '..', 'node_modules', 'pdfjs-dist', 'build');
// Test galleries (pages built with real component libraries by scripts/build-galleries.mjs), and
// the pdf.js builds inside node_modules that their viewers load workers from.
export const GALLERY = join(HERE, '..', 'out', 'gallery');
// Generated pages (tests/generated/): /generated/<flow>.html?seed=N is made on request from the
// seed; /generated/pages/ holds the page modules they load.
const GENERATED = join(HERE, '..', 'generated');
const { pageHtml, FLOWS } = await import('../generated/index.mjs');

/**
 * A copy of fixture `src` named `name` in `dir`, padded with PDF comment bytes to `padKb` KB when
 * given (a file of a known size whose content is still the fixture's). {src, name, padKb, path, size}.
 */
export function fixtureCopy(dir, src, name, padKb) {
  const path = join(dir, name);
  let bytes = readFileSync(join(FIXTURES, src));
  if (padKb) {
    const pad = Buffer.alloc(padKb * 1024 - bytes.length, 0x20);
    pad.write('\n%', 0);
    bytes = Buffer.concat([bytes, pad]);
  }
  writeFileSync(path, bytes);
  return { src, name, padKb, path, size: bytes.length };
}
const NODE_MODULES = join(HERE, '..', 'node_modules');
export const HOSTS = { 'daftar-sscasn.bkn.go.id': 'sscasn', 'meterai-elektronik.com': 'meterai' };
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.map': 'application/json' };

function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'sscasn-cert-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const san = 'subjectAltName=' + Object.keys(HOSTS).map((h) => 'DNS:' + h).join(',') + ',DNS:*.bkn.go.id';
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=sscasn-helper-replica', '-addext', san], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

function route(req, res) {
  const host = String(req.headers.host || '').split(':')[0];
  const site = HOSTS[host];
  const url = new URL(req.url, 'https://' + host);
  if (!site) {
    res.writeHead(421).end('unknown host');
    return;
  }
  const data = JSON.parse(readFileSync(join(REPLICA, site === 'sscasn' ? 'sscasn' : 'meterai', 'data.json'), 'utf8').toString() || '{}');
  if (data[url.pathname]) {
    res.writeHead(200, { 'content-type': TYPES['.json'] }).end(JSON.stringify(data[url.pathname]));
    return;
  }
  const generated = url.pathname.match(/^\/generated\/(\w+)(?:\.html|\/[\w-]+)$/);
  if (generated && FLOWS[generated[1]] && /^\d+$/.test(url.searchParams.get('seed') || '')) {
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(pageHtml(generated[1], Number(url.searchParams.get('seed'))));
    return;
  }
  // The stamping page is one replica served under both hosts (it adapts to the host name).
  const STAMPING = { sscasn: '/emeterai', meterai: '/stamping' };
  let file;
  if (url.pathname === STAMPING[site]) file = join(REPLICA, 'assets', 'stamping-page.html');
  else if (url.pathname.startsWith('/assets/')) file = normalize(join(REPLICA, url.pathname));
  else if (url.pathname.startsWith('/vendor/pdfjs/')) file = normalize(join(PDFJS, url.pathname.slice('/vendor/pdfjs/'.length)));
  else if (url.pathname.startsWith('/gallery/')) file = normalize(join(GALLERY, url.pathname.slice('/gallery/'.length)));
  else if (url.pathname.startsWith('/gallery-vendor/') && url.pathname.includes('/pdfjs-dist/'))
    file = normalize(join(NODE_MODULES, url.pathname.slice('/gallery-vendor/'.length)));
  else if (url.pathname.startsWith('/generated/pages/')) file = normalize(join(GENERATED, 'pages', url.pathname.slice('/generated/pages/'.length)));
  else if (url.pathname.startsWith('/fixtures/')) file = normalize(join(FIXTURES, url.pathname.slice('/fixtures/'.length)));
  else file = normalize(join(REPLICA, site, (url.pathname === '/' ? '/login' : url.pathname) + '.html'));
  const allowed = [REPLICA, FIXTURES, PDFJS, GALLERY, NODE_MODULES, GENERATED].some((root) => file.startsWith(root + '/'));
  if (!allowed || !existsSync(file)) {
    res.writeHead(404, { 'content-type': TYPES['.html'] }).end('<h1>404 Halaman tidak ditemukan</h1>');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(readFileSync(file));
}

/** Start the HTTPS replica server and the CONNECT proxy on free ports. */
export async function startServers() {
  const https = createHttpsServer(makeCertificate(), route);
  await new Promise((r) => https.listen(0, '127.0.0.1', r));
  const httpsPort = https.address().port;
  const proxy = createHttpServer((req, res) => res.writeHead(403).end('only CONNECT to the replica hosts'));
  proxy.on('connect', (req, socket, head) => {
    const [host] = String(req.url).split(':');
    if (!HOSTS[host]) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(httpsPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  const proxyPort = proxy.address().port;
  return {
    httpsPort,
    proxyPort,
    async close() {
      https.closeAllConnections?.();
      proxy.closeAllConnections?.();
      await Promise.all([new Promise((r) => https.close(r)), new Promise((r) => proxy.close(r))]);
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await startServers();
  console.log(`replicas: https on 127.0.0.1:${s.httpsPort}, CONNECT proxy on 127.0.0.1:${s.proxyPort}`);
}
