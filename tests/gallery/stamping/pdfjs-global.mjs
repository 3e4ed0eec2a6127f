// pdfjs-dist's web/pdf_viewer.mjs reads the library from globalThis.pdfjsLib when it is evaluated:
// imported before it, this module puts it there.
import * as pdfjsLib from 'pdfjs-dist';

pdfjsLib.GlobalWorkerOptions.workerSrc = '/gallery-vendor/pdfjs-dist/build/pdf.worker.min.mjs';
globalThis.pdfjsLib = pdfjsLib;
export default pdfjsLib;
