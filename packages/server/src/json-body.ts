import { Problem } from './problems.js';

/**
 * How deep a JSON body may nest. The deepest dossier is 6 levels (body, answers, a group, a row,
 * a file list, a file); the JSON reviver, the engine's copy of the answers and the canonical JSON
 * of the idempotency hash all recurse, and 10,000 levels of `[` overflow their stack.
 */
export const MAX_JSON_DEPTH = 32;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a JSON body, or a problem: bytes that are not UTF-8 (decoding them leniently would
 * store U+FFFD in a citizen's name), or nesting deeper than {@link MAX_JSON_DEPTH}. The depth is
 * counted on the text, before anything parses it; brackets inside strings do not count.
 *
 * @example
 * const text = jsonText(Buffer.from('{"counter":"1"}')); // '{"counter":"1"}'
 */
export function jsonText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new Problem('invalid-json', {}, { reason: 'The body is not UTF-8; encode it in UTF-8.' });
  }
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new Problem('invalid-request', {
          reason: {
            vi: `dữ liệu JSON lồng nhau sâu quá ${MAX_JSON_DEPTH} tầng`,
            en: `the JSON nests more than ${MAX_JSON_DEPTH} levels deep`,
          },
        });
      }
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return text;
}
