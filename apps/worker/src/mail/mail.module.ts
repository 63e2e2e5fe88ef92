import { Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { TicketEntity } from '@hub/database';
import { CLOCK, Clock } from '@hub/domain';
import { FolderTransport, MAIL_TRANSPORT, MailTransport, pendingOutbox, sendOutboxMail, SmtpTransport } from '@hub/notify';
import { JOB_PRODUCER, JobHandlerRegistry, JobProducer } from '@hub/queue';
import { ticketNumber } from '@hub/tickets';
import { join } from 'path';
import { ScheduleRegistry } from '../worker-runner.service';

@Injectable()
class MailJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('mail');
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    private readonly ds: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(JOB_PRODUCER) private readonly jobs: JobProducer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const numberOf = async (id: number) => {
      const t = await this.ds.getRepository(TicketEntity).findOne({ where: { id }, select: ['id', 'receivedAt'] });
      return t ? ticketNumber(this.config.env.ticketPrefix, t) : null;
    };
    this.registry.register('mail-send', async ({ outboxId }) => sendOutboxMail(this.ds, this.transport, outboxId, this.config.env.mailFrom, numberOf));
    this.registry.register('outbox-sweep', async () => {
      const ids = await pendingOutbox(this.ds, this.clock.now());
      for (const outboxId of ids) await this.jobs.add('mail-send', { outboxId });
      if (ids.length) this.log.log(`re-queued ${ids.length} pending mail(s)`);
      return { requeued: ids.length };
    });
    this.schedules.add({ schedulerId: 'sched-outbox-sweep', name: 'outbox-sweep', payload: {}, everyMs: 60_000 });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

@Module({
  providers: [
    MailJobs,
    {
      provide: MAIL_TRANSPORT,
      inject: [HUB_CONFIG],
      useFactory: (c: HubConfig): MailTransport => c.env.smtpUrl
        ? new SmtpTransport(c.env.smtpUrl)
        : new FolderTransport(join(c.env.dataDir, 'outbox-mail'), (m) => new Logger('mail').log(m)),
    },
  ],
})
export class MailWorkerModule {}
