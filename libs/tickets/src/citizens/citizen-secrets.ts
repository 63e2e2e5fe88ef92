import { createHash, hash, randomBytes, timingSafeEqual } from 'crypto';

/**
 * 查询码: 8 characters of 31 that are not mistaken for one another when read out on the phone
 * (no 0/O, 1/I/L), about 40 random bits. Guessing one online is stopped by the rate limits of the
 * public status route; the database keeps only a salted SHA-256 (`s1$salt$hash`, 59 characters).
 */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

/** Random bytes from an 8 KiB pool: an export makes 100,000 codes at once, and each small read of the source costs more than its bytes. */
let pool = Buffer.alloc(0);
let at = 0;
function randomByte(): number {
  if (at >= pool.length) {
    pool = randomBytes(8192);
    at = 0;
  }
  return pool[at++];
}
const randomChunk = (n: number) => Buffer.from(Array.from({ length: n }, randomByte));

/** Bytes ≥ 248 are dropped, so that each of the 31 characters is equally likely. */
export function newLookupCode(): string {
  let code = '';
  while (code.length < CODE_LENGTH) {
    const b = randomByte();
    if (b < 248) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  }
  return code;
}

/** As a citizen types it: lower case, full-width, with spaces or dashes, it is read as meant. */
export function normalizeLookupCode(typed: string): string {
  return typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.·]/g, '');
}

// crypto.hash: the one-shot form (Node 20.12+), several times cheaper than createHash for a few bytes.
const digest = (salt: string, code: string) => hash('sha256', `${salt}\u0000${code}`, 'base64url');

export function hashLookupCode(code: string): string {
  const salt = randomChunk(9).toString('base64url');
  return `s1$${salt}$${digest(salt, normalizeLookupCode(code))}`;
}

/** Whether the typed code is the one whose hash is stored (constant time in the hash). */
export function lookupCodeMatches(stored: string | null | undefined, typed: string): boolean {
  const m = /^s1\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]{43})$/.exec(stored ?? '');
  if (!m) return false;
  const code = normalizeLookupCode(typed);
  if (code.length !== CODE_LENGTH) return false;
  const a = Buffer.from(digest(m[1], code));
  const b = Buffer.from(m[2]);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A survey link's token: 128 random bits, URL-safe; stored as its SHA-256 (hex). */
export function newSurveyToken(): string {
  return randomBytes(16).toString('base64url');
}

export function hashSurveyToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
