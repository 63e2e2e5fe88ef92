import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { BullmqProducer } from './bullmq-producer';
import { JOB_PRODUCER } from './job-producer';
import { JobHandlerRegistry } from './job-handlers';
import { createRedis, RedisClient, redisDurabilityWarnings } from './redis-connection';

export const REDIS = Symbol('REDIS');

@Injectable()
class QueueCloser implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(JOB_PRODUCER) private readonly producer: BullmqProducer,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  /** Says at start-up (without holding it up) when Redis would lose or evict jobs. */
  onApplicationBootstrap(): void {
    const log = new Logger('redis');
    const check = () =>
      void redisDurabilityWarnings(this.redis).then(
        (warnings) => warnings.forEach((w) => log.warn(w)),
        () => undefined,
      );
    if (this.redis.status === 'ready') check();
    else this.redis.once('ready', check);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [HUB_CONFIG], useFactory: (c: HubConfig) => createRedis(c.env.redisUrl, 'hub') },
    { provide: JOB_PRODUCER, inject: [REDIS, HUB_CONFIG], useFactory: (r: RedisClient, c: HubConfig) => new BullmqProducer(r, c.env.queuePrefix) },
    JobHandlerRegistry,
    QueueCloser,
  ],
  exports: [REDIS, JOB_PRODUCER, JobHandlerRegistry],
})
export class QueueModule {}
