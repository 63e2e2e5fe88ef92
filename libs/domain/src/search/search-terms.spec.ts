import { lookupKeys, queryWords, searchDocument, textWords } from './search-terms';

describe('search words', () => {
  it('cuts Chinese into neighbouring pairs and Latin and digits into runs, as ASCII words', () => {
    expect(textWords('医保 ABC-12')).toEqual(['c533bg4fdd', 'wabc', 'w12']);
  });

  it('finds a query inside a document whatever its width or case', () => {
    const doc = searchDocument(['灵活就业人员怎么办理医保参保登记', 'ＱＨ小区']).split(' ');
    for (const q of ['医保', '办理医保', '参保登记', 'qh小区']) expect(queryWords(q).every((w) => doc.includes(w))).toBe(true);
    expect(queryWords('医疗').every((w) => doc.includes(w))).toBe(false);
  });

  it('keeps a single Chinese character as a word', () => {
    expect(textWords('陈')).toEqual(['c9648']);
  });
});

describe('lookupKeys', () => {
  it('reads a ticket number in any case, width and with or without the prefix', () => {
    for (const q of ['QH20261123-000003', 'qh20261123-000003', 'ＱＨ２０２６１１２３－０００００３', '20261123-000003', ' QH 20261123000003 ']) {
      expect([q, lookupKeys('QH', q).ticketId, lookupKeys('QH', q).ticketDate]).toEqual([q, 3, '20261123']);
    }
  });

  it('reads a phone in any writing', () => {
    for (const q of [
      '13912345678',
      '+86 139 1234 5678',
      '139-1234-5678',
      '0086 13912345678',
      '１３９１２３４５６７８',
      '(+86) 139 1234 5678',
      '（+86）139-1234-5678',
    ]) {
      expect([q, lookupKeys('QH', q).phone]).toEqual([q, '13912345678']);
    }
    expect(lookupKeys('QH', '陈先生').phone).toBeNull();
    expect(lookupKeys('QH', '(0571) 8765-4321').phone).toBe('057187654321');
    expect(lookupKeys('QH', '(ok)').phone).toBeNull();
  });

  it('reads an e-mail address', () => {
    expect(lookupKeys('QH', ' Chen@Example.COM ').email).toBe('chen@example.com');
  });
});

describe('a lone character of a query', () => {
  const finds = (q: string, text: string) => {
    const doc = new Set(searchDocument([text]).split(' '));
    return queryWords(q).every((w) => doc.has(w));
  };

  it('finds a text where that character begins or ends a run of Han characters', () => {
    expect(finds('25天', '漏水已持续25天了')).toBe(true);
    expect(finds('U盘', 'U盘丢失在公交车上')).toBe(true);
    expect(finds('7楼', '住在7楼东户')).toBe(true);
    expect(finds('2025年', '从2025年开始欠薪')).toBe(true);
  });

  it('still asks for every word, and pairs as before', () => {
    expect(finds('25天', '漏水已持续24天了')).toBe(false);
    expect(finds('天了', '今天了解到')).toBe(true);
    expect(queryWords('25天')).toEqual(['w25', 'c5929']);
  });
});
