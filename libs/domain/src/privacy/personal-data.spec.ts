import { maskAddress, maskIdNumber, maskRequester, redactPersonalText } from './personal-data';

describe('masking personal data', () => {
  it.each([
    ['青禾市东湖区桃园小区3栋2单元501', '青禾市东湖区****'],
    ['东湖区湖滨新村小区路灯', '东湖区****'],
    ['浙江省杭州市西湖区文三路90号', '浙江省杭州市西湖区****'],
    ['桃园小区3栋', '****'],
    ['幸福路12号', '****'],
    ['南港区', '南港区'],
  ])('keeps only the province, city and district of %j', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('keeps neither the birth date nor the sequence of an ID number', () => {
    expect(maskIdNumber('33010619900307123X')).toBe('330**************X');
  });

  it('masks a requester: name and numbers partly, ID number and address not at all', () => {
    expect(
      maskRequester({ name: '张三丰', phone: '13900000003', email: 'zhang@example.org', idNumber: '33010619900307123X', address: '东湖区幸福路1号' }),
    ).toEqual({ name: '张**', phone: '139****0003', email: 'z***@example.org', idNumber: null, address: null, masked: true });
  });

  it("masks the requester's own words about themselves, and any number or address written in a text", () => {
    const p = { name: '张三丰', phone: '13900000003', email: 'zhang@example.org', idNumber: '33010619900307123X', address: '青禾市东湖区桃园小区3栋501' };
    const text =
      '我是张三丰，住青禾市东湖区桃园小区3栋501，电话139-0000-0003，邮箱zhang@example.org，身份证33010619900307123X。' +
      '邻居李四电话 +86 138 0013 8000，座机0571-88888888，邮件 li.si@qq.com，身份证号 110101198001010014。';
    expect(redactPersonalText(text, p)).toBe(
      '我是张**，住青禾市东湖区****，电话139****0003，邮箱z***@example.org，身份证330**************X。' +
        '邻居李四电话 138****8000，座机057****8888，邮件 l***@qq.com，身份证号 110**************4。',
    );
  });

  it('leaves a text without personal data as it is, and a one-character name alone', () => {
    const text = '东湖区幸福路路灯不亮已经一周，王先生说请尽快维修。编号2025年3月第12号。';
    expect(redactPersonalText(text, { name: '王', phone: null })).toBe(text);
    expect(redactPersonalText(null, { name: '王五' })).toBeNull();
  });

  it("masks a file name that carries the requester's name and phone", () => {
    expect(redactPersonalText('张三丰_13900000003_身份证.jpg', { name: '张三丰', phone: '13900000003' })).toBe('张**_139****0003_身份证.jpg');
  });
});
