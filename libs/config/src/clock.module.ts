import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@hub/domain';

/** The clock as an injectable port (tests and `--now` runs provide their own). */
@Global()
@Module({ providers: [{ provide: CLOCK, useValue: systemClock }], exports: [CLOCK] })
export class ClockModule {}
