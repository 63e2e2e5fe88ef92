import { atPath, pageUrl, upstreamOrder } from './upstream-orders';

const u = {
  name: '省12345平台',
  channel: 'hotline' as const,
  fields: { id: 'externalId', 'body.text': 'text', 'who.tel': 'phone', jj: 'urgency', sx: 'dueAt' } as const,
};

describe('an upstream work order as the hub takes it in', () => {
  it('reads dotted paths and maps the platform’s fields, urgency in its own words', () => {
    expect(atPath({ a: { b: [1, 2] } }, 'a.b')).toEqual([1, 2]);
    expect(atPath({ a: 1 }, 'a.b.c')).toBeUndefined();
    const r = upstreamOrder(u, { id: 7, body: { text: ' 燃气泄漏 ' }, who: { tel: '13700001111' }, jj: '特急', sx: '2031-03-20 18:00' });
    expect(r).toEqual({
      intake: expect.objectContaining({
        channel: 'hotline',
        source: '省12345平台',
        externalId: '7',
        text: '燃气泄漏',
        phone: '13700001111',
        urgency: 'urgent',
        dueAt: '2031-03-20 18:00',
      }),
    });
  });

  it('refuses an order without an id or a text, saying which', () => {
    expect(upstreamOrder(u, { body: { text: 'x' } })).toEqual({ refused: expect.stringContaining('缺少工单编号'.slice(0, 2)), externalId: null });
    expect(upstreamOrder(u, { id: 'A1' })).toEqual({ refused: expect.stringContaining('A1 缺少诉求内容'), externalId: 'A1' });
  });

  it('asks for a page from the kept cursor', () => {
    expect(pageUrl({ url: 'http://p.example/orders?type=12345', limit: 50 }, null)).toBe('http://p.example/orders?type=12345&limit=50');
    expect(pageUrl({ url: 'http://p.example/orders', limit: 50 }, 'a b')).toBe('http://p.example/orders?cursor=a+b&limit=50');
  });
});
