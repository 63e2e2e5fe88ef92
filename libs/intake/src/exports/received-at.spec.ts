import { parseReceivedAt } from './received-at';

describe('parseReceivedAt', () => {
  it.each([
    ['2025-03-02 09:15', '2025-03-02T01:15:00.000Z'],
    ['2025/3/2 9:15:00', '2025-03-02T01:15:00.000Z'],
    ['2025-03-02T09:15:00+08:00', '2025-03-02T01:15:00.000Z'],
    ['2025-03-02T01:15:00Z', '2025-03-02T01:15:00.000Z'],
    ['2025年3月2日 9时15分', '2025-03-02T01:15:00.000Z'],
    ['２０２５－０３－０２ ０９：１５', '2025-03-02T01:15:00.000Z'],
    ['2025-03-02', '2025-03-01T16:00:00.000Z'],
    ['45718.385416667', '2025-03-02T01:15:00.000Z'],
  ])('reads %s as Beijing time unless a zone is given', (text, iso) => {
    expect(parseReceivedAt(text)?.toISOString()).toBe(iso);
  });

  it('reads Excel date cells and serial numbers as Beijing wall-clock time', () => {
    expect(parseReceivedAt(new Date(Date.UTC(2025, 2, 2, 9, 15)))?.toISOString()).toBe('2025-03-02T01:15:00.000Z');
    expect(parseReceivedAt(45718.5)?.toISOString()).toBe('2025-03-02T04:00:00.000Z');
  });

  it.each(['2025-02-30 10:30', '2025-13-01 10:00', '2025-03-02 25:00', '上午十点', '', '12345', 'N/A'])('refuses %j', (text) => {
    expect(parseReceivedAt(text)).toBeNull();
  });
});
