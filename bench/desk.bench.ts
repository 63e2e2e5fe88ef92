// The operator's desk lookup at scale: N tickets (default 1,000,000) with requesters' phones,
// names, e-mails, external ids and Chinese text in MariaDB (or SQLite with --db sqlite). Times each
// kind of lookup through the list's real path (ticket_search + filters + ranking) against a
// primary-key read of one ticket measured in the same run, and shows what `LIKE '%…%'` over the
// text would cost instead. Build, then: node dist/bench/desk.bench.js [--tickets N] [--db mysql|sqlite] [--keep]
// Needs MariaDB (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306) unless --db sqlite.
import 'reflect-metadata';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { randomBytes } from 'crypto';
import * as mysql from 'mysql2/promise';
import type { EntityManager } from 'typeorm';
import { parseDatabaseUrl } from '@hub/config';
import { insertRows, isMysqlFamily, openDatabase, ticketSearchRow, TypeOrmTicketInboxRepository } from '@hub/database';
import { fixedClock, formatTicketNumber, lookupKeys, queryWords } from '@hub/domain';
import { KnowledgeSearch, knowledgeDocument, readDemoKnowledge } from '@hub/knowledge';
import { join as joinPath } from 'path';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const now = () => process.hrtime.bigint();
const msSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

const PLACES = ['桃园小区', '湖滨新村', '东湖区', '西城区', '青禾大道', '人民路', '幸福里', '滨江花园', '北站', '南门菜市场', '第三中学', '城东工业园'];
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

/** A deterministic pseudo-random sequence, so two runs build the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const n = Number(arg('tickets', '1000000'));
  const dialect = arg('db', 'mysql');
  let url: string;
  let dropDb = async () => {};
  if (dialect === 'sqlite') {
    url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'hub-bench-desk-')), 'hub.sqlite')}`;
  } else {
    const base = new URL(process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
    const name = `hubbench_desk_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
    const admin = await mysql.createConnection({ uri: base.toString() });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    base.pathname = `/${name}`;
    url = base.toString();
    dropDb = async () => {
      if (!process.argv.includes('--keep')) await admin.query(`DROP DATABASE \`${name}\``);
      await admin.end();
    };
  }
  const ds = await openDatabase(parseDatabaseUrl(url, []), { migrate: true });
  const m = ds.manager;
  const out: Record<string, unknown> = { tickets: n, db: dialect };
  try {
    const rand = rng(16);
    const t0 = Date.parse('2025-01-01T00:00:00Z');
    const span = 700 * 86_400_000;
    // Bulk load: the FULLTEXT index is built once after the rows (as the migration does), not row by row.
    // (The table is rebuilt after the drop: MariaDB 10.11 re-adding a FULLTEXT index to a table that
    // kept the old one's hidden FTS_DOC_ID finds nothing until the table is rebuilt.)
    if (isMysqlFamily(m)) {
      await m.query('ALTER TABLE ticket_search DROP INDEX ft_ticket_search_words');
      await m.query('ALTER TABLE ticket_search ENGINE=InnoDB');
    }
    const load = now();
    let indexMs = 0;
    const chunk = 2000;
    for (let lo = 1; lo <= n; lo += chunk) {
      const tickets: Array<Record<string, unknown>> = [];
      const requesters: Array<Record<string, unknown>> = [];
      const search = [];
      for (let id = lo; id < Math.min(lo + chunk, n + 1); id++) {
        const place = PLACES[Math.floor(rand() * PLACES.length)];
        const issue = ISSUES[Math.floor(rand() * ISSUES.length)];
        const text = `市民反映${place}${Math.floor(rand() * 30) + 1}栋附近${issue}，已持续${Math.floor(rand() * 20) + 1}天，希望相关部门尽快处理并回复。`;
        const phone = `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
        const name = `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}${rand() < 0.5 ? '先生' : '女士'}`;
        const email = rand() < 0.2 ? `u${id}@example.com` : null;
        const receivedAt = new Date(t0 + Math.floor((span * id) / n));
        tickets.push({
          id,
          sourceId: 1,
          channel: 'hotline',
          externalId: `RX${id}`,
          status: 'closed',
          text,
          address: `青禾市${place}`,
          receivedAt,
          requesterId: id,
        });
        requesters.push({ id, name, phone, email, address: null });
        const s = now();
        search.push(ticketSearchRow({ id, externalId: `RX${id}`, text, address: `青禾市${place}`, requester: { name, phone, email } }));
        indexMs += msSince(s);
      }
      await insertRows(m, 'requesters', requesters);
      await insertRows(m, 'tickets', tickets);
      await insertRows(m, 'ticket_search', search as unknown as Array<Record<string, unknown>>);
    }
    out.loadSeconds = Math.round(msSince(load) / 100) / 10;
    out.wordsCpuMsPer1000Tickets = Math.round((indexMs / n) * 1000 * 10) / 10;
    if (isMysqlFamily(m)) {
      const ft = now();
      await m.query('CREATE FULLTEXT INDEX ft_ticket_search_words ON ticket_search (words)');
      out.fulltextBuildSeconds = Math.round(msSince(ft) / 100) / 10;
    }

    const inbox = new TypeOrmTicketInboxRepository(m);
    const sample = (await m.query(
      `SELECT t.id, t.receivedAt, t.externalId, r.phone, r.name, r.email FROM tickets t JOIN requesters r ON r.id = t.requesterId WHERE t.id IN (?, ?, ?) AND r.email IS NOT NULL OR t.id = ?`,
      [Math.floor(n / 3), Math.floor(n / 2), Math.floor((2 * n) / 3), Math.floor(n / 2) + 1],
    )) as Array<{ id: number; receivedAt: Date | string; externalId: string; phone: string; name: string; email: string | null }>;
    const one = sample[0];
    const emailRow = sample.find((r) => r.email) ?? one;
    const receivedAt = one.receivedAt instanceof Date ? one.receivedAt : new Date(`${String(one.receivedAt).replace(' ', 'T')}Z`);
    const queries: Array<[string, string]> = [
      ['number', formatTicketNumber('QH', receivedAt, Number(one.id)).toLowerCase()],
      ['phone (+86 3-4-4)', `+86 ${one.phone.slice(0, 3)} ${one.phone.slice(3, 7)} ${one.phone.slice(7)}`],
      ['e-mail', emailRow.email ?? 'none@example.com'],
      ['external id', one.externalId],
      ['name (common: ~1/40 of tickets)', one.name],
      ['text, two phrases (~1/190 of tickets)', '桃园小区 公积金提取'],
      ['text, absent phrase', '燃气泄漏'],
      ['text, common word (~1/16 of tickets)', '漏水'],
      // Every word common (1/12, 1/16, 1/20), all of them together rare (~1/4000): the one kind the newest rows cannot answer.
      ['text, common words, rare together', '桃园小区 漏水 25天'],
    ];
    const timeIt = async (f: () => Promise<unknown>, rounds = 15) => {
      await f();
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const s = now();
        await f();
        times.push(msSince(s));
      }
      times.sort((a, b) => a - b);
      return { medianMs: Math.round(times[Math.floor(times.length / 2)] * 100) / 100, maxMs: Math.round(times[times.length - 1] * 100) / 100 };
    };
    const baseline = await timeIt(() => m.query('SELECT * FROM tickets WHERE id = ?', [Math.floor(n / 2)]), 50);
    out.baselinePrimaryKeyRead = baseline;
    const results: Record<string, unknown> = {};
    for (const [kind, q] of queries) {
      let page: { total: number; more?: boolean } = { total: 0 };
      const r = await timeIt(async () => {
        page = await inbox.page({ scope: null, now: new Date(), search: { keys: lookupKeys('QH', q), words: queryWords(q), personal: true } }, 1, 20);
      });
      // found: the matches the first page read (the newest ones); more: others follow (更多结果), not counted.
      results[`${kind}: ${q}`] = {
        ...r,
        found: page.total,
        more: Boolean(page.more),
        ratioToPrimaryKey: Math.round((r.medianMs / baseline.medianMs) * 10) / 10,
      };
    }
    out.lookup = results;
    // What the list did before: LIKE '%…%' over the text reads every row when the phrase is rare or absent.
    out.likeScanForComparison = {
      'absent phrase 燃气泄漏': await timeIt(() => m.query("SELECT id FROM tickets WHERE text LIKE '%燃气泄漏%' ORDER BY id DESC LIMIT 20"), 3),
    };
    out.knowledge = await knowledgeBench(m, Number(arg('entries', '10000')), timeIt);
  } finally {
    console.log(JSON.stringify(out, null, 2));
    await ds.destroy();
    await dropDb();
  }
}

/**
 * Knowledge search over N entries (default 10,000): the demo city's entries and variants of them
 * (other places, other years) so the engine has many near-duplicates to tell apart; the labelled
 * questions are asked through the real search (engine candidates + ranking).
 */
async function knowledgeBench(
  m: EntityManager,
  n: number,
  timeIt: (f: () => Promise<unknown>, rounds?: number) => Promise<{ medianMs: number; maxMs: number }>,
) {
  const demo = readDemoKnowledge(joinPath(process.cwd(), 'config'));
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i < n; i++) {
    const e = demo[i % demo.length];
    const place = i < demo.length ? '' : `（${PLACES[i % PLACES.length]}${2000 + (i % 26)}年版第${i}号）`;
    const title = `${e.title}${place}`;
    rows.push({
      title,
      questions: JSON.stringify(e.questions),
      answer: e.answer,
      category: e.category ?? null,
      status: 'published',
      version: 1,
      answerCount: 0,
      words: knowledgeDocument({ title, questions: e.questions, answer: e.answer }),
    });
  }
  const load = now();
  for (let i = 0; i < rows.length; i += 500) await insertRows(m, 'knowledge_entries', rows.slice(i, i + 500));
  const loadMs = msSince(load);
  const uow = { read: <R>(token: { typeorm: (em: EntityManager) => R }) => token.typeorm(m) } as unknown as ConstructorParameters<typeof KnowledgeSearch>[0];
  const search = new KnowledgeSearch(uow, fixedClock(new Date()));
  const questions = ['我是打零工的，想自己交医疗保险去哪办', '租的房子想把公积金取出来', '工地半夜还在施工太吵了', '身份证到期了要去哪换'];
  const results: Record<string, unknown> = {};
  for (const q of questions) {
    let top = '';
    const r = await timeIt(async () => {
      top = (await search.search(q, { limit: 3 }))[0]?.entry.title ?? '';
    }, 9);
    results[q] = { ...r, top };
  }
  return { entries: n, loadSeconds: Math.round(loadMs / 100) / 10, search: results };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
