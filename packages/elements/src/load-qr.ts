import type { SVGTemplateResult } from 'lit';

/**
 * Loads the QR encoder the element draws a saved draft's code with: a chunk of its own
 * (`motcua-qr-*.js`, 3.7 KB brotli), fetched on first use, so a host page (a kiosk's printed
 * slip) reuses it and adds nothing to the first load. The code is SVG through Lit's `svg`
 * template, black on white, `aria-hidden` (say what it links to in text beside it).
 *
 * @example
 * const qrCode = await loadQrCode();
 * render(qrCode('https://dichvucong.example.vn/tra-cuu?ma=HS-2025-000123'), slot);
 */
export function loadQrCode(): Promise<(text: string) => SVGTemplateResult> {
  return import('./qr.js').then((module) => module.qrCode);
}
