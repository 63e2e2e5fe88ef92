import { RecordingJobProducer } from '@hub/queue';
import { ticketSpecWorld } from '../testing/ticket-spec-world';
import { RequeueUnroutedTicketsUseCase } from './requeue-unrouted-tickets.usecase';

describe('queueing missed tickets for routing again (triage sweep)', () => {
  it('queues tickets left received for more than 30 seconds, and none routed or just taken in', async () => {
    const w = ticketSpecWorld({ now: '2026-03-02 09:00' });
    const missed = w.addTicket({ createdAt: new Date(w.clock.now().getTime() - 5 * 60_000) });
    w.addTicket({ createdAt: new Date(w.clock.now().getTime() - 5 * 60_000), status: 'accepted' });
    const lost = w.addTicket({ createdAt: new Date(w.clock.now().getTime() - 40_000) });
    w.addTicket({ createdAt: new Date(w.clock.now().getTime() - 10_000) });
    const jobs = new RecordingJobProducer();
    const sweep = new RequeueUnroutedTicketsUseCase(w.uow, w.clock, jobs);
    expect(await sweep.execute()).toEqual({ requeued: 2 });
    expect(jobs.jobs).toEqual([{ name: 'ticket-classify', payload: { ticketIds: [missed.id, lost.id], bulk: true }, delayMs: undefined }]);
  });
});
