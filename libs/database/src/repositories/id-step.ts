import type { EntityManager } from 'typeorm';
import { consecutiveIdStep } from '../insert-rows';

const steps = new WeakMap<object, Promise<number | null>>();

/**
 * consecutiveIdStep asked once per database (the lock mode and the increment are server settings
 * that change only with a restart), however many transactions and repositories insert rows in bulk.
 */
export function idStepOf(m: EntityManager): Promise<number | null> {
  const key = m.connection;
  let step = steps.get(key);
  if (!step) {
    steps.set(key, (step = consecutiveIdStep(m)));
    step.catch(() => steps.delete(key));
  }
  return step;
}
