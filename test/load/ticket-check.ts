/**
 * The load harness's count of the tickets against the source data (every item once, per source),
 * the intake → dispatched latency over time, and the verdict.
 */
import type * as mysql from 'mysql2/promise';
import type { DayPlan } from './day-plan';
import { MAILBOX_NAME } from './letters';
import { pct } from './load-support';

export interface SourceCount {
  expected: number;
  once: number;
  lost: number;
  doubled: number;
  /** Tickets of this channel no source item asked for. */
  unexpected: number;
}

export interface TicketCounts {
  total: number;
  unclassified: number;
  bySource: Record<string, SourceCount>;
  /** Malformed letters: quarantined exactly once each, never a ticket. */
  malformedLetters: { expected: number; quarantinedOnce: number; ticketed: number };
}

/** How many tickets there are and how many are still waiting for classification (the drain loop). */
export async function ticketProgress(conn: mysql.Connection): Promise<{ total: number; unclassified: number }> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>("SELECT COUNT(*) AS total, SUM(status = 'received') AS unclassified FROM tickets");
  return { total: Number(rows[0].total), unclassified: Number(rows[0].unclassified ?? 0) };
}

export async function countTickets(conn: mysql.Connection, plan: DayPlan): Promise<TicketCounts> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT channel, externalId, COUNT(*) AS n FROM tickets GROUP BY channel, externalId');
  const bySource: Record<string, SourceCount> = {};
  for (const [channel, ids] of Object.entries(plan.expected)) {
    const found = new Map<string, number>();
    for (const r of rows) if (r.channel === channel) found.set(String(r.externalId), Number(r.n));
    const c: SourceCount = { expected: ids.size, once: 0, lost: 0, doubled: 0, unexpected: 0 };
    for (const id of ids) {
      const n = found.get(id) ?? 0;
      if (n === 1) c.once++;
      else if (n === 0) c.lost++;
      else c.doubled++;
    }
    for (const [id, n] of found) if (!ids.has(id)) c.unexpected += n;
    bySource[channel] = c;
  }
  const other = rows.filter((r) => !(r.channel in plan.expected)).reduce((s, r) => s + Number(r.n), 0);
  if (other) bySource.other = { expected: 0, once: 0, lost: 0, doubled: 0, unexpected: other };
  const malformed = { expected: plan.malformedLetters.length, quarantinedOnce: 0, ticketed: 0 };
  if (plan.malformedLetters.length) {
    const [items] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT messageId, SUM(status = ?) AS q, SUM(ticketId IS NOT NULL) AS t FROM intake_items WHERE mailbox = ? AND messageId IN (?) GROUP BY messageId',
      ['quarantined', MAILBOX_NAME, plan.malformedLetters],
    );
    for (const i of items) {
      if (Number(i.q) === 1) malformed.quarantinedOnce++;
      malformed.ticketed += Number(i.t);
    }
  }
  const { total, unclassified } = await ticketProgress(conn);
  return { total, unclassified, bySource, malformedLetters: malformed };
}

export interface Latency {
  dispatched: number;
  p50: number;
  p95: number;
  p99: number;
  /** Per slice of the run (by the ticket's creation), with the peak queue depths sampled in it. */
  overTime: string[];
  /** The same per channel (hotline: export rows, web, mailbox). */
  byChannel: Record<string, string>;
  /** Export rows from the moment the hub acknowledged their file's upload (the file's wait for import included). */
  hotlineRowsFromUpload: string;
}

/** When each file's upload was acknowledged and which file a row came in (from the day plan). */
export interface FileTimes {
  uploadAcceptedAt: number[];
  fileOfRow: (externalId: string) => number | null;
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted.length
    ? `n=${sorted.length} p50 ${pct(sorted, 0.5).toFixed(0)} p95 ${pct(sorted, 0.95).toFixed(0)} p99 ${pct(sorted, 0.99).toFixed(0)} ms`
    : 'n=0';
};

/** Intake (ticket created) → dispatched, overall and in `slices` slices of the run. */
export async function latency(
  conn: mysql.Connection,
  t0: number,
  runMs: number,
  depthAt: (fromS: number, toS: number) => string,
  files: FileTimes,
  slices = 8,
): Promise<Latency> {
  const [lat] = await conn.query<mysql.RowDataPacket[]>(
    `SELECT TIMESTAMPDIFF(MICROSECOND, createdAt, dispatchedAt) / 1000 AS ms, TIMESTAMPDIFF(SECOND, ?, createdAt) AS at,
            channel, externalId, UNIX_TIMESTAMP(dispatchedAt) * 1000 AS dispatchedMs
       FROM tickets WHERE dispatchedAt IS NOT NULL`,
    [new Date(t0)],
  );
  const byChannel: Record<string, string> = {};
  for (const channel of [...new Set(lat.map((r) => String(r.channel)))].sort())
    byChannel[channel] = summary(lat.filter((r) => r.channel === channel).map((r) => Number(r.ms)));
  const fromUpload = lat.flatMap((r) => {
    const file = r.channel === 'hotline' && r.externalId ? files.fileOfRow(String(r.externalId)) : null;
    const accepted = file === null ? undefined : files.uploadAcceptedAt[file];
    return accepted === undefined ? [] : [Math.max(0, Number(r.dispatchedMs) - accepted)];
  });
  const ms = lat.map((r) => Number(r.ms)).sort((a, b) => a - b);
  const overTime: string[] = [];
  const width = Math.max(1, Math.ceil(runMs / 1000 / slices));
  for (let b = 0; b * width < runMs / 1000; b++) {
    const inB = lat
      .filter((r) => Number(r.at) >= b * width && Number(r.at) < (b + 1) * width)
      .map((r) => Number(r.ms))
      .sort((x, y) => x - y);
    const q = depthAt(b * width, (b + 1) * width);
    overTime.push(
      inB.length
        ? `${b * width}-${(b + 1) * width}s: n=${inB.length} p50 ${pct(inB, 0.5).toFixed(0)} p95 ${pct(inB, 0.95).toFixed(0)} p99 ${pct(inB, 0.99).toFixed(0)} ms; queues ${q}`
        : `${b * width}-${(b + 1) * width}s: n=0; queues ${q}`,
    );
  }
  return { dispatched: ms.length, p50: pct(ms, 0.5), p95: pct(ms, 0.95), p99: pct(ms, 0.99), overTime, byChannel, hotlineRowsFromUpload: summary(fromUpload) };
}

export const P95_LIMIT_MS = 5000;

/** Why the run failed ([] = passed). */
export function ticketProblems(c: TicketCounts, l: Latency, crashed: string[]): string[] {
  const out: string[] = [];
  for (const [source, s] of Object.entries(c.bySource)) {
    if (s.lost) out.push(`${source}: ${s.lost} lost`);
    if (s.doubled) out.push(`${source}: ${s.doubled} doubled`);
    if (s.unexpected) out.push(`${source}: ${s.unexpected} ticket(s) no item asked for`);
  }
  if (c.unclassified) out.push(`${c.unclassified} ticket(s) never classified`);
  const m = c.malformedLetters;
  if (m.quarantinedOnce !== m.expected || m.ticketed)
    out.push(`malformed letters: ${m.quarantinedOnce}/${m.expected} quarantined once, ${m.ticketed} ticketed`);
  if (!(l.p95 < P95_LIMIT_MS)) out.push(`dispatch latency p95 ${Number.isNaN(l.p95) ? 'n/a' : l.p95.toFixed(0)} ms ≥ ${P95_LIMIT_MS} ms`);
  for (const p of crashed) out.push(`process ${p} ended by itself`);
  return out;
}
