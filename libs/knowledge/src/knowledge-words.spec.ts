import { readFileSync } from 'fs';
import { join } from 'path';
import { knowledgeScore, meaningWords, rankKnowledge } from './knowledge-words';
import { readDemoKnowledge } from './demo-knowledge';

const entries = readDemoKnowledge(join(__dirname, '../../../config')).map((e, i) => ({ ...e, id: i + 1 }));
const labelled = readFileSync(join(__dirname, 'fixtures/knowledge-questions.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t') as [string, string]);

describe('knowledge search by meaning', () => {
  it('folds synonyms so 医疗保险 and 医保, 住房公积金 and 公积金 are the same words', () => {
    expect(meaningWords('医疗保险')).toEqual(meaningWords('医保'));
    expect(meaningWords('住房公积金怎样提取')).toEqual(meaningWords('公积金怎么提取'));
  });

  it('ranks an entry higher when the question shares its meaningful words, not its filler', () => {
    const a = { id: 1, title: '租房提取住房公积金', questions: ['租房可以提取公积金吗'], answer: '每年一次。' };
    const b = { id: 2, title: '身份证补领', questions: ['身份证丢了怎么办理'], answer: '到派出所。' };
    expect(knowledgeScore('付房租能取公积金吗', a)).toBeGreaterThan(knowledgeScore('付房租能取公积金吗', b));
    expect(knowledgeScore('怎么办理', b)).toBeLessThan(0.5);
  });

  it(`finds the right demo entry in the top 3 for the labelled questions (${labelled.length} questions, paraphrased)`, () => {
    expect(labelled.length).toBeGreaterThanOrEqual(60);
    const misses: string[] = [];
    let hits = 0;
    let first = 0;
    for (const [question, key] of labelled) {
      const top = rankKnowledge(
        question,
        entries.map((entry) => ({ entry })),
      ).slice(0, 3);
      if (top[0]?.entry.key === key) first++;
      if (top.some((t) => t.entry.key === key)) hits++;
      else misses.push(`${question} → ${key} (got ${top.map((t) => t.entry.key).join(', ') || 'nothing'})`);
    }
    const hitAt3 = hits / labelled.length;
    console.log(
      `knowledge hit@3 (ranking alone): ${hits}/${labelled.length} = ${hitAt3.toFixed(3)}; hit@1 ${first}/${labelled.length}${misses.length ? `\nmisses:\n${misses.join('\n')}` : ''}`,
    );
    expect(hitAt3).toBeGreaterThanOrEqual(0.85);
  });
});
