// The portal page around an embedded viewer (the classic <iframe src=".../viewer.html">): the file
// input is here, the viewer (viewer-frame.html, same origin) gets the chosen PDF by postMessage.
// window.__placement / __gallery mirror the frame's.
const frame = document.getElementById('viewerFrame');
document.getElementById('pdf').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (!f) return;
  const data = new Uint8Array(await f.arrayBuffer());
  frame.contentWindow.postMessage({ type: 'open-pdf', data }, location.origin);
});
Object.defineProperty(window, '__placement', { get: () => frame.contentWindow.__placement ?? null });
Object.defineProperty(window, '__gallery', { get: () => frame.contentWindow.__gallery });
