import type { EntityManager } from 'typeorm';
import { consecutiveIdStep } from '../insert-rows';

const steps = new WeakMap<EntityManager, Promise<number | null>>();

/**
 * consecutiveIdStep asked once per transaction (each has its own EntityManager), however many
 * repositories of that transaction insert rows in bulk.
 */
export function idStepOf(m: EntityManager): Promise<number | null> {
  let step = steps.get(m);
  if (!step) {
    steps.set(m, (step = consecutiveIdStep(m)));
    step.catch(() => steps.delete(m));
  }
  return step;
}
