import { concatHeader, SEGMENT_CHARS, SINGLE_SMS_CHARS, smsSegmentCount, splitSms } from './sms-segments';

describe('SMS segments', () => {
  it('sends up to 70 Chinese characters as one SMS', () => {
    const text = '您'.repeat(SINGLE_SMS_CHARS);
    expect(splitSms(text)).toEqual([text]);
  });

  it('splits a longer text into concatenated segments of 67 characters that join back to the text', () => {
    const text = '青禾市东湖区湖滨新村'.repeat(15); // 150 characters
    const parts = splitSms(text);
    expect(parts.map((p) => p.length)).toEqual([SEGMENT_CHARS, SEGMENT_CHARS, 150 - 2 * SEGMENT_CHARS]);
    expect(parts.join('')).toBe(text);
    expect(smsSegmentCount('字'.repeat(71))).toBe(2);
  });

  it('never cuts a character outside the BMP in half', () => {
    const text = `${'字'.repeat(66)}😀${'字'.repeat(10)}`;
    const parts = splitSms(text);
    expect(parts[0]).toBe('字'.repeat(66));
    expect(parts[1].startsWith('😀')).toBe(true);
    expect(parts.join('')).toBe(text);
  });

  it('writes the concatenation header as 3GPP TS 23.040 gives it (IEI 00, reference, total, sequence)', () => {
    expect([...concatHeader(0x1a2, 3, 2)]).toEqual([0x05, 0x00, 0x03, 0xa2, 3, 2]);
  });
});
