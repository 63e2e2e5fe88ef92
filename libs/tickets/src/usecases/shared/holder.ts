import { AssignmentEntity, ASSIGNMENTS, Transaction, UnitEntity, UnitOfWork, UNITS } from '@hub/database';
import { ActionRefusedError, TicketNotFoundError } from '../../ticket-errors';

/** The active assignment an action works on: the acting unit's (or any) of the role; not-found otherwise. */
export async function activeAssignment(
  tx: Pick<Transaction, 'get'>,
  ticketId: number,
  unitId: number | null,
  role: 'lead' | 'assist' | 'any' = 'lead',
): Promise<AssignmentEntity> {
  const rows = await tx.get(ASSIGNMENTS).listActive(ticketId);
  const pick = rows.find((a) => (role === 'any' || a.role === role) && (unitId == null || a.unitId === unitId));
  if (!pick) throw new TicketNotFoundError(ticketId);
  return pick;
}

/** Before the transition: the acting unit must hold the ticket (404 otherwise, as for any other unit). */
export async function requireHolder(uow: UnitOfWork, ticketId: number, unitId: number | null | undefined, role: 'lead' | 'any' = 'lead'): Promise<void> {
  if (unitId == null) return;
  const a = await uow.read(ASSIGNMENTS).findActiveOf(ticketId, unitId);
  if (!a) throw new TicketNotFoundError(ticketId);
  if (role === 'lead' && a.role !== 'lead') {
    throw new ActionRefusedError(
      'only the lead unit (主办) may return the ticket or ask for an extension; an assisting unit (协办) acknowledges and replies with its part',
    );
  }
}

/** The units a ticket is sent to, in the order given; a missing or retired one refuses the action. */
export async function activeUnits(tx: Pick<Transaction, 'get'>, ids: number[]): Promise<UnitEntity[]> {
  if (!ids.length) return [];
  const found = await tx.get(UNITS).findByIds(ids);
  for (const id of ids) if (!found.some((u) => u.id === id && u.active)) throw new ActionRefusedError(`unit ${id} does not exist or is retired`);
  return ids.map((id) => found.find((u) => u.id === id) as UnitEntity);
}
