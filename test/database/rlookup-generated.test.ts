/**
 * Outside check of the one lookup's text matches (#16): ~20,000 generated tickets (addresses,
 * Latin words, digits, full-width characters, punctuation, single characters, emoji), ~200 random
 * queries, every page (20 a page, until `more` is false) compared with a brute-force answer: the
 * tickets whose words (the hub's own, searchDocument) include every word of the query, newest first.
 * Also after some tickets' text is edited (reindex) and after a bulk import (rows without a lookup
 * row, then reindexed as the ticket-search-index job does). What a reader would call a match can
 * differ from the hub's words: see ticket-lookup-single-characters.test.ts.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '@hub/config';
import { insertRows, openDatabase, type TicketInboxRepository, TypeOrmTicketInboxRepository, TypeOrmTicketSearchRepository } from '@hub/database';
import { lookupKeys, queryWords, searchDocument } from '@hub/domain';
import { createMysqlDatabase } from '@hub/testing';

const COUNT = Number(process.env.RLOOKUP_COUNT ?? 20_000);
const QUERIES = Number(process.env.RLOOKUP_QUERIES ?? 200);
/** Another seed: other tickets and queries (the committed run uses 0). */
const SEED = Number(process.env.RLOOKUP_SEED ?? 0);

/** Mulberry32: the same tickets and queries every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const PLACES = ['桃园小区', '湖滨新村', '幸福里', '金桂苑', '绿地中心', '万达广场', '人民路', '解放大道', '建设街', '青年公寓', '龙湖天街', '滨江花园'];
const DISTRICTS = ['东湖区', '西城区', '高新区', '经开区', '南山街道', '北塘镇'];
/** Kinds of request: each has its own words, so words of different kinds are never together. */
const KINDS: Record<string, string[]> = {
  building: ['楼上漏水', '水管爆裂', '电梯故障', '外墙脱落', '物业不作为', '停水', '停电', '楼道堆物'],
  street: ['路灯不亮', '井盖缺失', '噪音扰民', '占道经营', '停车难', '垃圾清运不及时', '夜间施工'],
  finance: ['公积金提取', '医保报销', '社保断缴', '个税退税', '欠薪', '退款难'],
  net: ['WiFi信号差', 'ETC扣费异常', 'APP无法登录', '5G基站辐射', 'GPS定位不准', '宽带断网', 'ＷｉＦｉ密码', 'AS号牌', 'www网站打不开'],
};
const RARE = ['钉子户', '无人机扰民', '独居老人', '流浪猫', '地铁14号线', 'KTV噪音', 'U盘丢失', '马蜂窝'];
const GLUE = ['市民反映', '来电称', '投诉', '咨询', '希望尽快处理', '多次反映未果', '请相关部门核实', '已持续', '自', '起'];
const PUNCT = ['，', '。', '！', '？', '、', '；', '：', '“', '”', '（', '）', '【', '】', '……', '——', ' ', ',', '.', '!'];
const EMOJI = ['😡', '🙏', '🏠', '💧', '🚧', '👍'];
const SINGLES = ['水', '电', '气', '网', '楼', '天', '号'];

function numberWord(r: () => number): string {
  const n = 1 + Math.floor(r() * 30);
  const w = [`${n}天`, `${n}号楼`, `${n}单元`, `${2020 + (n % 6)}年`, `${n}个月`, `${n}楼`, `${n}0元`][Math.floor(r() * 7)];
  return r() < 0.15 ? toFullWidth(w) : w;
}

function makeText(r: () => number): { text: string; address: string; kind: string } {
  const kinds = Object.keys(KINDS);
  const kind = kinds[Math.floor(r() * kinds.length)];
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const parts: string[] = [pick(GLUE)];
  const n = 2 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.45) parts.push(pick(KINDS[kind]));
    else if (x < 0.6) parts.push(numberWord(r));
    else if (x < 0.7) parts.push(pick(GLUE));
    else if (x < 0.78) parts.push(pick(SINGLES));
    else if (x < 0.85) parts.push(pick(PLACES));
    else if (x < 0.9) parts.push(pick(EMOJI));
    else if (x < 0.905) parts.push(pick(RARE));
    else parts.push(pick(PUNCT));
    if (r() < 0.5) parts.push(pick(PUNCT));
  }
  const address = `青禾市${pick(DISTRICTS)}${pick(PLACES)}${1 + Math.floor(r() * 20)}栋${1 + Math.floor(r() * 6)}单元`;
  return { text: parts.join(''), address: r() < 0.1 ? toFullWidth(address) : address, kind };
}

function makeQuery(r: () => number, texts: Map<number, { text: string; address: string }>, ids: number[]): string {
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const kinds = Object.values(KINDS);
  const one = (): string => {
    const x = r();
    if (x < 0.2) return pick(pick(kinds));
    if (x < 0.3) return pick(RARE);
    if (x < 0.45) return numberWord(r);
    if (x < 0.55) return pick(PLACES);
    if (x < 0.6) return pick(DISTRICTS);
    if (x < 0.65) return pick(SINGLES);
    if (x < 0.7) return pick(['wifi', 'WIFI', 'ＥＴＣ', 'etc', 'app', '5g', 'GPS', 'ktv', 'u盘', 'as', 'AS', 'ww']);
    // A piece of a real ticket's text: 2-4 characters from anywhere in it.
    const t = texts.get(pick(ids))!;
    const s = [...(r() < 0.7 ? t.text : t.address)];
    const at = Math.floor(r() * Math.max(s.length - 2, 1));
    return s.slice(at, at + 2 + Math.floor(r() * 3)).join('');
  };
  const y = r();
  // A whole ticket's text pasted in (up to 32 words are kept).
  if (y < 0.04) return texts.get(pick(ids))!.text;
  if (y < 0.1) {
    const w = one();
    return `${w} ${w}`; // repeated
  }
  if (y < 0.2) return `${pick(KINDS.building)} ${pick(KINDS.finance)}`; // never together
  if (y < 0.3) return `${pick(RARE)} ${pick(PLACES)}`; // rare together
  const n = 1 + Math.floor(r() * 4);
  return Array.from({ length: n }, one).join(r() < 0.2 ? '　' : ' ');
}

describe.each([['MariaDB'], ['SQLite']])('the lookup against brute force on %s', (dialect) => {
  let ds: DataSource;
  let drop: () => Promise<void> = async () => {};
  const texts = new Map<number, { text: string; address: string }>();
  const words = new Map<number, Set<string>>();
  let ids: number[] = [];
  const receivedAt = new Date('2026-03-01T02:00:00Z');

  const setTicket = (id: number, t: { text: string; address: string }) => {
    texts.set(id, t);
    words.set(id, new Set(searchDocument([t.text, t.address]).split(' ')));
  };
  const brute = (q: string) => {
    const qw = queryWords(q);
    // Punctuation or emoji alone: no words, no text match (the lookup asks the text only for words).
    if (!qw.length) return [];
    return [...words.keys()].filter((id) => qw.every((w) => words.get(id)!.has(w))).sort((a, b) => b - a);
  };
  const pages = async (search: TypeOrmTicketSearchRepository, q: string) => {
    const qw = queryWords(q);
    const seen: number[] = [];
    const faults: string[] = [];
    let page = await search.text(qw, null, 20);
    for (let n = 1; ; n++) {
      seen.push(...page.hits.map((h) => h.ticketId));
      if (page.more && page.hits.length !== 20) faults.push(`page ${n}: ${page.hits.length} rows and more`);
      if (!page.more) break;
      page = await search.text(qw, page.before, 20);
    }
    return { seen, faults };
  };
  const mismatches: string[] = [];
  const check = async (label: string, search: TypeOrmTicketSearchRepository, queries: string[]) => {
    for (const q of queries) {
      const want = brute(q);
      const { seen, faults } = await pages(search, q);
      if (JSON.stringify(seen) !== JSON.stringify(want) || faults.length) {
        const missing = want.filter((id) => !seen.includes(id));
        const extra = seen.filter((id) => !want.includes(id));
        mismatches.push(
          `${label} ${JSON.stringify(q)}: want ${want.length} got ${seen.length}; missing ${missing.slice(0, 5)} extra ${extra.slice(0, 5)} ${faults.join('; ')}`,
        );
      }
    }
  };

  beforeAll(async () => {
    if (dialect === 'MariaDB') {
      const db = await createMysqlDatabase('rlookupgen');
      drop = db.drop;
      ds = await openDatabase(parseDatabaseUrl(db.url, []), { migrate: true });
    } else {
      ds = await openDatabase(parseDatabaseUrl(`sqlite:${join(mkdtempSync(join(tmpdir(), 'rlookup-')), 'hub.sqlite')}`, []), { migrate: true });
    }
    const r = prng(16 + SEED);
    ids = Array.from({ length: COUNT }, (_, i) => i + 1);
    for (const id of ids) setTicket(id, makeText(r));
    for (let i = 0; i < ids.length; i += 2000) {
      const part = ids.slice(i, i + 2000);
      await insertRows(
        ds.manager,
        'tickets',
        part.map((id) => ({ id, sourceId: 1, channel: 'hotline', status: 'closed', text: texts.get(id)!.text, address: texts.get(id)!.address, receivedAt })),
      );
      await new TypeOrmTicketSearchRepository(ds.manager).reindex(part);
    }
  }, 600_000);
  afterAll(async () => {
    if (mismatches.length) console.log(`${dialect} mismatches:\n${mismatches.join('\n')}`);
    await ds?.destroy();
    await drop();
  });

  it('finds every ticket with all the words, newest first, on every page', async () => {
    const r = prng(7 + SEED);
    const queries = Array.from({ length: QUERIES }, () => makeQuery(r, texts, ids));
    await check('default', new TypeOrmTicketSearchRepository(ds.manager), queries);
    // A window of 300 rows: the older matches come from the lists or the index.
    await check('window300', new TypeOrmTicketSearchRepository(ds.manager, 300), queries.slice(0, 80));
    expect(mismatches).toEqual([]);
  }, 1_200_000);

  it('lists the same tickets page by page as 工单查询 reads them (page numbers, 20 a page)', async () => {
    const r = prng(31 + SEED);
    const inbox: TicketInboxRepository = new TypeOrmTicketInboxRepository(ds.manager);
    const queries = Array.from({ length: 40 }, () => makeQuery(r, texts, ids));
    for (const q of queries) {
      const want = brute(q);
      // Each page reads the matches up to it again: a common word's list is checked over its first pages and its last.
      const seen: number[] = [];
      let faults = '';
      for (let page = 1; ; page++) {
        const filter = { scope: null, search: { keys: lookupKeys('QH', q), words: queryWords(q), personal: true }, now: new Date() };
        const res = await inbox.page(filter, page, 20);
        const got = res.rows.map((t) => t.id);
        if (page <= 5 || !res.more || page * 20 >= want.length - 40) {
          const expected = want.slice((page - 1) * 20, page * 20);
          if (JSON.stringify(got) !== JSON.stringify(expected)) faults += ` page ${page}: ${got.length} rows differ`;
        }
        seen.push(...got);
        if (res.more && got.length !== 20) faults += ` page ${page}: ${got.length} rows and more`;
        if (!res.more || faults || page > 300) break;
      }
      if (seen.length !== want.length || faults) mismatches.push(`inbox ${JSON.stringify(q)}: want ${want.length} got ${seen.length}${faults}`);
    }
    expect(mismatches).toEqual([]);
  }, 1_200_000);

  /**
   * KNOWN DEFECT, not fixed here: 工单查询 reads a lookup's matches up to the page asked for, at
   * most MAX_LISTED_MATCHES (5,000); the page past them is empty and still says more follow (the
   * console offers 还有更多结果 and another empty page). `it.failing` passes while it is so.
   */
  it.failing(
    'never shows an empty page that says more follow (a word in every ticket, past 5,000 matches)',
    async () => {
      const inbox: TicketInboxRepository = new TypeOrmTicketInboxRepository(ds.manager);
      const q = '青禾市';
      const filter = { scope: null, search: { keys: lookupKeys('QH', q), words: queryWords(q), personal: true }, now: new Date() };
      const res = await inbox.page(filter, 251, 20);
      expect({ rows: res.rows.length, more: res.more }).toEqual(
        brute(q).length > 5020 ? { rows: 20, more: true } : { rows: Math.max(brute(q).length - 5000, 0), more: false },
      );
    },
    600_000,
  );

  it('follows edited texts (reindex) and a bulk import', async () => {
    const r = prng(99 + SEED);
    const edited = Array.from({ length: 300 }, () => ids[Math.floor(r() * ids.length)]);
    for (const id of new Set(edited)) {
      const t = makeText(r);
      setTicket(id, t);
      await ds.query('UPDATE tickets SET text = ?, address = ? WHERE id = ?', [t.text, t.address, id]);
    }
    await new TypeOrmTicketSearchRepository(ds.manager).reindex([...new Set(edited)]);
    // A bulk import: tickets inserted without lookup rows, indexed afterwards by id.
    const more = Array.from({ length: 1000 }, (_, i) => COUNT + i + 1);
    for (const id of more) setTicket(id, makeText(r));
    await insertRows(
      ds.manager,
      'tickets',
      more.map((id) => ({ id, sourceId: 1, channel: 'hotline', status: 'closed', text: texts.get(id)!.text, address: texts.get(id)!.address, receivedAt })),
    );
    await new TypeOrmTicketSearchRepository(ds.manager).reindex(more);
    ids = [...ids, ...more];
    const queries = Array.from({ length: 60 }, () => makeQuery(r, texts, [...new Set(edited), ...more]));
    await check('edited', new TypeOrmTicketSearchRepository(ds.manager), queries);
    await check('edited-window300', new TypeOrmTicketSearchRepository(ds.manager, 300), queries.slice(0, 30));
    expect(mismatches).toEqual([]);
  }, 1_200_000);
});
