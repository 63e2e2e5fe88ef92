import { intakeUseCases } from '../../intake-use-cases';
import { LetterParseError, parseLetter } from '../../mail';
import { FakeImap, plainLetter } from '../../testing/fake-imap';
import { inMemoryIntake } from '../../testing/in-memory-intake';
import { specConfig } from '../../testing/spec-config';

describe('re-run a recorded letter', () => {
  it('turns a letter quarantined by a parser bug into a ticket from its raw bytes after the fix, and leaves a ticket alone', async () => {
    const hub = inMemoryIntake();
    const imap = new FakeImap();
    const config = specConfig([{ name: '市长信箱' }]);
    // A parser that trips over one letter, fixed later.
    const buggy: typeof parseLetter = async (raw, o) => {
      if (raw.includes('broken@')) throw new LetterParseError('parser_failed', '邮件解析失败：unsupported charset');
      return parseLetter(raw, o);
    };
    imap.append('市长信箱', plainLetter({ id: 'broken@example.cn', subject: '信義路路燈故障', body: '路灯坏了。' }));
    const before = intakeUseCases(hub.uow, config, { imap, mailbox: { parse: buggy } });
    expect(await before.pollMailbox.execute({ mailbox: '市长信箱' })).toMatchObject({ fetched: 1, quarantined: 1 });
    expect(hub.items.table.get(1)).toMatchObject({ status: 'quarantined', reason: '邮件解析失败：unsupported charset', attempts: 1 });

    const fixed = intakeUseCases(hub.uow, config, { imap }).reparseLetter;
    expect(await fixed.execute({ intakeItemId: 1 })).toEqual({ intakeItemId: 1, status: 'ticketed', ticketId: 1, reason: null, unchanged: false });
    expect(hub.tickets.tickets.get(1)).toMatchObject({ subject: '信義路路燈故障', messageId: '<broken@example.cn>' });
    expect(hub.items.table.get(1)).toMatchObject({ attempts: 2 });
    expect(hub.uow.jobs.jobs.at(-1)).toMatchObject({ name: 'ticket-classify', payload: { ticketIds: [1] } });

    expect(await fixed.execute({ intakeItemId: 1 })).toEqual({ intakeItemId: 1, status: 'ticketed', ticketId: 1, reason: null, unchanged: true });
    expect(hub.tickets.tickets.all()).toHaveLength(1);
    await expect(fixed.execute({ intakeItemId: 99 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
