import { parseLetter } from '../mail';
import { requesterOf } from './letter-draft';

const opts = { maxAttachmentBytes: 1024 * 1024, ticketPrefix: 'QH' };
const b64 = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;
const letterWith = (...headers: string[]) =>
  parseLetter(
    Buffer.from([...headers, 'To: mayor@hub.example', 'Subject: x', 'Content-Type: text/plain; charset=utf-8', '', '养老金发放推迟了。', ''].join('\r\n')),
    opts,
  );

describe('requesterOf', () => {
  it('keeps the name of a sender whose From has a name and no address', async () => {
    for (const from of [`From: ${b64('王大爷')}`, 'From: "王大爷"', 'From: 王大爷 <>']) {
      const l = await letterWith(from);
      expect([from, requesterOf(l)]).toEqual([from, { name: '王大爷', email: null }]);
    }
  });

  it("takes the citizen from Reply-To, and never the form's own name for them", async () => {
    const form = `From: ${b64('市长信箱网站')} <noreply@qinghe.gov.cn>`;
    expect(requesterOf(await letterWith(form, `Reply-To: ${b64('李红')} <lihong@qq.com>`))).toEqual({ name: '李红', email: 'lihong@qq.com' });
    expect(requesterOf(await letterWith(form, 'Reply-To: lihong@qq.com'))).toEqual({ name: null, email: 'lihong@qq.com' });
    expect(requesterOf(await letterWith(`From: ${b64('张三')} <zhangsan@163.com>`, 'Reply-To: ZhangSan@163.com'))).toEqual({
      name: '张三',
      email: 'zhangsan@163.com',
    });
    expect(requesterOf(await letterWith(`From: ${b64('张三')} <zhangsan@163.com>`, `Reply-To: ${b64('张三')}`))).toEqual({
      name: '张三',
      email: 'zhangsan@163.com',
    });
  });
});
