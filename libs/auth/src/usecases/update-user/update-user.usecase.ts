import { Injectable } from '@nestjs/common';
import { AUTH_SESSIONS, UnitOfWork, UseCaseError, USERS, validateCommand } from '@hub/database';
import { hashPassword } from '../../password';
import { UpdateUserCommand } from './update-user.command';

/**
 * An administrator changes an account. Deactivating it or setting a new password ends its
 * sessions at once: whoever held the old password is logged out.
 */
@Injectable()
export class UpdateUserUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: UpdateUserCommand): Promise<{ id: number; updated: true }> {
    const cmd = validateCommand(UpdateUserCommand, input);
    const passwordHash = cmd.password ? await hashPassword(cmd.password) : undefined;
    return this.uow.run(async (tx) => {
      const users = tx.get(USERS);
      if (!(await users.findById(cmd.userId))) throw new UseCaseError('NOT_FOUND', `user ${cmd.userId} not found`);
      await users.update(cmd.userId, { displayName: cmd.displayName, role: cmd.role, active: cmd.active, passwordHash, unitIds: cmd.unitIds });
      if (cmd.active === false || cmd.password) await tx.get(AUTH_SESSIONS).deleteForUser(cmd.userId);
      return { id: cmd.userId, updated: true as const };
    });
  }
}
