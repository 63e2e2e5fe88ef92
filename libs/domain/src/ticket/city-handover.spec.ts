import { mayHandToCity } from './city-handover';

describe('转交地市', () => {
  it('lets the province desk hand over what it holds in triage', () => {
    for (const status of ['received', 'accepted', 'returned'] as const) expect(mayHandToCity({ status, cityUnitId: null })).toBeNull();
  });

  it('refuses a ticket already a city’s, and one with a unit or finished', () => {
    expect(mayHandToCity({ status: 'accepted', cityUnitId: 7 })).toMatch('已属于地市');
    for (const status of ['dispatched', 'acknowledged', 'closed', 'merged'] as const) expect(mayHandToCity({ status, cityUnitId: null })).toMatch('待分拨');
  });
});
