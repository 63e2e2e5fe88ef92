import { InMemoryUnitOfWork, TICKET_SEARCH, type TicketSearchRepository } from '@hub/database';
import { IndexUnindexedTicketsUseCase } from './index-unindexed-tickets.usecase';

describe('indexing tickets whose index job was lost (search sweep)', () => {
  it('indexes the tickets without a lookup row, at most the limit a pass, in transactions of 1,000', async () => {
    const missing = Array.from({ length: 2500 }, (_, i) => 3000 - i);
    const asked: number[] = [];
    const reindexed: number[][] = [];
    const search = {
      unindexed: async (limit: number) => (asked.push(limit), missing.slice(0, limit)),
      reindex: async (ids: number[]) => void reindexed.push(ids),
    } as unknown as TicketSearchRepository;
    const sweep = new IndexUnindexedTicketsUseCase(new InMemoryUnitOfWork().provide(TICKET_SEARCH, search));
    expect(await sweep.execute({ limit: 2200 })).toEqual({ indexed: 2200 });
    expect(asked).toEqual([2200]);
    expect(reindexed.map((c) => c.length)).toEqual([1000, 1000, 200]);
    expect(reindexed.flat()).toEqual(missing.slice(0, 2200));
    expect(await sweep.execute()).toEqual({ indexed: 2500 });
    expect(asked[1]).toBe(5000);
  });
});
