import { publicReplyOf } from './public-status';

const at = (h: number) => new Date(Date.UTC(2026, 2, 2, h));
const reply = (h: number, text: string, review = false) => ({
  type: 'reply',
  at: at(h),
  toStatus: review ? 'reply_review' : 'replied',
  data: { replyText: text },
});

describe('the answer a requester may read (public status)', () => {
  it('is the latest reply, answer or service', () => {
    expect(publicReplyOf([{ type: 'dispatch', at: at(1) }])).toBeNull();
    expect(publicReplyOf([reply(2, '已清理。')])).toEqual({ at: at(2), text: '已清理。' });
    expect(publicReplyOf([reply(2, '已清理。'), { type: 'answer_directly', at: at(5), data: { replyText: '可到政务中心办理。' } }])?.text).toBe(
      '可到政务中心办理。',
    );
  });

  it('keeps a reply that waits for 办结审核 hidden until it is accepted, and a sent-back one for good', () => {
    expect(publicReplyOf([reply(2, '初稿', true)])).toBeNull();
    expect(publicReplyOf([reply(2, '初稿', true), { type: 'send_back', at: at(3) }])).toBeNull();
    const reworked = [reply(2, '初稿', true), { type: 'send_back', at: at(3) }, reply(4, '已整改完毕。', true), { type: 'accept_reply', at: at(5) }];
    expect(publicReplyOf(reworked)).toEqual({ at: at(4), text: '已整改完毕。' });
    // Reopened after 不满意: the accepted answer stays visible while the next one waits for review.
    expect(publicReplyOf([...reworked, reply(8, '再次答复', true)])?.text).toBe('已整改完毕。');
  });
});
