import { quietHoursEnd } from './quiet-hours';

describe('quiet hours (22:00–08:00 Beijing time)', () => {
  it('lets a message go during the day', () => {
    expect(quietHoursEnd(new Date('2026-03-02T09:00:00+08:00'))).toBeNull();
    expect(quietHoursEnd(new Date('2026-03-02T21:59:59+08:00'))).toBeNull();
    expect(quietHoursEnd(new Date('2026-03-02T08:00:00+08:00'))).toBeNull();
  });

  it('holds a message written at 22:00 or later until 08:00 the next morning', () => {
    expect(quietHoursEnd(new Date('2026-03-02T22:00:00+08:00'))).toEqual(new Date('2026-03-03T08:00:00+08:00'));
    expect(quietHoursEnd(new Date('2026-03-31T23:30:00+08:00'))).toEqual(new Date('2026-04-01T08:00:00+08:00'));
  });

  it('holds a message written after midnight until 08:00 the same morning', () => {
    expect(quietHoursEnd(new Date('2026-03-03T03:15:00+08:00'))).toEqual(new Date('2026-03-03T08:00:00+08:00'));
    // 23:00 UTC is already 07:00 the next day in Beijing.
    expect(quietHoursEnd(new Date('2026-03-02T23:00:00Z'))).toEqual(new Date('2026-03-03T08:00:00+08:00'));
  });
});
