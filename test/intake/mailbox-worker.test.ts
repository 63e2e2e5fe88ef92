import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, loadConfig, MailboxConfig } from '@hub/config';
import { CLOCK, systemClock } from '@hub/domain';
import { IntakeModule } from '@hub/intake';
import { JOB_PRODUCER, RecordingJobProducer, recurringJobs } from '@hub/queue';
import { IntakeReparseJob } from '../../apps/worker/src/jobs/intake-reparse.job';
import { MailboxHealthJob } from '../../apps/worker/src/jobs/mailbox-health.job';
import { MailboxPollJob } from '../../apps/worker/src/jobs/mailbox-poll.job';

describe("the worker's mailbox jobs", () => {
  it('handle polls, health and re-runs, and schedule a poll per mailbox under a stable id', async () => {
    const config = loadConfig({ ...process.env });
    config.mailboxes.mailboxes = [
      Object.assign(new MailboxConfig(), { name: '市长信箱', host: '127.0.0.1', user: 'mayor', password: 'x', pollIntervalSeconds: 30 }),
      Object.assign(new MailboxConfig(), { name: '省长信箱', host: '127.0.0.1', user: 'governor', password: 'x' }),
    ];
    @Global()
    @Module({
      providers: [
        { provide: DataSource, useValue: {} },
        { provide: HUB_CONFIG, useValue: config },
        { provide: JOB_PRODUCER, useValue: new RecordingJobProducer() },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [DataSource, HUB_CONFIG, JOB_PRODUCER, CLOCK],
    })
    class Infra {}
    const app = await Test.createTestingModule({ imports: [Infra, IntakeModule], providers: [MailboxPollJob, MailboxHealthJob, IntakeReparseJob] }).compile();
    await app.init();
    try {
      expect([app.get(MailboxPollJob).name, app.get(MailboxHealthJob).name, app.get(IntakeReparseJob).name]).toEqual([
        'mailbox-poll',
        'mailbox-health',
        'intake-reparse',
      ]);
      expect(await app.get(MailboxPollJob).handle({ mailbox: '已删除的信箱' })).toEqual({ skipped: 'not configured' });
      expect(recurringJobs(config).filter((j) => j.name.startsWith('mailbox-'))).toEqual([
        { schedulerId: 'sched-poll-市长信箱', name: 'mailbox-poll', payload: { mailbox: '市长信箱' }, everyMs: 30_000 },
        { schedulerId: 'sched-poll-省长信箱', name: 'mailbox-poll', payload: { mailbox: '省长信箱' }, everyMs: 60_000 },
        { schedulerId: 'sched-mailbox-health', name: 'mailbox-health', payload: {}, everyMs: 15 * 60_000 },
      ]);
    } finally {
      await app.close();
    }
  });
});
