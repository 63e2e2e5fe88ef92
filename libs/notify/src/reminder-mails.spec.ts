import { escalationMail, unitReminderMail } from './reminder-mails';

const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const facts = {
  number: 'QH-20260213-000042',
  excerpt: '小区燃气管道泄漏，有明显气味',
  stage: 'reply',
  unitName: '东湖区城市管理局',
  link: 'http://hub.example.cn/#/tickets/42',
};

describe('reminder and escalation mails', () => {
  it('writes a due time that ends with its last day as that day 24:00 (Beijing time), not the next day 00:00', () => {
    // 5 working days from Friday 2/13: the limit ends Friday 2/27 at midnight.
    const mail = unitReminderMail({ ...facts, level: 'red', dueAt: sh('2026-02-28 00:00') });
    expect(mail.subject).toBe('【红灯预警】工单 QH-20260213-000042 办结反馈时限 2026-02-27 24:00');
    expect(mail.text).toContain('东湖区城市管理局：');
    expect(mail.text).toContain('工单 QH-20260213-000042（小区燃气管道泄漏，有明显气味）的办结反馈时限为 2026-02-27 24:00。');
    expect(mail.text).not.toContain('2026-02-28');
  });

  it("keeps an hour limit's own time and marks an urgent ticket in the subject of the 督办 to supervisors", () => {
    const mail = escalationMail({ ...facts, level: 'escalation', dueAt: sh('2026-02-14 17:00'), urgent: true });
    expect(mail.subject).toBe('【督办】【紧急】工单 QH-20260213-000042 办结反馈已超期（东湖区城市管理局）');
    expect(mail.text).toContain('办结反馈时限 2026-02-14 17:00 已届满，承办单位「东湖区城市管理局」仍未完成');
    expect(unitReminderMail({ ...facts, level: 'overdue', dueAt: sh('2026-02-14 17:00'), urgent: true }).subject).toBe(
      '【已超期】【紧急】工单 QH-20260213-000042 办结反馈时限 2026-02-14 17:00',
    );
  });
});
