import { OPERATOR, ticketSpecWorld, unitActor } from '../testing/ticket-spec-world';

const UNIT = '东湖区城市管理局';

describe('asking for more time (申请延期)', () => {
  it('stops the reply clock while the desk decides', async () => {
    const w = ticketSpecWorld();
    const t = await w.acknowledged(UNIT);
    const asked = await w.useCases.requestExtension.execute({
      ticketId: t.id,
      unitId: w.unit(UNIT).id,
      days: 3,
      reason: '需协调多部门联合执法',
      actor: unitActor(UNIT),
    });
    expect(asked.status).toBe('extension_requested');
    expect(w.openDeadline(t.id, 'reply')).toMatchObject({ pausedAt: w.clock.now(), nextReminderAt: null });
    expect(w.events(t.id).at(-1)).toMatchObject({ type: 'request_extension', data: { extensionDays: 3 } });
  });

  it('refuses what the policy does not allow, in the words the console translates', async () => {
    const w = ticketSpecWorld();
    const t = await w.acknowledged(UNIT);
    const ask = (days: number) =>
      w.useCases.requestExtension.execute({ ticketId: t.id, unitId: w.unit(UNIT).id, days, reason: '需协调', actor: unitActor(UNIT) });
    await expect(ask(30)).rejects.toMatchObject({ code: 'ACTION_REFUSED', message: 'an extension may be at most 10 working days (asked: 30)' });
    w.clock.set('2026-03-10 09:00'); // the reply limit ended 9 March 24:00
    await expect(ask(3)).rejects.toThrow('an extension must be requested before the reply deadline; it has passed');
    expect(w.ticket(t.id).status).toBe('acknowledged');
  });

  it('refuses an urgent ticket any extension, and a second one where the policy allows one', async () => {
    const w = ticketSpecWorld();
    const urgent = await w.acknowledged(UNIT, { urgency: 'urgent' });
    await expect(
      w.useCases.requestExtension.execute({ ticketId: urgent.id, unitId: w.unit(UNIT).id, days: 1, reason: '需要协调', actor: unitActor(UNIT) }),
    ).rejects.toThrow('the policy allows no extension for this kind of ticket (e.g. urgent ones); reply within the time limit');
    const t = await w.acknowledged(UNIT);
    const ask = () => w.useCases.requestExtension.execute({ ticketId: t.id, unitId: w.unit(UNIT).id, days: 2, reason: '需协调', actor: unitActor(UNIT) });
    await ask();
    await w.useCases.decideExtension.execute({ ticketId: t.id, decision: 'approve', actor: OPERATOR });
    await expect(ask()).rejects.toThrow('the policy allows 1 extension(s) and it was used');
  });

  it('names a number of days out of range before anything else', async () => {
    const w = ticketSpecWorld();
    await expect(w.useCases.requestExtension.execute({ ticketId: 1, days: 0, reason: 'x', actor: unitActor(UNIT) })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'days',
    });
  });
});
