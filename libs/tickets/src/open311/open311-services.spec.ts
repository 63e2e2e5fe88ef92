import { serviceCodeOf } from './open311-services';

describe('serviceCodeOf', () => {
  it('keeps a code as it was when it cannot be read as a number', () => {
    expect(serviceCodeOf('城市管理/占道经营')).toBe('ca728cfb83');
  });

  it('never gives a code that an XML client of the Spark convention would read as a number', () => {
    // sha256 prefixes 17036804e9 (a number in exponent form), 0480853811 and 9470880889.
    expect(serviceCodeOf('农业农村/耕地占用')).toBe('h7036804e9');
    expect(serviceCodeOf('城市管理/测试类别286')).toBe('g480853811');
    expect(serviceCodeOf('城市管理/测试类别279')).toBe('p470880889');
    const codes = Array.from({ length: 3000 }, (_, i) => serviceCodeOf(`城市管理/测试类别${i}`));
    expect(codes.filter((c) => !Number.isNaN(Number(c)))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
