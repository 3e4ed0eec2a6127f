// "Perkecil otomatis": re-encode an oversized photo (JPG/PNG) as a JPEG that fits the limit, in
// the browser (canvas encoder; EXIF orientation applied, metadata dropped), and put it into the
// same file input only when the person clicks. Never used on PDFs.
(function (root) {
  'use strict';
  const NS = (root.SSCASN = root.SSCASN || {});
  const MIN_QUALITY = 0.5;
  const MAX_SIDE = 2400; // well above what pas foto / KTP rules ask for

  function encode(canvas, quality) {
    return new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), 'image/jpeg', quality));
  }

  /** The best-quality JPEG of `file` under `maxBytes`: search quality first, then size. */
  NS.shrinkImage = async function shrinkImage(doc, file, maxBytes) {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    let scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    for (let round = 0; round < 8; round++) {
      const canvas = doc.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff'; // PNG transparency becomes white, not black
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      let lo = MIN_QUALITY;
      let hi = 0.95;
      let best = null;
      const atLo = await encode(canvas, lo);
      if (atLo.size <= maxBytes) {
        best = { blob: atLo, quality: lo };
        for (let i = 0; i < 6; i++) {
          const q = (lo + hi) / 2;
          const b = await encode(canvas, q);
          if (b.size <= maxBytes) {
            best = { blob: b, quality: q };
            lo = q;
          } else hi = q;
        }
        return { ...best, width: canvas.width, height: canvas.height };
      }
      // Even the lowest quality is too big: fewer pixels, in proportion to the overshoot.
      scale *= Math.max(0.3, Math.min(0.9, Math.sqrt(maxBytes / atLo.size) * 0.95));
    }
    throw new Error('cannot fit');
  };

  /**
   * Replace the input's file with `blob` (named after the original) and let the site see it;
   * `note` is kept on the input so the new verdict can say what was done.
   */
  NS.putIntoInput = function putIntoInput(input, blob, originalName, note) {
    const base = String(originalName || 'foto').replace(/\.[^.]+$/, '');
    const file = new File([blob], `${base}_kecil.jpg`, { type: 'image/jpeg', lastModified: Date.now() });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input._sscasnShrunk = { name: file.name, note };
    input.files = transfer.files;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return file;
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = NS;
})(typeof globalThis !== 'undefined' ? globalThis : this);
