import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { ChangePasswordUseCase, LogInUseCase, LogOutUseCase, SessionUsers } from '@hub/auth';
import { AuditInterceptor } from './audit.interceptor';
import { HttpErrorsFilter } from '../http-errors.filter';

@Module({
  imports: [ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 600 }])],
  controllers: [AuthController],
  providers: [
    SessionUsers,
    LogInUseCase,
    LogOutUseCase,
    ChangePasswordUseCase,
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    { provide: APP_FILTER, useClass: HttpErrorsFilter },
  ],
  exports: [SessionUsers],
})
export class AuthModule {}
