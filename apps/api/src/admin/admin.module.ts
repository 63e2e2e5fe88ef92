import { Module } from '@nestjs/common';
import { AdminController, TasksController } from './admin.controller';

@Module({ controllers: [AdminController, TasksController] })
export class AdminModule {}
