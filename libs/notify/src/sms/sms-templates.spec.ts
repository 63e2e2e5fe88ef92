import { isOptOutReply, liaisonReminderSms, receiptSms, surveySms, urgentAlertSms } from './sms-templates';
import { SINGLE_SMS_CHARS, smsSegmentCount } from './sms-segments';

const number = 'QH20261129-000123';

describe('SMS templates', () => {
  it('gives a phone-only caller the ticket number and the 查询码 in one SMS', () => {
    const sms = receiptSms({ number, lookupCode: 'K7P2Q9' });
    expect(sms.text).toBe('您的诉求已受理，工单号QH20261129-000123，查询码K7P2Q9，可凭此查询办理进度。');
    expect(sms.text.length).toBeLessThanOrEqual(SINGLE_SMS_CHARS);
    expect(sms).toMatchObject({ kind: 'receipt', essential: true, urgent: false });
  });

  it('invites to the survey with the link and the way to opt out, and is not essential', () => {
    const sms = surveySms({ number, link: 'https://12345.qinghe.gov.cn/s/Ab3dE' });
    expect(sms.text).toBe('工单QH20261129-000123已答复，请评价：https://12345.qinghe.gov.cn/s/Ab3dE 回TD退订');
    expect(smsSegmentCount(sms.text)).toBe(1);
    expect(sms.essential).toBe(false);
  });

  it('reminds a liaison officer of a limit that is near, or overdue, in one SMS', () => {
    const due = new Date('2026-12-03T18:00:00+08:00');
    const near = liaisonReminderSms({ number, stage: '答复', dueAt: due });
    expect(near.text).toBe('【催办】工单QH20261129-000123答复将于12-03 18:00到期，请及时办理。');
    const late = liaisonReminderSms({ number, stage: '签收', dueAt: due, overdue: true });
    expect(late.text).toBe('【超期督办】工单QH20261129-000123签收已超期（时限12-03 18:00），请立即办理。');
    for (const t of [near.text, late.text]) expect(t.length).toBeLessThanOrEqual(SINGLE_SMS_CHARS);
  });

  it('writes a limit that ends with its last day as 24:00 of that day, as mails and the console do', () => {
    const midnight = new Date('2026-12-22T00:00:00+08:00');
    expect(liaisonReminderSms({ number, stage: '办结反馈', dueAt: midnight }).text).toBe(
      '【催办】工单QH20261129-000123办结反馈将于12-21 24:00到期，请及时办理。',
    );
    expect(liaisonReminderSms({ number, stage: '办结反馈', dueAt: midnight, overdue: true }).text).toContain('（时限12-21 24:00）');
  });

  it('alerts urgently in one SMS, clipping a long summary, at any hour', () => {
    const sms = urgentAlertSms({ number, summary: '东湖区湖滨新村3栋楼道内闻到浓烈煤气味，居民担心泄漏引发爆炸，请燃气公司立即派人到场排查处置' });
    expect(sms.text.length).toBe(SINGLE_SMS_CHARS);
    expect(sms.text.startsWith('【紧急】工单QH20261129-000123：东湖区湖滨新村3栋')).toBe(true);
    expect(sms.text.endsWith('…，请立即处置。')).toBe(true);
    expect(sms).toMatchObject({ kind: 'alert', urgent: true, essential: true });
  });

  it('reads TD and 退订 (in any case or width) as opting out, and other replies as not', () => {
    for (const t of ['TD', 'td', 'ＴＤ', ' 退订 ', 'T', '退订。']) expect(isOptOutReply(t)).toBe(true);
    for (const t of ['谢谢', '问题还没解决', 'TDX']) expect(isOptOutReply(t)).toBe(false);
  });
});
