import { Module } from '@nestjs/common';
import { IntakeModule } from '@hub/intake';
import { CitizenUseCasesModule } from '@hub/tickets';
import { Open311Controller } from './open311.controller';

/** `/open311/v2`: Open311 GeoReport v2 for civic apps. */
@Module({ imports: [IntakeModule, CitizenUseCasesModule], controllers: [Open311Controller] })
export class Open311Module {}
