import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { civilDate } from '@motcua/core';

/**
 * Crockford's base-32 alphabet: digits and capitals without I, L, O and U, so a code read aloud
 * or copied by hand from a slip has no look-alikes (0/O, 1/I/L).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` random characters of {@link ALPHABET}: 5 bits each. */
export function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let code = '';
  // 256 is a multiple of 32, so taking 5 bits of each byte is uniform.
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

/**
 * A code as a person may type it back: any case, spaces or dashes anywhere, and the look-alikes
 * Crockford maps (O → 0, I and L → 1). Returns undefined when it cannot be one of ours.
 */
export function normaliseCode(input: string, length: number): string | undefined {
  const plain = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== length) return undefined;
  for (const char of plain) if (!ALPHABET.includes(char)) return undefined;
  return plain;
}

/** Groups a code in fours, as it is printed and read aloud: `7K3Q-F9XD-2M4T`. */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/**
 * The calendar day of `date` in `timeZone`, as `yyyymmdd`: core's {@link civilDate}, the same
 * day the engine reads "today" by (plain arithmetic for Vietnam's fixed UTC+7).
 */
export function dayIn(timeZone: string, date: Date): string {
  return civilDate(date, timeZone).replaceAll('-', '');
}

/** `HS-<yyyymmdd>-<site>-<nnnn>`: the code a citizen is given for a dossier. */
export function dossierCode(day: string, site: string, number: number): string {
  return `HS-${day}-${site}-${String(number).padStart(4, '0')}`;
}

/**
 * JSON with object keys sorted at every level, so that the same content always gives the same
 * text (and hash), whatever order a client wrote its keys in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What a draft is found by: a hash of its resume code, so the code itself is never stored. */
export function draftLookup(resumeCode: string): string {
  return sha256(`motcua draft lookup\u0000${resumeCode}`);
}

function draftKey(resumeCode: string): Buffer {
  return Buffer.from(hkdfSync('sha256', resumeCode, 'motcua draft', 'answers', 32));
}

/**
 * Encrypts a draft's content with a key made from its resume code (AES-256-GCM): the database
 * alone does not reveal what a citizen typed.
 */
export function sealDraft(resumeCode: string, content: unknown): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', draftKey(resumeCode), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(content), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Decrypts what {@link sealDraft} made; throws when the code or the bytes are wrong. */
export function openDraft(resumeCode: string, sealed: Uint8Array): unknown {
  const data = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', draftKey(resumeCode), data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  const text = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
  return JSON.parse(text.toString('utf8'));
}
