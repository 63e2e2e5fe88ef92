/**
 * The load harness's reminders and mail: a policy with short limits for urgent tickets (so the
 * deadline sweep sends 黄灯/红灯/到期/超期/督办 reminders during the run), an SMTP sink that keeps
 * only each message's Message-ID, and the check that every mail the hub recorded as sent arrived
 * exactly once (and nothing else arrived).
 */
import { readFileSync, writeFileSync } from 'fs';
import type { AddressInfo } from 'net';
import { join } from 'path';
import type * as mysql from 'mysql2/promise';
import { SMTPServer } from 'smtp-server';

/** Urgent tickets: 签收 within 2 minutes, 超期 1 minute after, 督办 3 minutes after (wall time). */
export const SHORT_ACK_MS = 2 * 60_000;

export function shortenUrgentLimits(configDir: string): void {
  const file = join(configDir, 'policies.yaml');
  let text = readFileSync(file, 'utf8');
  const rule = ['  - name: 压测紧急件', '    match: { urgency: urgent }', '    stages:', '      acknowledge: 2m', '', ''].join('\n');
  const at = text.indexOf('\nreminders:');
  if (at < 0) throw new Error('policies.yaml: no reminders section');
  text = text.slice(0, at + 1) + rule + text.slice(at + 1);
  text = text.replace(/overdueAfter: \S+/, 'overdueAfter: 1m').replace(/escalateAfterHourly: \S+/, 'escalateAfterHourly: 3m');
  writeFileSync(file, text);
}

export interface CountingSink {
  url: string;
  /** Message-ID -> how many times it arrived. */
  seen: Map<string, number>;
  received: () => number;
  stop(): Promise<void>;
}

export async function startCountingSink(): Promise<CountingSink> {
  const seen = new Map<string, number>();
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 64_000 && !head.includes('\r\n\r\n')) head += c.toString('latin1');
      });
      stream.on('end', () => {
        received++;
        const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head.split('\r\n\r\n')[0])?.[1] ?? `(none ${received})`;
        seen.set(id, (seen.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, seen, received: () => received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface MailCounts {
  /** Per outbox kind: rows sent (expected in the sink), arrived once, missing, doubled; rows still pending or failed. */
  byKind: Record<string, { expected: number; once: number; missing: number; doubled: number; pending: number; failed: number }>;
  /** Messages in the sink the outbox does not know. */
  unknown: number;
  /** Reminder rows by level (each (deadline, level, due version) once: the key is unique). */
  reminders: Record<string, number>;
  /** Urgent 签收 limits past due (by the cut-off) and how many of them got their 到期 (or a later) reminder. */
  ackDue: { expected: number; reminded: number };
}

/** Run after the workers stopped (nothing sends any more). `cutoff`: limits due before it must have been reminded. */
export async function countMail(conn: mysql.Connection, sink: CountingSink, cutoff: Date): Promise<MailCounts> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT kind, status, messageId FROM outgoing_mail');
  const byKind: MailCounts['byKind'] = {};
  const known = new Set<string>();
  for (const r of rows) {
    const k = (byKind[r.kind as string] ??= { expected: 0, once: 0, missing: 0, doubled: 0, pending: 0, failed: 0 });
    if (r.messageId) known.add(r.messageId as string);
    if (r.status === 'failed') k.failed++;
    if (r.status !== 'sent') {
      if (r.status !== 'failed') k.pending++;
      continue;
    }
    k.expected++;
    const n = sink.seen.get(r.messageId as string) ?? 0;
    if (n === 1) k.once++;
    else if (n === 0) k.missing++;
    else k.doubled++;
  }
  let unknown = 0;
  for (const [id, n] of sink.seen) if (!known.has(id)) unknown += n;
  const [levels] = await conn.query<mysql.RowDataPacket[]>('SELECT level, COUNT(*) AS n FROM reminders GROUP BY level');
  const [ack] = await conn.query<mysql.RowDataPacket[]>(
    `SELECT COUNT(*) AS expected, SUM(lastLevelSent IN ('due', 'overdue', 'escalation')) AS reminded
       FROM deadlines WHERE stage = 'acknowledge' AND status = 'open' AND basis = 'hours' AND dueAt < ?`,
    [cutoff],
  );
  return {
    byKind,
    unknown,
    reminders: Object.fromEntries(levels.map((l) => [l.level as string, Number(l.n)])),
    ackDue: { expected: Number(ack[0].expected), reminded: Number(ack[0].reminded ?? 0) },
  };
}

/** Nothing lost or doubled among the mails, and every urgent limit past due reminded. */
export function mailProblems(m: MailCounts): string[] {
  const out: string[] = [];
  for (const [kind, k] of Object.entries(m.byKind)) {
    if (k.missing) out.push(`${k.missing} ${kind} mail(s) recorded as sent never arrived`);
    if (k.doubled) out.push(`${k.doubled} ${kind} mail(s) arrived more than once`);
    if (k.failed) out.push(`${k.failed} ${kind} mail(s) failed for good`);
  }
  if (m.unknown) out.push(`${m.unknown} mail(s) arrived that the outbox does not know`);
  if (m.ackDue.reminded < m.ackDue.expected) out.push(`${m.ackDue.expected - m.ackDue.reminded} urgent 签收 limit(s) past due without their reminder`);
  return out;
}
