import { Injectable } from '@nestjs/common';
import { UnitOfWork, UNITS, UseCaseError, USERS, validateCommand } from '@hub/database';
import type { Role } from '../../roles';
import { checkUserScope } from '../../user-scope-rules';
import { SetUserScopeCommand } from './set-user-scope.command';

/**
 * Limits an operator, supervisor or leader to a unit's sub-tree (a district sub-centre's desk), or
 * gives it the whole installation back. It applies from the account's next request.
 */
@Injectable()
export class SetUserScopeUseCase {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: SetUserScopeCommand): Promise<{ id: number; username: string; scopeUnitId: number | null; scopeUnit: string | null }> {
    const cmd = validateCommand(SetUserScopeCommand, input);
    return this.uow.run(async (tx) => {
      const users = tx.get(USERS);
      const user = await users.findByUsername(cmd.username);
      if (!user) throw new UseCaseError('NOT_FOUND', `找不到账号 ${cmd.username}`, 'username');
      let scopeUnitId: number | null = null;
      if (cmd.unitName) {
        const unit = await tx.get(UNITS).findActiveByName(cmd.unitName);
        if (!unit) throw new UseCaseError('BAD_INPUT', `找不到单位 ${cmd.unitName}，请核对 units.yaml 中的名称`, 'unitName');
        scopeUnitId = unit.id;
        await checkUserScope(tx.get(UNITS), user.role as Role, scopeUnitId);
      }
      await users.update(user.id, { scopeUnitId });
      return { id: user.id, username: user.username, scopeUnitId, scopeUnit: cmd.unitName ?? null };
    });
  }
}
