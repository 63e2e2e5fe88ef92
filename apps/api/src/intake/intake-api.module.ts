import { Module } from '@nestjs/common';
import { IntakeModule } from '@hub/intake';
import { IntakeController } from './intake.controller';

/** POST /api/intake: web forms, other systems and calls typed in by hand. */
@Module({ imports: [IntakeModule], controllers: [IntakeController] })
export class IntakeApiModule {}
