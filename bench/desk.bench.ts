// The operator's desk lookup at scale: N tickets (default 1,000,000) with requesters' phones,
// names, e-mails, external ids and Chinese text in MariaDB (or SQLite with --db sqlite). Times each
// kind of lookup through the list's real path (ticket_search + filters + ranking) against a
// primary-key read of one ticket measured in the same run, and shows what `LIKE '%…%'` over the
// text would cost instead. Build, then: node dist/bench/desk.bench.js [--tickets N] [--db mysql|sqlite] [--keep]
// [--database NAME] (NAME: a database built by an earlier run is reused as it is; see desk-data.ts).
// Needs MariaDB (BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306) unless --db sqlite.
import 'reflect-metadata';
import { join as joinPath } from 'path';
import type { DataSource, EntityManager } from 'typeorm';
import { insertRows, ticketSearchRow, TypeOrmTicketInboxRepository, TypeOrmTicketSearchRepository } from '@hub/database';
import { fixedClock, formatTicketNumber, lookupKeys, queryWords } from '@hub/domain';
import { KnowledgeSearch, knowledgeDocument, readDemoKnowledge } from '@hub/knowledge';
import { arg, buildDesk, msSince, now, openBench, PLACES } from './desk-data';

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const n = Number(arg('tickets', '1000000'));
  const dialect = arg('db', 'mysql');
  const { ds, built, close } = await openBench(dialect);
  const m = ds.manager;
  const out: Record<string, unknown> = { tickets: n, db: dialect };
  try {
    if (built) out.reused = arg('database', '');
    else Object.assign(out, await buildDesk(m, n));

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
      // Two common words (1/16 each) never in one ticket: every entry of the rarer one's list is read.
      ['text, common words, never together', '漏水 公积金'],
      // `3` is the word w3, under InnoDB's minimum token size: FULLTEXT has no entries for it.
      ['text, with a one-digit word', '湖滨新村 路灯不亮 3天'],
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
    if (dialect === 'mysql') out.writes = await writeBench(ds, n);
    out.knowledge = await knowledgeBench(m, Number(arg('entries', '10000')), timeIt);
  } finally {
    console.log(JSON.stringify(out, null, 2));
    await close();
  }
}

/**
 * What the posting lists (ticket_words) add to a ticket's write: lookup rows written one ticket per
 * transaction, as intake writes them, with the lists and without them (the FULLTEXT index alone),
 * in alternating rounds over the N tickets already there; the rows are removed afterwards.
 */
async function writeBench(ds: DataSource, n: number) {
  const perRound = 300;
  const ms = { lists: 0, fulltextOnly: 0 };
  let id = n + 1_000_000;
  const first = id;
  const texts: string[] = [];
  for (let round = 0; round < 6; round++) {
    for (const variant of ['lists', 'fulltextOnly'] as const) {
      const start = now();
      for (let i = 0; i < perRound; i++, id++) {
        const text = `市民反映${PLACES[id % PLACES.length]}${(id % 30) + 1}栋附近第${id % 97}号井盖破损，已持续${(id % 20) + 1}天，希望尽快处理。`;
        texts.push(text);
        await ds.transaction((m) => new TypeOrmTicketSearchRepository(m, undefined, { words: variant === 'lists' }).index([ticketSearchRow({ id, text })]));
      }
      ms[variant] += msSince(start);
    }
  }
  const words = [...new Set(texts.flatMap((t) => ticketSearchRow({ id: 0, text: t }).words.split(' ')))];
  await ds.query(`DELETE FROM ticket_words WHERE word IN (${words.map(() => '?').join(',')}) AND ticketId >= ?`, [...words, first]);
  await ds.query('DELETE FROM ticket_search WHERE ticketId >= ?', [first]);
  const each = (v: number) => Math.round((v / (6 * perRound)) * 100) / 100;
  return {
    ticketsEach: 6 * perRound,
    msPerTicketWithLists: each(ms.lists),
    msPerTicketFulltextOnly: each(ms.fulltextOnly),
    ratio: Math.round((ms.lists / ms.fulltextOnly) * 100) / 100,
  };
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
  await m.query('DELETE FROM knowledge_entries'); // a reused database: the entries of the last run
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
