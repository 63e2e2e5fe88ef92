/**
 * Entry of a letter-parsing thread (see letter-parser-pool.ts): parseLetter on messages posted by
 * the pool, answers with the letter or with the error's code and reason.
 */
import { parentPort } from 'worker_threads';
import { LetterParseError } from './letter-parse-error';
import { parseLetter } from './parse-letter';
import type { ParseRequest, ParseResponse } from './letter-parser-pool';

const port = parentPort;
if (!port) throw new Error('parse-letter.worker runs as a worker thread of LetterParserPool');

port.on('message', (req: ParseRequest) => {
  const raw = Buffer.from(req.raw.buffer, req.raw.byteOffset, req.raw.byteLength);
  parseLetter(raw, req.opts).then(
    (letter) => port.postMessage({ id: req.id, letter } satisfies ParseResponse),
    (e: unknown) => port.postMessage({
      id: req.id,
      error: e instanceof LetterParseError
        ? { code: e.code, reason: e.reason, message: e.message }
        : { code: null, reason: null, message: e instanceof Error ? e.message : String(e) },
    } satisfies ParseResponse),
  );
});
