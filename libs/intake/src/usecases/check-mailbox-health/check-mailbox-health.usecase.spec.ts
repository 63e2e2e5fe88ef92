import { intakeUseCases } from '../../intake-use-cases';
import { FakeImap, plainLetter } from '../../testing/fake-imap';
import { inMemoryIntake } from '../../testing/in-memory-intake';
import { handClock, specConfig } from '../../testing/spec-config';

describe('check mailbox health', () => {
  it('marks a mailbox that received nothing for silentAlertHours as silent, alerts the supervisors once, and clears it with the next letter', async () => {
    const hub = inMemoryIntake();
    const imap = new FakeImap();
    const clock = handClock('2025-03-20T00:00:00Z');
    const intake = intakeUseCases(hub.uow, specConfig([{ name: '冷清信箱', silentAlertHours: 24 }, { name: '市长信箱' }]), { imap, clock });
    await intake.pollMailbox.execute({ mailbox: '冷清信箱' });

    clock.set('2025-03-20T23:00:00Z');
    expect(await intake.checkMailboxHealth.execute()).toEqual([
      { mailbox: '冷清信箱', status: 'ok', alerted: false },
      { mailbox: '市长信箱', status: 'unknown', alerted: false },
    ]);
    clock.set('2025-03-21T01:00:00Z');
    expect((await intake.checkMailboxHealth.execute())[0]).toEqual({ mailbox: '冷清信箱', status: 'silent', alerted: true });
    expect((await intake.checkMailboxHealth.execute())[0]).toMatchObject({ alerted: false });
    expect(hub.outbox.table.all().map((m) => m.subject)).toEqual(['【信箱无来信】冷清信箱 已 25 小时没有收到邮件']);
    expect(hub.outbox.table.all()[0].text).toContain('自 2025-03-20T00:00:00.000Z 起没有收到任何邮件（超过设定的 24 小时）');

    await intake.pollMailbox.execute({ mailbox: '冷清信箱' });
    expect(await hub.states.find('冷清信箱')).toMatchObject({ status: 'silent' }); // an empty poll keeps it silent
    imap.append('冷清信箱', plainLetter({ id: 'q@example.cn', subject: '来信', body: '公园灯不亮。' }));
    await intake.pollMailbox.execute({ mailbox: '冷清信箱' });
    expect(await hub.states.find('冷清信箱')).toMatchObject({ status: 'ok', alertKind: null });
  });
});
