import { consumerStuck, type ConsumerWatch } from './consumer-watchdog';

const watch = (over: Partial<ConsumerWatch> = {}): ConsumerWatch => ({ running: 0, concurrency: 2, takenAt: 0, idleWithWorkSince: null, ...over });

describe('consumerStuck', () => {
  it('calls a consumer with room that took nothing while jobs waited for the whole period stuck', () => {
    const w = watch();
    expect(consumerStuck(w, 3, 100_000, 30_000)).toBe(false); // first seen waiting
    expect(consumerStuck(w, 3, 120_000, 30_000)).toBe(false);
    expect(consumerStuck(w, 3, 130_000, 30_000)).toBe(true);
  });

  it('is not stuck when it took a job since the jobs began to wait', () => {
    const w = watch();
    consumerStuck(w, 3, 100_000, 30_000);
    w.takenAt = 125_000;
    expect(consumerStuck(w, 3, 130_000, 30_000)).toBe(false);
    expect(consumerStuck(w, 3, 155_000, 30_000)).toBe(true);
  });

  it('starts over when the queue empties or every slot is busy', () => {
    const w = watch();
    consumerStuck(w, 3, 100_000, 30_000);
    expect(consumerStuck(w, 0, 120_000, 30_000)).toBe(false);
    expect(consumerStuck(w, 3, 140_000, 30_000)).toBe(false);
    w.running = 2;
    expect(consumerStuck(w, 3, 200_000, 30_000)).toBe(false);
    w.running = 1;
    expect(consumerStuck(w, 3, 210_000, 30_000)).toBe(false);
    expect(consumerStuck(w, 3, 240_000, 30_000)).toBe(true);
  });
});
