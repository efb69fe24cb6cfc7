import type { CSSResult } from 'lit';

/**
 * Adds a chunk's styles (the kiosk's, the card scan's, the drafts', the review pages') to the
 * element's shadow root, after its own and once: the runtime does not carry what only a chunk
 * draws.
 */
export function addStyles(root: Node, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}
