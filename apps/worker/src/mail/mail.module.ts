import { Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { UnitOfWorkModule } from '@hub/database';
import { FolderTransport, MAIL_TRANSPORT, MailTransport, SendOutboxMailUseCase, SmtpTransport, SweepOutboxUseCase } from '@hub/notify';
import { JobHandlerRegistry } from '@hub/queue';
import { join } from 'path';
import { ScheduleRegistry } from '../worker-runner.service';

@Injectable()
class MailJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('mail');
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly schedules: ScheduleRegistry,
    private readonly send: SendOutboxMailUseCase,
    private readonly outboxSweep: SweepOutboxUseCase,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  onModuleInit(): void {
    this.registry.register('mail-send', async ({ outboxId }) => this.send.execute({ outboxId }));
    this.registry.register('outbox-sweep', async () => {
      const r = await this.outboxSweep.execute({});
      if (r.requeued) this.log.log(`re-queued ${r.requeued} pending mail(s)`);
      return r;
    });
    this.schedules.add({ schedulerId: 'sched-outbox-sweep', name: 'outbox-sweep', payload: {}, everyMs: 60_000 });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

@Module({
  imports: [UnitOfWorkModule],
  providers: [
    MailJobs,
    SendOutboxMailUseCase,
    SweepOutboxUseCase,
    {
      provide: MAIL_TRANSPORT,
      inject: [HUB_CONFIG],
      useFactory: (c: HubConfig): MailTransport =>
        c.env.smtpUrl ? new SmtpTransport(c.env.smtpUrl) : new FolderTransport(join(c.env.dataDir, 'outbox-mail'), (m) => new Logger('mail').log(m)),
    },
  ],
})
export class MailWorkerModule {}
