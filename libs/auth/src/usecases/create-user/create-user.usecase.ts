import { Injectable } from '@nestjs/common';
import { UnitOfWork, UNITS, UseCaseError, USERS, validateCommand } from '@hub/database';
import { hashPassword } from '../../password';
import { checkUserScope } from '../../user-scope-rules';
import { passwordProblems } from '../../password-rules';
import { CreateUserCommand } from './create-user.command';

/** An administrator adds a console account; a unit user must name the units it works for. */
@Injectable()
export class CreateUserUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * `mustChangePassword` (default yes: someone else chose the password) makes the console ask for
   * a new one at the first login; `hub user create-admin` passes no, the admin typed it.
   */
  async execute(input: CreateUserCommand, options: { mustChangePassword?: boolean } = {}): Promise<{ id: number; username: string }> {
    const cmd = validateCommand(CreateUserCommand, input);
    const weak = passwordProblems(cmd.password, cmd.username);
    if (weak.length) throw new UseCaseError('BAD_INPUT', weak.join('；'), 'password');
    return this.uow.run(async (tx) => {
      const users = tx.get(USERS);
      if (await users.findByUsername(cmd.username)) throw new UseCaseError('BAD_INPUT', `username ${cmd.username} is taken`);
      if (cmd.role === 'unit' && !cmd.unitIds?.length) throw new UseCaseError('BAD_INPUT', 'a unit user needs unitIds (the units it works for)');
      if (cmd.scopeUnitId != null) await checkUserScope(tx.get(UNITS), cmd.role, cmd.scopeUnitId);
      return users.create({
        username: cmd.username,
        displayName: cmd.displayName,
        role: cmd.role,
        passwordHash: await hashPassword(cmd.password),
        email: cmd.email ?? null,
        unitIds: cmd.unitIds,
        mustChangePassword: options.mustChangePassword ?? true,
        scopeUnitId: cmd.scopeUnitId ?? null,
      });
    });
  }
}
