import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_PRODUCER, JobProducer } from '@hub/queue';
import { TypeOrmUnitOfWork } from './unit-of-work/typeorm-unit-of-work';
import { UnitOfWork } from './unit-of-work/unit-of-work';

/** Provides the UnitOfWork over the process's DataSource and queue (import after DatabaseModule and QueueModule). */
@Global()
@Module({
  providers: [{ provide: UnitOfWork, inject: [DataSource, JOB_PRODUCER], useFactory: (ds: DataSource, jobs: JobProducer) => new TypeOrmUnitOfWork(ds, jobs) }],
  exports: [UnitOfWork],
})
export class UnitOfWorkModule {}
