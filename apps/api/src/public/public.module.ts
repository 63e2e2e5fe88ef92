import { Module } from '@nestjs/common';
import { CitizenUseCasesModule } from '@hub/tickets';
import { LookupLimiter } from './lookup-limiter';
import { PublicController } from './public.controller';

/** `/api/public`: the citizens' own pages (status lookup, 回访 survey), no login. */
@Module({ imports: [CitizenUseCasesModule], controllers: [PublicController], providers: [LookupLimiter] })
export class PublicModule {}
