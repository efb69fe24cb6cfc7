// What a strict Content-Security-Policy (no 'unsafe-eval') refuses, as it appears in built code:
// used by the checks that scan every built browser file (packages/elements/test/
// browser-bundle.test.ts, examples/portal/test/strict-csp.page.test.ts). Minified output keeps
// no comments, so a match is code.
import { readFileSync } from 'node:fs';

/** @type {ReadonlyArray<readonly [string, RegExp]>} */
export const UNSAFE_CODE = [
  ['eval(', /\beval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['a call of Function(…)', /(?<![\w$.])Function\s*\(/],
  ['setTimeout or setInterval with a string', /\bset(?:Timeout|Interval)\s*\(\s*['"`]/],
];

/**
 * @param {readonly string[]} files
 * @returns {{ file: string, what: string }[]} each file and what it holds that CSP refuses
 */
export function findUnsafeCode(files) {
  return files.flatMap((file) => {
    const code = readFileSync(file, 'utf8');
    return UNSAFE_CODE.filter(([, pattern]) => pattern.test(code)).map(([what]) => ({
      file,
      what,
    }));
  });
}
