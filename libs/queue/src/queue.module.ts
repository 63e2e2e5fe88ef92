import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { BullmqProducer } from './bullmq-producer';
import { JOB_PRODUCER } from './job-producer';
import { JobHandlerRegistry } from './job-handlers';

export const REDIS = Symbol('REDIS');

/** A Redis connection as BullMQ wants it (no per-request retry limit, ready check on). */
export function createRedis(url: string, name: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, connectionName: name, lazyConnect: false });
  let last = 0;
  redis.on('error', (e: Error) => {
    // One line a minute while Redis is unreachable; /health shows it too.
    if (Date.now() - last > 60_000) {
      last = Date.now();
      console.warn(`redis ${url.replace(/\/\/[^@]*@/, '//***@')}: ${e.message}`);
    }
  });
  return redis;
}

@Injectable()
class QueueCloser implements OnApplicationShutdown {
  constructor(
    @Inject(JOB_PRODUCER) private readonly producer: BullmqProducer,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [HUB_CONFIG], useFactory: (c: HubConfig) => createRedis(c.env.redisUrl, 'hub') },
    { provide: JOB_PRODUCER, inject: [REDIS, HUB_CONFIG], useFactory: (r: Redis, c: HubConfig) => new BullmqProducer(r, c.env.queuePrefix) },
    JobHandlerRegistry,
    QueueCloser,
  ],
  exports: [REDIS, JOB_PRODUCER, JobHandlerRegistry],
})
export class QueueModule {}
