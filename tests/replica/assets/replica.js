// Shared helpers of the replica pages: a fake XHR layer (like the real SPA's JSON calls with an
// X-XSRF-TOKEN header), late rendering, and a record of what the page's own handlers received.
window.__replica = window.__replica || { received: {}, events: [], submitted: false, position: null, touched: [] };
// Record any touch of a captcha or password field: the extension must never do that.
for (const type of ['focusin', 'input', 'change', 'keydown']) {
  document.addEventListener(type, (e) => {
    const t = e.target;
    if (t && t.matches && t.matches('#captcha, [name=captcha], [type=password]')) window.__replica.touched.push(`${type}:${t.id || t.name}`);
  }, true);
}
window.replicaFetch = async function (path) {
  const res = await fetch(path, { headers: { 'X-XSRF-TOKEN': 'replica-token', Accept: 'application/json' } });
  if (!res.ok) throw new Error('HTTP ' + res.status);
  return res.json();
};
window.replicaDelay = function () {
  const m = /[?&]delay=(\d+)/.exec(location.search);
  return m ? Number(m[1]) : 300;
};
window.h = function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
};
