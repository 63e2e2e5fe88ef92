import { Injectable } from '@nestjs/common';
import { UnitOfWork, UseCaseError, USERS, validateCommand } from '@hub/database';
import { hashPassword } from '../../password';
import { CreateUserCommand } from './create-user.command';

/** An administrator adds a console account; a unit user must name the units it works for. */
@Injectable()
export class CreateUserUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: CreateUserCommand): Promise<{ id: number; username: string }> {
    const cmd = validateCommand(CreateUserCommand, input);
    return this.uow.run(async (tx) => {
      const users = tx.get(USERS);
      if (await users.findByUsername(cmd.username)) throw new UseCaseError('BAD_INPUT', `username ${cmd.username} is taken`);
      if (cmd.role === 'unit' && !cmd.unitIds?.length) throw new UseCaseError('BAD_INPUT', 'a unit user needs unitIds (the units it works for)');
      return users.create({
        username: cmd.username,
        displayName: cmd.displayName,
        role: cmd.role,
        passwordHash: await hashPassword(cmd.password),
        email: cmd.email ?? null,
        unitIds: cmd.unitIds,
      });
    });
  }
}
