import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { LetterParseError } from './letter-parse-error';
import { parseLetter } from './parse-letter';
import type { ParseLetterOptions, ParsedLetter } from './parsed-letter';
import type { ParseReply, ParseRequest } from './parse-worker';

interface Pending {
  resolve: (l: ParsedLetter) => void;
  reject: (e: unknown) => void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  started: Promise<void>;
  pending: Map<number, Pending>;
}

/**
 * parseLetter on worker threads, so a poll's main thread fetches, archives and writes to the
 * database while the letters of the next batch are parsed beside it. The threads start at the
 * first letter; until one has loaded the parsers, letters are parsed here as before (a poll of a
 * few letters never waits for a thread). Threads that are idle do not keep the process alive. A
 * thread that dies fails its letters (the poll stops and the next one takes them again) and is
 * replaced. Runs only from compiled JavaScript (dist or the CLI bundle): under ts-jest or swc the
 * worker file is TypeScript, and parse() is parseLetter.
 */
export class LetterParserPool {
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private turn = 0;
  private onThreads = 0;
  private readonly script: string | null;

  constructor(
    private readonly size = defaultThreads(),
    script = join(__dirname, 'parse-worker.js'),
  ) {
    this.script = size > 0 && existsSync(script) ? script : null;
  }

  /** Same contract as parseLetter. */
  readonly parse = (raw: Buffer, opts: ParseLetterOptions): Promise<ParsedLetter> => {
    if (!this.script) return parseLetter(raw, opts);
    while (this.threads.length < this.size) this.threads.push(this.spawn(this.script));
    const ready = this.threads.filter((t) => t.ready);
    if (!ready.length) return parseLetter(raw, opts);
    const thread = ready[this.turn++ % ready.length];
    const id = this.nextId++;
    this.onThreads++;
    return new Promise<ParsedLetter>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      if (thread.pending.size === 1) thread.worker.ref();
      // A copy: the poll's buffers stay usable (the raw bytes are archived and kept by the caller).
      thread.worker.postMessage({
        id,
        raw: new Uint8Array(raw),
        opts: { ...opts, ownAddresses: opts.ownAddresses ? [...opts.ownAddresses] : undefined },
      } satisfies ParseRequest);
    });
  };

  /** Starts the threads now and resolves when they have loaded the parsers (false: no threads here, letters are parsed in-thread). */
  async start(): Promise<boolean> {
    if (!this.script) return false;
    while (this.threads.length < this.size) this.threads.push(this.spawn(this.script));
    await Promise.all(this.threads.map((t) => t.started));
    return true;
  }

  /** Letters parsed on a thread so far (the rest were parsed in-thread). */
  get parsedOnThreads(): number {
    return this.onThreads;
  }

  /** Stops the threads (letters in flight fail). */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private spawn(script: string): Thread {
    const worker = new Worker(script);
    let started = () => undefined as void;
    const thread: Thread = { worker, ready: false, started: new Promise<void>((r) => (started = r)), pending: new Map() };
    worker.unref();
    worker.on('message', (msg: ParseReply | 'ready') => {
      if (msg === 'ready') {
        thread.ready = true;
        // The unref() at spawn does not last: Node holds the worker's port again once it is online,
        // and a thread that never got a letter kept a finished `hub mailbox poll` from exiting.
        if (!thread.pending.size) worker.unref();
        started();
        return;
      }
      const p = thread.pending.get(msg.id);
      if (!p) return;
      thread.pending.delete(msg.id);
      if (!thread.pending.size) worker.unref();
      if ('letter' in msg) p.resolve(revive(msg.letter));
      else p.reject(msg.error.parseError ? new LetterParseError(msg.error.parseError.code, msg.error.parseError.reason) : new Error(msg.error.message));
    });
    const fail = (e: Error) => {
      const i = this.threads.indexOf(thread);
      if (i >= 0) this.threads.splice(i, 1);
      for (const p of thread.pending.values()) p.reject(new Error(`邮件解析线程退出：${e.message}`));
      thread.pending.clear();
      started();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return thread;
  }
}

let shared: LetterParserPool | null = null;

/** The process's pool (its threads start with the first letter parsed, and idle ones do not hold the process open). */
export function sharedLetterParser(): LetterParserPool {
  return (shared ??= new LetterParserPool());
}

/** Structured cloning makes Buffers plain Uint8Arrays: attachments' contents become Buffers again. */
function revive(letter: ParsedLetter): ParsedLetter {
  for (const a of letter.attachments) if (a.content) a.content = Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
  return letter;
}

/** One thread per core beyond the main thread's, at most 4 (one on a 2-core machine). */
function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}
