import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { HUB_CONFIG, HubConfig } from '@hub/config';
import { CreateUserUseCase, UnlockUserUseCase, UpdateUserUseCase } from '@hub/auth';
import { CreateRoutingRuleUseCase, DisableRoutingRuleUseCase, UpdateRoutingRuleUseCase } from '@hub/classification';
import { clearStaleIncomingUploads, incomingUploadDir, RerunIntakeItemUseCase } from '@hub/intake';
import { RetryMailUseCase } from '@hub/notify';
import { AdminController, TasksController } from './admin.controller';
import { AdminQueryService } from './admin-query.service';

@Module({
  imports: [
    // Uploads go to a file as they arrive, never into API memory (a 200 MB export costs no 200 MB of heap).
    MulterModule.registerAsync({
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => {
        clearStaleIncomingUploads(config.env.dataDir);
        return { dest: incomingUploadDir(config.env.dataDir) };
      },
    }),
  ],
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
