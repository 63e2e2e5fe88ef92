import { Injectable } from '@nestjs/common';
import { LOGIN_THROTTLES, UnitOfWork, UseCaseError, USERS, validateCommand } from '@hub/database';
import { accountThrottleKeys } from '../../login-throttle-policy';
import { UnlockUserCommand } from './unlock-user.command';

/** An administrator lifts every login pause on an account (from anywhere); the addresses' own counts stay. */
@Injectable()
export class UnlockUserUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: UnlockUserCommand): Promise<{ id: number; username: string; cleared: number }> {
    const cmd = validateCommand(UnlockUserCommand, input);
    return this.uow.run(async (tx) => {
      const user = await tx.get(USERS).findById(cmd.userId);
      if (!user) throw new UseCaseError('NOT_FOUND', `user ${cmd.userId} not found`);
      const { keys, prefixes } = accountThrottleKeys(user.username);
      return { id: user.id, username: user.username, cleared: await tx.get(LOGIN_THROTTLES).clear(keys, prefixes) };
    });
  }
}
