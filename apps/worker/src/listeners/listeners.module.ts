import { Module } from '@nestjs/common';
import { RemindersModule } from '@hub/reminders';
import { WorkerNotifyModule } from '../worker-notify.module';
import { DailyDigestListener } from './daily-digest.listener';
import { MailboxIdleListener } from './mailbox-idle.listener';
import { SmsGatewayListener } from './sms-gateway.listener';
import { WebhookCommitsListener } from './webhook-commits.listener';

/** What the worker does besides running jobs: listening to mailboxes, the SMS gateway and committed events, and the first digest. */
@Module({
  imports: [RemindersModule, WorkerNotifyModule],
  providers: [MailboxIdleListener, SmsGatewayListener, WebhookCommitsListener, DailyDigestListener],
})
export class ListenersModule {}
