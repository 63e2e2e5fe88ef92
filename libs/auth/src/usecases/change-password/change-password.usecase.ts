import { Injectable } from '@nestjs/common';
import { AUTH_SESSIONS, UnitOfWork, UseCaseError, USERS, validateCommand } from '@hub/database';
import { hashPassword, verifyPassword } from '../../password';
import { passwordProblems } from '../../password-rules';
import { ChangePasswordCommand } from './change-password.command';

/**
 * A user changes their own password: the current one proves it is them, the new one follows the
 * rules and differs from it. Their other sessions end (whoever knew the old password is out);
 * the one they did it from stays, and the console stops asking for a change.
 */
@Injectable()
export class ChangePasswordUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ChangePasswordCommand): Promise<{ changed: true }> {
    const cmd = validateCommand(ChangePasswordCommand, input);
    const user = await this.uow.read(USERS).findById(cmd.userId);
    if (!user || !user.active) throw new UseCaseError('NOT_FOUND', `user ${cmd.userId} not found`);
    if (!(await verifyPassword(cmd.currentPassword, user.passwordHash))) throw new UseCaseError('BAD_INPUT', '当前密码不正确', 'currentPassword');
    const weak = passwordProblems(cmd.newPassword, user.username);
    if (cmd.newPassword === cmd.currentPassword) weak.push('新密码不能与当前密码相同');
    if (weak.length) throw new UseCaseError('BAD_INPUT', weak.join('；'), 'newPassword');
    const passwordHash = await hashPassword(cmd.newPassword);
    return this.uow.run(async (tx) => {
      await tx.get(USERS).update(user.id, { passwordHash, mustChangePassword: false });
      await tx.get(AUTH_SESSIONS).deleteForUser(user.id, cmd.keepTokenHash);
      return { changed: true as const };
    });
  }
}
