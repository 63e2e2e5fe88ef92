import { findTicketNumber, formatTicketNumber } from './ticket-number';

describe('findTicketNumber', () => {
  it("finds the number citizens quote in a reply's subject, however they bracket or prefix it", () => {
    for (const subject of [
      '回复：【QH20250302-000123】关于供暖问题的答复',
      '答复:QH20250302-000123',
      'RE：[QH20250302-000123]',
      'Re: 工单号QH20250302-000123',
    ]) {
      expect([subject, findTicketNumber('QH', subject)]).toEqual([subject, 'QH20250302-000123']);
    }
  });

  it('reads a number typed in full width, with a Chinese hyphen, in lower case, with a space or no hyphen', () => {
    for (const subject of [
      'ＲＥ：ＱＨ２０２５０３０２－０００１２３',
      'RE：工单号QH20250302－000123',
      'Re: 关于工单qh20250302-000123的补充',
      '回复：QH20250302—000123',
      '工单 QH20250302 000123 仍未解决',
      'QH20250302000123',
    ]) {
      expect([subject, findTicketNumber('QH', subject)]).toEqual([subject, 'QH20250302-000123']);
    }
  });

  it('finds nothing in a subject without a number, or with a date and no sequence', () => {
    expect(findTicketNumber('QH', '关于供暖问题的投诉')).toBeNull();
    expect(findTicketNumber('QH', 'QH20250302-123')).toBeNull();
    expect(findTicketNumber('QH', formatTicketNumber('QH', new Date('2025-03-02T01:00:00Z'), 42))).toBe('QH20250302-000042');
  });
});
