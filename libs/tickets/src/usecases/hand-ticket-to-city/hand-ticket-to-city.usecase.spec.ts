import { formatTicketNumber } from '@hub/domain';
import { OPERATOR, ticketSpecWorld } from '../testing/ticket-spec-world';

const CITY = '蓝山市12345热线';

describe('转交地市', () => {
  it('moves a ticket in triage to the city, numbered with the city’s prefix, the old number kept', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket({ status: 'accepted' });
    const handed = await w.useCases.handTicketToCity.execute({ ticketId: t.id, city: CITY, actor: OPERATOR });
    const city = w.unit(CITY);
    const [former, now] = [formatTicketNumber('QH', t.receivedAt, t.id), formatTicketNumber('LS', t.receivedAt, t.id)];
    expect(w.ticket(t.id)).toMatchObject({ cityUnitId: city.id, deskUnitId: city.id, numberPrefix: 'LS', formerNumber: former, status: 'accepted' });
    expect(handed.numberPrefix).toBe('LS');
    expect(w.events(t.id).at(-1)).toMatchObject({
      type: 'handed_to_city',
      reason: `转交${CITY}`,
      data: { city: CITY, number: now, formerNumber: former },
    });
  });

  it('refuses a ticket already handed over, one with a unit, and a city the installation does not have', async () => {
    const w = ticketSpecWorld();
    const t = w.addTicket({ status: 'accepted' });
    await w.useCases.handTicketToCity.execute({ ticketId: t.id, city: CITY, actor: OPERATOR });
    await expect(w.useCases.handTicketToCity.execute({ ticketId: t.id, city: CITY, actor: OPERATOR })).rejects.toThrow('已属于地市');
    const dispatched = await w.dispatched('东湖区城市管理局');
    await expect(w.useCases.handTicketToCity.execute({ ticketId: dispatched.id, city: CITY, actor: OPERATOR })).rejects.toThrow('待分拨');
    expect(w.ticket(dispatched.id).cityUnitId).toBeNull();
    const other = w.addTicket({ status: 'accepted' });
    await expect(w.useCases.handTicketToCity.execute({ ticketId: other.id, city: '不存在市', actor: OPERATOR })).rejects.toThrow('不是本平台的地市');
    expect(w.events(other.id).filter((e) => e.type === 'handed_to_city')).toHaveLength(0);
  });
});
