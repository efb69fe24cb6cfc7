// The QR code of a resume link, loaded only when a citizen saves a draft for later (the encoder
// is 3.6 KB brotli, too much for every page). Drawn as SVG through Lit's `svg` template: the
// modules are one path's `d` attribute, so no markup string reaches the DOM and Trusted Types
// hold.
import { type SVGTemplateResult, svg } from 'lit';
import { encode } from 'uqr';

/**
 * `text` as a QR code: black modules on white with the quiet zone the standard asks for, at
 * error correction level M (survives a smudged phone camera view of a kiosk screen).
 */
export function qrCode(text: string): SVGTemplateResult {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return svg`<svg class="qr" viewBox=${`0 0 ${size} ${size}`} shape-rendering="crispEdges" aria-hidden="true" focusable="false">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${path} fill="#000"></path>
  </svg>`;
}
