import { InMemoryMailRetryRepository, InMemoryUnitOfWork, MAIL_RETRY } from '@hub/database';
import { fixedClock } from '@hub/domain';
import { RecordingJobProducer } from '@hub/queue';
import { RetryMailUseCase } from './retry-mail.usecase';

function setUp() {
  const mails = new InMemoryMailRetryRepository();
  const jobs = new RecordingJobProducer();
  const retry = new RetryMailUseCase(new InMemoryUnitOfWork().provide(MAIL_RETRY, mails), jobs, fixedClock('2025-05-06T07:00:00Z'));
  return { mails, jobs, retry };
}

describe('retry a mail', () => {
  it('makes a failed mail pending again with its attempts reset, and queues its send', async () => {
    const { mails, jobs, retry } = setUp();
    mails.table.insert({ status: 'failed', attempts: 8, nextAttemptAt: null });
    expect(await retry.execute({ mailId: 1 })).toEqual({ queued: true });
    expect(mails.table.get(1)).toEqual({ id: 1, status: 'pending', attempts: 0, nextAttemptAt: new Date('2025-05-06T07:00:00Z') });
    expect(jobs.jobs).toEqual([{ name: 'mail-send', payload: { outboxId: 1 }, delayMs: undefined }]);
  });

  it('leaves a mail being sent to its sender (only the send is queued)', async () => {
    const { mails, jobs, retry } = setUp();
    mails.table.insert({ status: 'sending', attempts: 1, nextAttemptAt: null });
    await retry.execute({ mailId: 1 });
    expect(mails.table.get(1)?.status).toBe('sending');
    expect(jobs.jobs).toHaveLength(1);
  });

  it('says which mail is not there and queues nothing', async () => {
    const { jobs, retry } = setUp();
    await expect(retry.execute({ mailId: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'mail 5 not found' });
    expect(jobs.jobs).toEqual([]);
  });
});
