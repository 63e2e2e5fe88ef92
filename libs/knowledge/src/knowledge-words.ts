import { foldText, textWords } from '@hub/domain';

/**
 * Searching the knowledge base by what the words mean, not by their exact characters: callers say
 * 医疗保险 or 医保, 住房公积金 or 公积金, 怎么 or 如何. Each group below is folded to its first form in
 * entries and queries alike before both are cut into words, and a few words that every question
 * carries (怎么, 请问, 可以…) weigh little when ranking. Grow the groups as the gaps report shows
 * calls an entry should have answered.
 */
export const SYNONYMS: readonly string[][] = [
  ['医保', '医疗保险', '基本医疗保险'],
  ['社保', '社会保险'],
  ['养老保险', '养老金保险', '退休金'],
  ['公积金', '住房公积金'],
  ['身份证', '居民身份证'],
  ['户口', '户籍'],
  ['营业执照', '执照'],
  ['灵活就业', '自由职业', '个体工商户', '打零工'],
  ['参保', '缴费登记', '参加保险', '交保险', '缴纳保险', '买保险'],
  ['报销', '结算'],
  ['提取', '取出', '支取'],
  ['补办', '重新办理', '丢失补领', '挂失补办', '补领'],
  ['怎么', '如何', '怎样', '咋', '什么方式'],
  ['办理', '申请', '申领', '去办'],
  ['需要', '要带', '要准备', '须', '需'],
  ['材料', '资料', '证件', '手续'],
  ['哪里', '什么地方', '在哪', '何处', '地点'],
  ['时间', '几点', '多久', '时限'],
  ['电话', '号码', '联系方式'],
  ['孩子', '小孩', '子女', '儿童'],
  ['入学', '上学', '报名读书'],
  ['老人', '老年人', '长者'],
  ['残疾人', '残障人士'],
  ['失业金', '失业保险金', '失业补助'],
  ['工资', '薪水', '工钱', '薪资'],
  ['拖欠', '不发', '不给', '欠薪'],
  ['停水', '没水', '断水'],
  ['停电', '没电', '断电'],
  ['燃气', '天然气', '煤气'],
  ['垃圾', '废弃物'],
  ['噪音', '噪声', '太吵', '吵闹'],
  ['小区', '住宅区'],
  ['违章', '违法', '违规'],
  ['电动车', '电瓶车', '电动自行车'],
  ['驾驶证', '驾照'],
  ['公交', '公交车', '巴士'],
  ['退休', '退休手续'],
  ['生育', '生孩子', '产假'],
  ['医院', '看病', '就医'],
  ['异地', '外地', '省外'],
  ['新生儿', '刚出生', '宝宝'],
];

/** Words that carry little meaning in a question; they still match, at a tenth of the weight. */
const LIGHT = new Set(
  [
    '怎么办',
    '怎么',
    '办理',
    '需要',
    '哪里',
    '请问',
    '可以',
    '什么',
    '一下',
    '我想',
    '是否',
    '能否',
    '问题',
    '咨询',
    '有关',
    '关于',
    '现在',
    '时间',
    '材料',
    '我们',
    '这个',
    '那个',
    '多少',
    '哪些',
    '要求',
  ].flatMap((w) => textWords(w)),
);

const FOLDS: Array<[string, string]> = SYNONYMS.flatMap((group) => group.slice(1).map((v) => [foldText(v), foldText(group[0])] as [string, string])).sort(
  (a, b) => b[0].length - a[0].length,
);

/** The text with each synonym folded to its group's first form. */
export function foldSynonyms(text: string): string {
  let s = foldText(text);
  for (const [from, to] of FOLDS) if (s.includes(from)) s = s.split(from).join(to);
  return s;
}

/** The distinct words of a text after folding synonyms. */
export function meaningWords(text: string): string[] {
  return [...new Set(textWords(foldSynonyms(text)))];
}

/** An entry's search document: words of its title, every phrasing and its answer. */
export function knowledgeDocument(e: { title: string; questions: string[]; answer: string }): string {
  return [...new Set([e.title, ...e.questions, e.answer].flatMap(meaningWords))].join(' ');
}

export interface RankableEntry {
  id: number;
  title: string;
  questions: string[];
  answer: string;
}

const weight = (w: string) => (LIGHT.has(w) ? 0.1 : 1);

/**
 * How well an entry answers a query, in [0, 1]: the weighted share of the query's words found in
 * the best matching phrasing (the title counts as one), plus a little for words found only in the
 * answer, plus the engine's relevance as a tie-breaker.
 */
export function knowledgeScore(query: string, e: RankableEntry, engineScore = 0, vocabulary?: Set<string>): number {
  // Words no entry uses (pairs across word boundaries: 了打, 里停) say nothing about which entry fits.
  const q = meaningWords(query).filter((w) => !vocabulary || vocabulary.has(w));
  if (!q.length) return 0;
  const total = q.reduce((s, w) => s + weight(w), 0);
  // A question of filler only (怎么办理) matches everything a little and nothing well.
  const substance = Math.min(1, total);
  const asked = new Set(q);
  let best = 0;
  for (const phrasing of [e.title, ...e.questions]) {
    const words = meaningWords(phrasing);
    if (!words.length) continue;
    const set = new Set(words);
    const hit = q.reduce((s, w) => s + (set.has(w) ? weight(w) : 0), 0) / total;
    // A phrasing much longer than the query is a weaker match than one of the same length.
    const focus = q.length / Math.max(q.length, set.size);
    // A long ticket text holds a short phrasing whole: then the phrasing's share counts.
    const held = words.reduce((s, w) => s + (asked.has(w) ? weight(w) : 0), 0) / words.reduce((s, w) => s + weight(w), 0);
    best = Math.max(best, hit * (0.85 + 0.15 * focus), 0.9 * held);
  }
  const answer = new Set(meaningWords(e.answer));
  const inAnswer = q.reduce((s, w) => s + (answer.has(w) ? weight(w) : 0), 0) / total;
  return substance * Math.min(1, 0.8 * best + 0.15 * inAnswer + 0.05 * Math.min(1, engineScore / 20));
}

/** Entries best first with their scores; those below `min` left out. The entries' own words are the vocabulary a query is read in. */
export function rankKnowledge<E extends RankableEntry>(
  query: string,
  entries: Array<{ entry: E; engineScore?: number }>,
  min = 0.2,
): Array<{ entry: E; score: number }> {
  const vocabulary = new Set(entries.flatMap(({ entry }) => [entry.title, ...entry.questions, entry.answer].flatMap(meaningWords)));
  return entries
    .map(({ entry, engineScore }) => ({ entry, score: knowledgeScore(query, entry, engineScore, vocabulary) }))
    .filter((r) => r.score >= min)
    .sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
}
