// The operator's desk data set at scale, shared by bench:desk (lookup) and bench:lists (the console's
// lists): N tickets over 700 days with requesters, lookup rows, units, assignments and deadlines in a
// city's proportions (most tickets closed, the last month's in every stage, a few old ones stuck
// overdue). Built once into a named database with `--database NAME` and reused by later runs.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { randomBytes } from 'crypto';
import * as mysql from 'mysql2/promise';
import type { DataSource, EntityManager } from 'typeorm';
import { parseDatabaseUrl } from '@hub/config';
import { backfillTicketWords, insertRows, isMysqlFamily, openDatabase, ticketSearchRow } from '@hub/database';

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
export const now = () => process.hrtime.bigint();
export const msSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

export const PLACES = ['桃园小区', '湖滨新村', '东湖区', '西城区', '青禾大道', '人民路', '幸福里', '滨江花园', '北站', '南门菜市场', '第三中学', '城东工业园'];
const ISSUES = [
  '夜间施工噪音扰民',
  '楼上卫生间漏水',
  '路灯不亮',
  '垃圾清运不及时',
  '灵活就业人员医保参保登记',
  '物业费收费不合理',
  '小区停车位被占用',
  '公交站台破损',
  '餐馆油烟扰民',
  '拖欠工资',
  '学区划分咨询',
  '供暖温度不达标',
  '违章搭建',
  '自来水水压低',
  '共享单车乱停放',
  '公积金提取咨询',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
export const CATEGORIES = [
  '城乡建设/噪音',
  '城乡建设/物业',
  '城乡建设/违建',
  '市政/路灯',
  '市政/供水',
  '市政/供暖',
  '环境/垃圾',
  '环境/油烟',
  '交通/公交',
  '交通/停车',
  '人社/医保',
  '人社/工资',
  '教育/学区',
  '住房/公积金',
];
export const REGIONS = ['东湖区', '西城区', '南山区', '北塘区', '青禾新区', '高新区', '滨江区', '城东区'];
export const UNITS = 60;

const T0 = Date.parse('2025-01-01T00:00:00Z');
const SPAN = 700 * 86_400_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The lists' "now": an hour after the newest ticket, so the views' contents do not drift between runs. */
export const BENCH_NOW = new Date(T0 + SPAN + HOUR);

/** A deterministic pseudo-random sequence, so two runs build the same data. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Opens the bench database: a new one (dropped at the end unless --keep), or `--database NAME` kept and reused once built. */
export async function openBench(dialect: string): Promise<{ ds: DataSource; built: boolean; close: () => Promise<void> }> {
  const named = arg('database', '');
  if (dialect === 'sqlite') {
    const path = named || join(mkdtempSync(join(tmpdir(), 'hub-bench-desk-')), 'hub.sqlite');
    const ds = await openDatabase(parseDatabaseUrl(`sqlite:${path}`, []), { migrate: true });
    return { ds, built: await isBuilt(ds.manager), close: () => ds.destroy() };
  }
  const base = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  const name = named || `hubbench_desk_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: base.toString() });
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  base.pathname = `/${name}`;
  const ds = await openDatabase(parseDatabaseUrl(base.toString(), []), { migrate: true });
  return {
    ds,
    built: await isBuilt(ds.manager),
    close: async () => {
      await ds.destroy();
      if (!named && !process.argv.includes('--keep')) await admin.query(`DROP DATABASE \`${name}\``);
      await admin.end();
    },
  };
}

async function isBuilt(m: EntityManager): Promise<boolean> {
  const [r] = (await m.query('SELECT COUNT(*) AS n FROM deadlines')) as Array<{ n: number | string }>;
  return Number(r.n) > 0;
}

/** What a ticket of this age is doing: the last month's in every stage, older ones closed but for a few stuck ones. */
function stageOf(ageMs: number, r: number): string {
  if (ageMs < DAY) return r < 0.3 ? (r < 0.1 ? 'received' : 'accepted') : r < 0.9 ? 'dispatched' : 'acknowledged';
  if (ageMs < 3 * DAY) return r < 0.02 ? 'accepted' : r < 0.3 ? 'dispatched' : r < 0.9 ? 'acknowledged' : 'returned';
  if (ageMs < 30 * DAY) return r < 0.5 ? 'acknowledged' : r < 0.6 ? 'extension_requested' : r < 0.8 ? 'replied' : 'closed';
  return r < 0.005 ? 'acknowledged' : 'closed';
}

/** Builds N tickets and everything the lookup and the lists read; the seconds each part took. */
export async function buildDesk(m: EntityManager, n: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const rand = rng(16);
  /** The lists' columns draw from their own sequence, so the lookup's columns are those the lookup bench has always built. */
  const more = rng(17);
  await insertRows(
    m,
    'units',
    Array.from({ length: UNITS }, (_, i) => ({
      id: i + 1,
      name: `单位${i + 1}`,
      kind: 'department',
      region: REGIONS[i % REGIONS.length],
      email: `u${i + 1}@example.gov.cn`,
    })),
    { ignore: true },
  );
  // Bulk load: the FULLTEXT index is built once after the rows (as the migration does), not row by row.
  // (The table is rebuilt after the drop: MariaDB 10.11 re-adding a FULLTEXT index to a table that
  // kept the old one's hidden FTS_DOC_ID finds nothing until the table is rebuilt.)
  if (isMysqlFamily(m)) {
    await m.query('ALTER TABLE ticket_search DROP INDEX ft_ticket_search_words');
    await m.query('ALTER TABLE ticket_search ENGINE=InnoDB');
  }
  const load = now();
  let indexMs = 0;
  let assignmentId = 0;
  const chunk = 2000;
  for (let lo = 1; lo <= n; lo += chunk) {
    const tickets: Array<Record<string, unknown>> = [];
    const requesters: Array<Record<string, unknown>> = [];
    const search = [];
    const assignments: Array<Record<string, unknown>> = [];
    const deadlines: Array<Record<string, unknown>> = [];
    for (let id = lo; id < Math.min(lo + chunk, n + 1); id++) {
      const place = PLACES[Math.floor(rand() * PLACES.length)];
      const issue = ISSUES[Math.floor(rand() * ISSUES.length)];
      const text = `市民反映${place}${Math.floor(rand() * 30) + 1}栋附近${issue}，已持续${Math.floor(rand() * 20) + 1}天，希望相关部门尽快处理并回复。`;
      const phone = `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
      const name = `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}${rand() < 0.5 ? '先生' : '女士'}`;
      const email = rand() < 0.2 ? `u${id}@example.com` : null;
      const receivedAt = new Date(T0 + Math.floor((SPAN * id) / n));
      const age = BENCH_NOW.getTime() - receivedAt.getTime();
      const status = stageOf(age, more());
      // Units unevenly loaded: the busiest holds about a fifth of the tickets.
      const unit = 1 + Math.floor(more() ** 2.5 * UNITS);
      const urgent = more() < 0.05;
      const triage = status === 'received' || status === 'accepted';
      const dispatchedAt = triage ? null : new Date(receivedAt.getTime() + HOUR);
      const acknowledgedAt = dispatchedAt && status !== 'dispatched' && status !== 'returned' ? new Date(dispatchedAt.getTime() + 4 * HOUR) : null;
      const closed = status === 'closed' || status === 'replied';
      const replyDueAt = dispatchedAt ? new Date(dispatchedAt.getTime() + (urgent ? 2 : 15) * DAY) : null;
      tickets.push({
        id,
        sourceId: 1,
        channel: 'hotline',
        externalId: `RX${id}`,
        status,
        text,
        address: `青禾市${place}`,
        receivedAt,
        requesterId: id,
        category: CATEGORIES[Math.floor(more() * CATEGORIES.length)],
        region: REGIONS[Math.floor(more() * REGIONS.length)],
        urgency: urgent ? 'urgent' : 'normal',
        disposition: triage ? null : 'dispatched',
        leadUnitId: triage ? null : unit,
        dispatchedAt,
        acknowledgedAt,
        replyDueAt,
        repliedAt: closed ? new Date(receivedAt.getTime() + 5 * DAY) : null,
        closedAt: status === 'closed' ? new Date(receivedAt.getTime() + 8 * DAY) : null,
      });
      requesters.push({ id, name, phone, email, address: null });
      const s = now();
      search.push(ticketSearchRow({ id, externalId: `RX${id}`, text, address: `青禾市${place}`, requester: { name, phone, email } }));
      indexMs += msSince(s);
      if (triage) {
        deadlines.push({
          ticketId: id,
          stage: 'dispatch',
          startAt: receivedAt,
          dueAt: new Date(receivedAt.getTime() + 2 * HOUR),
          basis: 'hours',
          status: 'open',
        });
        continue;
      }
      const units = more() < 0.1 ? [unit, 1 + Math.floor(more() * UNITS)].filter((u, i, a) => a.indexOf(u) === i) : [unit];
      units.forEach((unitId, i) => {
        assignmentId++;
        const active = ['dispatched', 'acknowledged', 'extension_requested'].includes(status);
        assignments.push({
          id: assignmentId,
          ticketId: id,
          unitId,
          role: i === 0 ? 'lead' : 'assist',
          status: active ? 'active' : status === 'returned' ? 'returned' : status === 'replied' ? 'replied' : 'closed',
          dispatchedAt,
          acknowledgedAt,
          returnedAt: status === 'returned' ? new Date(dispatchedAt!.getTime() + 2 * HOUR) : null,
          repliedAt: closed ? new Date(receivedAt.getTime() + 5 * DAY) : null,
        });
        const ack = status === 'dispatched' || status === 'returned' ? 'open' : 'met';
        deadlines.push({
          ticketId: id,
          assignmentId,
          unitId,
          stage: 'acknowledge',
          startAt: dispatchedAt,
          dueAt: new Date(dispatchedAt!.getTime() + (urgent ? 2 : 24) * HOUR),
          basis: 'hours',
          status: status === 'returned' ? 'cancelled' : ack,
        });
        deadlines.push({
          ticketId: id,
          assignmentId,
          unitId,
          stage: 'reply',
          startAt: dispatchedAt,
          dueAt: replyDueAt,
          basis: 'working',
          status: active ? 'open' : 'met',
        });
      });
    }
    await insertRows(m, 'requesters', requesters);
    await insertRows(m, 'tickets', tickets);
    await insertRows(m, 'ticket_search', search as unknown as Array<Record<string, unknown>>);
    await insertRows(m, 'assignments', assignments);
    await insertRows(m, 'deadlines', deadlines);
  }
  out.loadSeconds = Math.round(msSince(load) / 100) / 10;
  out.wordsCpuMsPer1000Tickets = Math.round((indexMs / n) * 1000 * 10) / 10;
  if (isMysqlFamily(m)) {
    const ft = now();
    await m.query('CREATE FULLTEXT INDEX ft_ticket_search_words ON ticket_search (words)');
    out.fulltextBuildSeconds = Math.round(msSince(ft) / 100) / 10;
    // The posting lists (ticket_words) from the rows loaded, as the migration fills them.
    const lists = now();
    await backfillTicketWords(m);
    out.wordListsBuildSeconds = Math.round(msSince(lists) / 100) / 10;
    await m.query('ANALYZE TABLE tickets, assignments, deadlines, ticket_search, ticket_words');
  }
  return out;
}
