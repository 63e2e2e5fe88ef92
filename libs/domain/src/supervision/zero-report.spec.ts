import {
  parseZeroReportPeriod,
  previousZeroReportPeriod,
  zeroReportBounds,
  zeroReportPeriodAt,
  zeroReportPeriodOf,
  zeroReportPeriodStarted,
} from './zero-report';

describe('零报告 periods', () => {
  it('are Monday-to-Sunday weeks with ISO numbers, across a year end', () => {
    expect(zeroReportPeriodOf('week', '2026-03-04')).toEqual({
      kind: 'week',
      key: '2026-W10',
      from: '2026-03-02',
      to: '2026-03-08',
      label: '2026年第10周（3月2日至3月8日）',
    });
    expect(zeroReportPeriodOf('week', '2026-03-08').key).toBe('2026-W10');
    expect(zeroReportPeriodOf('week', '2026-03-09').key).toBe('2026-W11');
    // 1 January 2027 is a Friday: its week is the 53rd of 2026.
    expect(zeroReportPeriodOf('week', '2027-01-01')).toMatchObject({ key: '2026-W53', from: '2026-12-28', to: '2027-01-03' });
    expect(zeroReportPeriodOf('week', '2025-12-31')).toMatchObject({ key: '2026-W01', from: '2025-12-29' });
  });

  it('take the Beijing day of an instant: Sunday 23:59 is still last week, Monday 00:00 the next', () => {
    expect(zeroReportPeriodAt('week', new Date('2026-03-08T15:59:59Z')).key).toBe('2026-W10');
    expect(zeroReportPeriodAt('week', new Date('2026-03-08T16:00:00Z')).key).toBe('2026-W11');
    expect(zeroReportBounds(zeroReportPeriodOf('week', '2026-03-02'))).toEqual({
      start: new Date('2026-03-01T16:00:00Z'),
      end: new Date('2026-03-08T16:00:00Z'),
    });
  });

  it('are calendar months when configured so', () => {
    expect(zeroReportPeriodOf('month', '2026-02-14')).toEqual({ kind: 'month', key: '2026-02', from: '2026-02-01', to: '2026-02-28', label: '2026年2月' });
    expect(previousZeroReportPeriod(zeroReportPeriodOf('month', '2026-01-10')).key).toBe('2025-12');
    expect(previousZeroReportPeriod(zeroReportPeriodOf('week', '2026-01-01')).key).toBe('2025-W52');
  });

  it('read keys back and refuse wrong ones in Chinese', () => {
    expect(parseZeroReportPeriod('week', '2026-W10')).toEqual(zeroReportPeriodOf('week', '2026-03-02'));
    expect(parseZeroReportPeriod('week', '2026-W53').from).toBe('2026-12-28');
    expect(parseZeroReportPeriod('month', '2026-03').to).toBe('2026-03-31');
    expect(() => parseZeroReportPeriod('week', '2025-W53')).toThrow('period 应为周（如 2026-W10），收到 "2025-W53"');
    expect(() => parseZeroReportPeriod('week', '2026-03')).toThrow('period 应为周');
    expect(() => parseZeroReportPeriod('month', '2026-13')).toThrow('period 应为月（如 2026-03）');
  });

  it('have begun from their first Beijing day', () => {
    const w = parseZeroReportPeriod('week', '2026-W11');
    expect(zeroReportPeriodStarted(w, new Date('2026-03-08T15:59:59Z'))).toBe(false);
    expect(zeroReportPeriodStarted(w, new Date('2026-03-08T16:00:00Z'))).toBe(true);
  });
});
