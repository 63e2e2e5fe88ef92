import { resolve } from 'path';
import { loadConfig } from '@hub/config';
import { loadDeadlinePolicies } from '@hub/deadlines';
import { fixedClock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { ScheduleNextDigestUseCase } from './schedule-next-digest.usecase';

const config = loadConfig({ HUB_CONFIG_DIR: resolve(__dirname, '../../../../../config') });
const policies = loadDeadlinePolicies(config);
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('schedule the next daily digest', () => {
  it("queues today's digest, delayed until its time, when it has not come yet", async () => {
    const jobs = new RecordingJobProducer();
    const next = await new ScheduleNextDigestUseCase(jobs, policies, fixedClock(sh('2025-03-06 07:30'))).execute();
    expect(next.day).toBe('2025-03-06');
    expect(jobs.jobs).toEqual([{ name: 'digest-send', payload: { day: '2025-03-06' }, delayMs: next.at.getTime() - sh('2025-03-06 07:30').getTime() }]);
    expect(jobs.jobs[0].delayMs).toBeGreaterThan(0);
  });

  it("queues the next working day's once the day's has been sent", async () => {
    const jobs = new RecordingJobProducer();
    const clock = fixedClock(sh('2025-03-07 09:00')); // a Friday
    const next = await new ScheduleNextDigestUseCase(jobs, policies, clock).execute({ after: new Date(clock.now().getTime() + 60_000) });
    expect(next.day).toBe('2025-03-10');
    expect(jobs.jobs.map((j) => j.payload)).toEqual([{ day: '2025-03-10' }]);
  });
});
