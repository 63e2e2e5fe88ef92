import { join } from 'path';
import type { DataSource } from 'typeorm';
import { ensureModel } from '../libs/classification/src';
import type { HubConfig } from '../libs/config/src';
import { HEALTH, TypeOrmUnitOfWork } from '../libs/database/src';
import { intakeUseCases } from '../libs/intake/src';
import { seedDemoKnowledge } from '../libs/knowledge/src';
import { systemClock } from '../libs/domain/src';
import { BullmqProducer, createRedis, RecordingJobProducer } from '../libs/queue/src';

type Hook = (ds: DataSource, cfg: HubConfig, say: (m: string) => void) => Promise<void>;

/** A routing model from the shipped training examples, the first time (a few seconds). */
const routingModel: Hook = async (_ds, cfg, say) => {
  const classifier = ensureModel(cfg);
  say(`routing model ${classifier.model.version} ready`);
};

/**
 * On an empty database, a dozen demo calls go through the real intake pipeline (the worker then
 * classifies and dispatches them), so the console has something to show. HUB_DEMO_TICKETS=0 skips
 * it; production never has them (they would mail real units).
 */
const demoTickets: Hook = async (ds, cfg, say) => {
  if (
    cfg.env.security.production ||
    process.env.HUB_DEMO_TICKETS === '0' ||
    (await new TypeOrmUnitOfWork(ds, new RecordingJobProducer()).read(HEALTH).hasTickets())
  )
    return;
  if (!cfg.sources.sources.some((s) => s.name === 'standard')) return;
  const file = join(cfg.env.configDir, 'demo', 'hotline-demo.csv');
  const redis = createRedis(cfg.env.redisUrl, 'hub-start');
  const producer = new BullmqProducer(redis, cfg.env.queuePrefix);
  try {
    const summary = await intakeUseCases(new TypeOrmUnitOfWork(ds, producer), cfg).importHotlineFile.execute({ file, source: 'standard' });
    say(`demo: ${summary.imported} calls imported; the worker classifies and dispatches them`);
  } finally {
    await producer.close();
    redis.disconnect();
  }
};

/** The demo city's knowledge base (config/demo/knowledge.yaml) into an empty one; never in production. */
const demoKnowledge: Hook = async (ds, cfg, say) => {
  const n = await seedDemoKnowledge(new TypeOrmUnitOfWork(ds, new RecordingJobProducer()), cfg, systemClock);
  if (n) say(`demo: ${n} knowledge-base entries loaded`);
};

/** Extra start-up steps, run after migrations. */
export const START_HOOKS: Hook[] = [routingModel, demoTickets, demoKnowledge];
