import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, loadConfig, MailboxConfig } from '@hub/config';
import { CLOCK, systemClock } from '@hub/domain';
import { JOB_PRODUCER, JobHandlerRegistry, RecordingJobProducer } from '@hub/queue';
import { IntakeWorkerModule } from '../../apps/worker/src/intake/intake-worker.module';
import { ScheduleRegistry } from '../../apps/worker/src/worker-runner.service';

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
        JobHandlerRegistry,
        ScheduleRegistry,
      ],
      exports: [DataSource, HUB_CONFIG, JOB_PRODUCER, CLOCK, JobHandlerRegistry, ScheduleRegistry],
    })
    class Infra {}
    const app = await Test.createTestingModule({ imports: [Infra, IntakeWorkerModule] }).compile();
    await app.init();
    try {
      const registry = app.get(JobHandlerRegistry);
      for (const name of ['mailbox-poll', 'mailbox-health', 'intake-reparse']) expect(registry.get(name)).toBeInstanceOf(Function);
      expect(await registry.get('mailbox-poll')!({ mailbox: '已删除的信箱' } as never, { attempt: 1, progress: async () => undefined })).toEqual({
        skipped: 'not configured',
      });
      expect(app.get(ScheduleRegistry).all()).toEqual([
        { schedulerId: 'sched-poll-市长信箱', name: 'mailbox-poll', payload: { mailbox: '市长信箱' }, everyMs: 30_000 },
        { schedulerId: 'sched-poll-省长信箱', name: 'mailbox-poll', payload: { mailbox: '省长信箱' }, everyMs: 60_000 },
        { schedulerId: 'sched-mailbox-health', name: 'mailbox-health', payload: {}, everyMs: 15 * 60_000 },
      ]);
    } finally {
      await app.close();
    }
  });
});
