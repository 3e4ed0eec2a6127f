// pdfjs-dist for the generated stamping pages (tests/generated/pages/stamp.mjs).
import * as pdfjsLib from 'pdfjs-dist';

pdfjsLib.GlobalWorkerOptions.workerSrc = '/gallery-vendor/pdfjs-dist/build/pdf.worker.min.mjs';
export default pdfjsLib;
