import { Injectable } from '@nestjs/common';
import { AUTH_SESSIONS, UnitOfWork, validateCommand } from '@hub/database';
import { tokenHash } from '../../session-user';
import { LogOutCommand } from './log-out.command';

/** Ends the session of a token (an unknown token: nothing to end). */
@Injectable()
export class LogOutUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: LogOutCommand): Promise<void> {
    const cmd = validateCommand(LogOutCommand, input);
    await this.uow.run((tx) => tx.get(AUTH_SESSIONS).deleteByTokenHash(tokenHash(cmd.token)));
  }
}
