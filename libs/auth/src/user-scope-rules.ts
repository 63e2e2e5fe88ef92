import { type UnitRepository, UseCaseError } from '@hub/database';
import type { Role } from './roles';
import { SCOPABLE_ROLES } from './session-user';

/**
 * Refuses a scope (users.scopeUnitId) the account cannot have: on a role it does not apply to
 * (a unit user is limited by its units, an administrator never), or on a unit that does not exist.
 */
export async function checkUserScope(units: UnitRepository, role: Role, scopeUnitId: number | null | undefined): Promise<void> {
  if (scopeUnitId == null) return;
  if (!SCOPABLE_ROLES.includes(role)) {
    throw new UseCaseError('BAD_INPUT', `管辖范围只适用于以下角色：${SCOPABLE_ROLES.join(', ')}（${role} 不能限定范围）`, 'scopeUnitId');
  }
  if (!(await units.findById(scopeUnitId))) throw new UseCaseError('BAD_INPUT', `找不到单位 ${scopeUnitId}，请核对 scopeUnitId`, 'scopeUnitId');
}
