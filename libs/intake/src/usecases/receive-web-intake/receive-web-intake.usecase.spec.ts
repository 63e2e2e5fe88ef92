import { readFileSync } from 'fs';
import { join } from 'path';
import { InMemoryUnitRepository, UNITS, type UnitEntity } from '@hub/database';
import { intakeUseCases } from '../../intake-use-cases';
import { inMemoryIntake } from '../../testing/in-memory-intake';
import { handClock, specConfig } from '../../testing/spec-config';

describe('receive a web intake', () => {
  const setUp = () => {
    const hub = inMemoryIntake();
    const config = specConfig();
    const receive = intakeUseCases(hub.uow, config, { clock: handClock('2025-03-02T01:15:00Z') }).receiveWebIntake;
    return { hub, config, receive };
  };
  const operator = { kind: 'user' as const, id: 3, name: '话务员小王' };

  it('archives the post as it came, then makes a web ticket awaiting classification, recorded by the operator', async () => {
    const { hub, config, receive } = setUp();
    const receipt = await receive.execute({ text: ' 幸福路路灯不亮 ', name: '张三', phone: '13900000001', receivedBy: operator });
    expect(receipt).toEqual({
      ticketId: 1,
      number: 'QH20250302-000001',
      status: 'received',
      duplicate: false,
      lookupCode: expect.stringMatching(/^[2-9A-Z]{8}$/),
    });
    expect(hub.tickets.tickets.get(1)).toMatchObject({
      channel: 'web',
      sourceId: 4,
      text: '幸福路路灯不亮',
      receivedAt: new Date('2025-03-02T01:15:00Z'),
      urgency: 'normal',
    });
    expect(hub.events.table.all()).toMatchObject([{ ticketId: 1, type: 'received', actorKind: 'user', actorName: '话务员小王' }]);
    const [item] = hub.items.table.all();
    expect(item).toMatchObject({ kind: 'http', sourceName: '网上信访', status: 'ticketed', ticketId: 1 });
    expect(JSON.parse(readFileSync(join(config.env.dataDir, item.rawPath), 'utf8'))).toEqual({
      text: ' 幸福路路灯不亮 ',
      name: '张三',
      phone: '13900000001',
      receivedBy: '话务员小王',
      at: '2025-03-02T01:15:00.000Z',
    });
    // The caller's receipt (number and 查询码) by SMS: a mobile and no e-mail.
    expect(hub.sms.table.all()).toMatchObject([{ kind: 'receipt', phone: '13900000001', text: expect.stringContaining(`查询码${receipt.lookupCode}`) }]);
    expect(hub.uow.jobs.jobs).toEqual([
      { name: 'send-sms', payload: { smsId: 1 }, delayMs: undefined },
      { name: 'ticket-classify', payload: { ticketIds: [1] }, delayMs: undefined },
    ]);
  });

  it('answers an external id posted again from the same source with the first ticket', async () => {
    const { hub, receive } = setUp();
    const first = await receive.execute({ text: '网站留言：路灯不亮', externalId: 'WEB-1' });
    const again = await receive.execute({ text: '网站留言：路灯不亮', externalId: 'WEB-1' });
    expect([first.duplicate, again.duplicate, again.ticketId]).toEqual([false, true, first.ticketId]);
    expect(hub.tickets.tickets.all()).toHaveLength(1);
    expect(hub.uow.jobs.jobs).toHaveLength(1);
  });

  it('files a call typed in for a hotline line as a hotline ticket, and refuses it posted as web', async () => {
    const { hub, receive } = setUp();
    await expect(receive.execute({ text: '来电反映公交线路调整', channel: 'web', source: '市长公开电话' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'source 市长公开电话 is a hotline source; send channel hotline or leave channel out',
    });
    expect(hub.tickets.tickets.all()).toEqual([]);
    await receive.execute({ text: '来电反映公交线路调整', source: '市长公开电话', receivedAt: '2025-03-01T09:00:00' });
    expect(hub.tickets.tickets.get(1)).toMatchObject({ channel: 'hotline', sourceId: 2, receivedAt: new Date('2025-03-01T01:00:00Z') });
  });

  it("holds a scoped operator's intake on the nearest desk at or above its scope; an unscoped one's on the installation's desk", async () => {
    const { hub, receive } = setUp();
    const units = new InMemoryUnitRepository();
    const unit = (name: string, parentId: number | null, desk: boolean) => units.table.insert({ name, parentId, desk, active: true } as UnitEntity);
    const district = unit('东湖区人民政府', null, true);
    const office = unit('东湖区城市管理局', district.id, false);
    const street = unit('桃园街道办事处', district.id, true);
    hub.uow.provide(UNITS, units);
    const byOffice = await receive.execute({ text: '东湖区占道经营', receivedBy: operator, scopeUnitId: office.id });
    const byStreet = await receive.execute({ text: '桃园小区噪声', receivedBy: operator, scopeUnitId: street.id });
    const unscoped = await receive.execute({ text: '幸福路路灯不亮', receivedBy: operator });
    expect([byOffice, byStreet, unscoped].map((r) => hub.tickets.tickets.get(r.ticketId)?.deskUnitId ?? null)).toEqual([district.id, street.id, null]);
  });

  it('refuses a post without text, naming the field', async () => {
    const { receive } = setUp();
    await expect(receive.execute({ text: '' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: 'text should not be empty' });
  });
});
