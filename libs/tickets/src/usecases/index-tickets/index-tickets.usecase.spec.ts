import { InMemoryUnitOfWork, TICKET_SEARCH, type TicketSearchRepository } from '@hub/database';
import { IndexTicketsUseCase } from './index-tickets.usecase';

describe('indexing the tickets of a bulk import (ticket-search-index job)', () => {
  it('rebuilds the lookup rows of exactly the tickets named, and refuses ids that are not numbers', async () => {
    const reindexed: number[][] = [];
    const search = { reindex: async (ids: number[]) => void reindexed.push(ids) } as unknown as TicketSearchRepository;
    const useCase = new IndexTicketsUseCase(new InMemoryUnitOfWork().provide(TICKET_SEARCH, search));
    expect(await useCase.execute({ ticketIds: [7, 8, 9] })).toEqual({ indexed: 3 });
    expect(reindexed).toEqual([[7, 8, 9]]);
    await expect(useCase.execute({ ticketIds: ['x' as unknown as number] })).rejects.toThrow(/ticketIds/);
  });
});
