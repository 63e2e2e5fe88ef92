import { Injectable } from '@nestjs/common';
import { AUTH_SESSIONS, UnitOfWork, UNITS, UseCaseError, USERS, validateCommand } from '@hub/database';
import { hashPassword } from '../../password';
import type { Role } from '../../roles';
import { checkUserScope } from '../../user-scope-rules';
import { passwordProblems } from '../../password-rules';
import { UpdateUserCommand } from './update-user.command';

/**
 * An administrator changes an account. Deactivating it or setting a new password ends its
 * sessions at once: whoever held the old password is logged out. A password set here must be
 * changed by its user at the next login.
 */
@Injectable()
export class UpdateUserUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: UpdateUserCommand): Promise<{ id: number; updated: true }> {
    const cmd = validateCommand(UpdateUserCommand, input);
    const passwordHash = cmd.password ? await hashPassword(cmd.password) : undefined;
    return this.uow.run(async (tx) => {
      const users = tx.get(USERS);
      const user = await users.findById(cmd.userId);
      if (!user) throw new UseCaseError('NOT_FOUND', `user ${cmd.userId} not found`);
      const weak = cmd.password ? passwordProblems(cmd.password, user.username) : [];
      if (weak.length) throw new UseCaseError('BAD_INPUT', weak.join('；'), 'password');
      // A role change keeps the scope: it must still fit the new role.
      const scopeUnitId = cmd.scopeUnitId !== undefined ? cmd.scopeUnitId : user.scopeUnitId;
      if (scopeUnitId != null) await checkUserScope(tx.get(UNITS), (cmd.role ?? user.role) as Role, scopeUnitId);
      // A password an administrator set is a temporary one: its holder chooses their own first.
      await users.update(cmd.userId, {
        displayName: cmd.displayName,
        role: cmd.role,
        active: cmd.active,
        passwordHash,
        unitIds: cmd.unitIds,
        mustChangePassword: passwordHash ? true : undefined,
        scopeUnitId: cmd.scopeUnitId,
      });
      // A new scope applies from the next request; sessions stay.
      if (cmd.active === false || cmd.password) await tx.get(AUTH_SESSIONS).deleteForUser(cmd.userId);
      return { id: cmd.userId, updated: true as const };
    });
  }
}
