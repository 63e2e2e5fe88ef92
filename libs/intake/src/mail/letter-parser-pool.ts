import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { LetterParseError, type LetterParseErrorCode } from './letter-parse-error';
import { parseLetter } from './parse-letter';
import type { ParsedLetter, ParseLetterOptions } from './parsed-letter';

export interface ParseRequest {
  id: number;
  raw: Uint8Array;
  opts: ParseLetterOptions;
}

export type ParseResponse =
  | { id: number; letter: ParsedLetter }
  | { id: number; error: { code: LetterParseErrorCode | null; reason: string | null; message: string } };

export interface LetterParserPoolOptions {
  /** Threads (default: one fewer than the cores, at least 1, at most 4); started when first needed. */
  size?: number;
  /** The compiled entry (default parse-letter.worker.js beside this file). */
  entry?: string;
  /** Node options of the threads (a test running the TypeScript entry passes its loader here). */
  execArgv?: string[];
}

interface Pending {
  raw: Buffer;
  opts: ParseLetterOptions;
  resolve: (letter: ParsedLetter) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * parseLetter on worker threads, so a mailbox poll parses letters on another core while the main
 * thread fetches, archives and writes (mailparser's streams were the largest single cost of a poll).
 * The same function, the same answers: a letter that cannot be parsed rejects with the same
 * LetterParseError. A thread that dies (a parser bug, out of memory) is replaced, and the letters it
 * held are parsed again on the main thread, so a crash never turns a good letter into a quarantined one.
 * Threads are unref'd: an idle pool does not keep the process alive.
 */
export class LetterParserPool {
  private readonly slots: Slot[] = [];
  private readonly size: number;
  private readonly entry: string;
  private readonly execArgv: string[] | undefined;
  private nextId = 1;
  private closed = false;

  constructor(opts: LetterParserPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? Math.min(4, availableParallelism() - 1));
    this.entry = opts.entry ?? join(__dirname, 'parse-letter.worker.js');
    this.execArgv = opts.execArgv;
  }

  /** The parser to use: a pool when the compiled entry is there (a build), otherwise parseLetter itself. */
  static orInline(opts: LetterParserPoolOptions = {}): (raw: Buffer, o: ParseLetterOptions) => Promise<ParsedLetter> {
    const entry = opts.entry ?? join(__dirname, 'parse-letter.worker.js');
    if (!existsSync(entry)) return parseLetter;
    const pool = new LetterParserPool({ ...opts, entry });
    return (raw, o) => pool.parse(raw, o);
  }

  parse(raw: Buffer, opts: ParseLetterOptions): Promise<ParsedLetter> {
    if (this.closed) return parseLetter(raw, opts);
    // A copy of exactly the letter's bytes, handed over without a second copy (a Buffer may be a
    // view of a larger block, which the structured clone would copy whole).
    const bytes = new Uint8Array(raw);
    const req: ParseRequest = { id: this.nextId++, raw: bytes, opts: { ...opts, ownAddresses: opts.ownAddresses ? [...opts.ownAddresses] : undefined } };
    return new Promise<ParsedLetter>((resolve, reject) => {
      const slot = this.pick();
      slot.pending.set(req.id, { raw, opts, resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage(req, [bytes.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const s of slots) this.fallBack(s);
  }

  /** The thread with the fewest letters in hand (a new one while the pool is not full). */
  private pick(): Slot {
    let best: Slot | null = null;
    for (const s of this.slots) if (!best || s.pending.size < best.pending.size) best = s;
    if (best && (best.pending.size === 0 || this.slots.length >= this.size)) return best;
    return this.spawn();
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry, this.execArgv ? { execArgv: this.execArgv } : {});
    const slot: Slot = { worker, pending: new Map() };
    this.slots.push(slot);
    worker.on('message', (res: ParseResponse) => {
      const p = slot.pending.get(res.id);
      if (!p) return;
      slot.pending.delete(res.id);
      if (!slot.pending.size) worker.unref();
      if ('letter' in res) p.resolve(revive(res.letter));
      else if (res.error.code) p.reject(new LetterParseError(res.error.code, res.error.reason ?? res.error.message));
      else p.reject(new Error(res.error.message));
    });
    const lost = () => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      this.fallBack(slot);
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    return slot;
  }

  /** Letters a thread held when it went away: parsed here instead. */
  private fallBack(slot: Slot): void {
    const held = [...slot.pending.values()];
    slot.pending.clear();
    for (const p of held) parseLetter(p.raw, p.opts).then(p.resolve, p.reject);
  }
}

/** Buffers come back from a thread as plain Uint8Arrays. */
function revive(letter: ParsedLetter): ParsedLetter {
  for (const a of letter.attachments) {
    const c = a.content as Uint8Array | null;
    if (c && !Buffer.isBuffer(c)) a.content = Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  }
  return letter;
}

const shared = new Map<number | null, (raw: Buffer, o: ParseLetterOptions) => Promise<ParsedLetter>>();

/** One pool per process for every mailbox; `threads` 0 parses on the calling thread (HUB_MAIL_PARSE_THREADS). */
export function sharedLetterParser(threads: number | null): (raw: Buffer, o: ParseLetterOptions) => Promise<ParsedLetter> {
  if (threads === 0) return parseLetter;
  let parser = shared.get(threads);
  if (!parser) {
    parser = LetterParserPool.orInline(threads === null ? {} : { size: threads });
    shared.set(threads, parser);
  }
  return parser;
}
