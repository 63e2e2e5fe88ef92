import { Module } from '@nestjs/common';
import { CreateUserUseCase, UnlockUserUseCase, UpdateUserUseCase } from '@hub/auth';
import { CreateRoutingRuleUseCase, DisableRoutingRuleUseCase, UpdateRoutingRuleUseCase } from '@hub/classification';
import { RerunIntakeItemUseCase } from '@hub/intake';
import { RetryMailUseCase } from '@hub/notify';
import { AdminController, TasksController } from './admin.controller';
import { AdminQueryService } from './admin-query.service';

@Module({
  controllers: [AdminController, TasksController],
  providers: [
    AdminQueryService,
    RerunIntakeItemUseCase,
    CreateUserUseCase,
    UpdateUserUseCase,
    UnlockUserUseCase,
    CreateRoutingRuleUseCase,
    UpdateRoutingRuleUseCase,
    DisableRoutingRuleUseCase,
    RetryMailUseCase,
  ],
})
export class AdminModule {}
