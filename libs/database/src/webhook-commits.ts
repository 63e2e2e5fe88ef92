import { Injectable } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import { webhookEventsOf } from './repositories/webhook-capture';

/**
 * Tells the process which ticket events a committed transaction captured webhook deliveries for,
 * so their delivery jobs are queued at once (the webhook sweep queues whatever this misses: a
 * process without the listener, such as the CLI, or Redis away at that moment).
 */
@Injectable()
export class WebhookCommits {
  constructor(private readonly ds: DataSource) {}

  subscribe(fn: (eventIds: number[]) => void): void {
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (e) => {
        const ids = webhookEventsOf(e.queryRunner.data);
        if (ids.length) fn(ids);
      },
      afterTransactionRollback: (e) => {
        webhookEventsOf(e.queryRunner.data);
      },
    };
    this.ds.subscribers.push(subscriber);
  }
}
