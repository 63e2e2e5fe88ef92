import { CLASSIFY_BATCH, classifyJobs, jobId } from './jobs';

/**
 * A job id stands for its tickets: BullMQ ignores an add whose id a queued or running job holds,
 * so two different sets of tickets under one id leave the second set without a job.
 */
describe('ticket-classify job ids', () => {
  const id = (ticketIds: number[]) => jobId('ticket-classify', { ticketIds });

  it('differ for different tickets with the same first, last and count (a sweep re-queue beside a partly routed file job)', () => {
    // A file's job of tickets 1..26 but 11 (a web request took 11 meanwhile); it routed 12 first
    // (its row was received earliest) when the sweep found 1..11 and 13..26 still unrouted.
    const fileJob = [...Array.from({ length: 10 }, (_, i) => i + 1), ...Array.from({ length: 15 }, (_, i) => i + 12)];
    const [sweepJob] = classifyJobs([...Array.from({ length: 11 }, (_, i) => i + 1), ...Array.from({ length: 14 }, (_, i) => i + 13)]);
    expect(fileJob).toHaveLength(CLASSIFY_BATCH);
    expect(sweepJob.ticketIds).toHaveLength(CLASSIFY_BATCH);
    expect(sweepJob.ticketIds).toContain(11);
    expect(id(sweepJob.ticketIds)).not.toBe(id(fileJob));
    expect(id([1, 3, 4])).not.toBe(id([1, 2, 4]));
  });

  it('are the same for the same tickets (a retried add or the same batch queued again is one job)', () => {
    expect(id([4, 9, 17])).toBe(id([4, 9, 17]));
    expect(id([7])).toBe('classify-7');
    for (const job of classifyJobs(
      Array.from({ length: 60 }, (_, i) => i * 3 + 1),
      true,
    )) {
      expect(id(job.ticketIds)).toBe(jobId('ticket-classify', job));
      expect(id(job.ticketIds)).not.toMatch(/:/);
    }
  });

  it('splits tickets into jobs of CLASSIFY_BATCH in order, none for no tickets', () => {
    expect(classifyJobs([])).toEqual([]);
    const ids = Array.from({ length: 2 * CLASSIFY_BATCH + 1 }, (_, i) => 100 + i);
    const jobs = classifyJobs(ids, true);
    expect(jobs.map((j) => j.ticketIds.length)).toEqual([CLASSIFY_BATCH, CLASSIFY_BATCH, 1]);
    expect(jobs.flatMap((j) => j.ticketIds)).toEqual(ids);
    expect(jobs.every((j) => j.bulk === true)).toBe(true);
    expect(classifyJobs([5])).toEqual([{ ticketIds: [5] }]);
  });
});
