import { parentPort } from 'worker_threads';
import { LetterParseError } from './letter-parse-error';
import { parseLetter } from './parse-letter';
import type { ParseLetterOptions, ParsedLetter } from './parsed-letter';

/** One letter to parse, as the pool posts it. */
export interface ParseRequest {
  id: number;
  raw: Uint8Array;
  opts: ParseLetterOptions;
}

/** parseLetter's answer: the letter, or its error (a LetterParseError keeps its code and reason). */
export type ParseReply =
  { id: number; letter: ParsedLetter } | { id: number; error: { message: string; parseError: { code: LetterParseError['code']; reason: string } | null } };

// A worker thread of LetterParserPool: parses what it is sent, nothing else.
parentPort?.on('message', (req: ParseRequest) => {
  const raw = Buffer.from(req.raw.buffer, req.raw.byteOffset, req.raw.byteLength);
  parseLetter(raw, req.opts).then(
    (letter) => parentPort?.postMessage({ id: req.id, letter } satisfies ParseReply),
    (e: unknown) => {
      const parseError = e instanceof LetterParseError ? { code: e.code, reason: e.reason } : null;
      parentPort?.postMessage({ id: req.id, error: { message: (e as Error)?.message ?? String(e), parseError } } satisfies ParseReply);
    },
  );
});
parentPort?.postMessage('ready');
