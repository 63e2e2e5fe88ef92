import type { HubConfig } from '@hub/config';
import type { UnitOfWork } from '@hub/database';
import { CityDeadlinePolicies, type DeadlinePolicies } from '@hub/deadlines';
import type { Clock } from '@hub/domain';
import type { JobProducer } from '@hub/queue';
import { SendOverdueDigestUseCase } from './usecases/send-overdue-digest/send-overdue-digest.usecase';
import { SweepDeadlinesUseCase } from './usecases/sweep-deadlines/sweep-deadlines.usecase';

/** The sweep and the digest wired by hand, for the `hub` command, benches and tests that run without Nest. */
export function reminderUseCases(d: {
  uow: UnitOfWork;
  clock: Clock;
  config: HubConfig;
  policies: DeadlinePolicies | CityDeadlinePolicies;
  jobs: JobProducer;
}) {
  const base = d.policies instanceof CityDeadlinePolicies ? d.policies.base : d.policies;
  const digests = new SendOverdueDigestUseCase(d.uow, d.clock, d.config, base);
  return { digests, sweep: new SweepDeadlinesUseCase(d.uow, d.clock, d.config, d.policies, d.jobs, digests) };
}
