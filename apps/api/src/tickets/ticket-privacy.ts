import type { AssignmentEntity, RequesterEntity, TicketEntity } from '@hub/database';
import { maskAddress, maskRequester, PersonalData, redactPersonalText } from '@hub/domain';
import type { SessionUser } from '../auth/auth.decorators';

/**
 * How much of a ticket a user reads:
 * - `full`: the desk, and a unit holding an ordinary ticket;
 * - `masked`: a unit holding a confidential (保密) ticket: the requester's data masked wherever it
 *   appears (requester, address, letter, replies, file names);
 * - `former`: a unit that no longer holds the ticket (returned it, reassigned away, closed): its
 *   own part only (its assignments and deadlines, the history until it let go) and no personal data.
 */
export type TicketStanding = { kind: 'full' } | { kind: 'masked' } | { kind: 'former'; unitIds: number[]; until: Date };

export type StandingAssignment = Pick<AssignmentEntity, 'unitId' | 'status' | 'returnedAt' | 'updatedAt'>;

export function standingOf(user: SessionUser, ticket: Pick<TicketEntity, 'confidential'>, assignments: StandingAssignment[]): TicketStanding {
  if (user.role !== 'unit') return { kind: 'full' };
  const mine = assignments.filter((a) => user.unitIds.includes(a.unitId));
  if (mine.some((a) => a.status === 'active')) return ticket.confidential ? { kind: 'masked' } : { kind: 'full' };
  // Let go when its last assignment ended: a return at its time, anything else when it was last changed.
  const ends = mine.map((a) => (a.returnedAt ?? a.updatedAt).getTime());
  return { kind: 'former', unitIds: [...new Set(mine.map((a) => a.unitId))], until: new Date(ends.length ? Math.max(...ends) : 0) };
}

/** What is known of the person behind a ticket, to find it in texts. */
export function personalDataOf(ticket: Pick<TicketEntity, 'address'>, requester: RequesterEntity | null | undefined): PersonalData {
  return {
    name: requester?.name,
    phone: requester?.phone,
    email: requester?.email,
    idNumber: requester?.idNumber,
    address: ticket.address,
    otherAddress: requester?.address,
  };
}

interface Timed {
  at: Date;
}
interface UnitBound {
  unitId: number | null;
}

/** Applies a standing to each part of a ticket a unit reads; the desk's view passes through untouched. */
export class TicketPrivacy {
  constructor(
    readonly standing: TicketStanding,
    private readonly known: PersonalData,
  ) {}

  static of(
    user: SessionUser,
    ticket: Pick<TicketEntity, 'confidential' | 'address'>,
    assignments: StandingAssignment[],
    requester: RequesterEntity | null | undefined,
  ) {
    return new TicketPrivacy(standingOf(user, ticket, assignments), personalDataOf(ticket, requester));
  }

  get full(): boolean {
    return this.standing.kind === 'full';
  }

  get former(): boolean {
    return this.standing.kind === 'former';
  }

  /** Any free text about the ticket: the letter, a reason, a reply, a file name. */
  text<T extends string | null>(s: T): T {
    return (this.full ? s : redactPersonalText(s, this.known)) as T;
  }

  address(a: string | null): string | null {
    return this.full ? a : maskAddress(a);
  }

  requester(r: RequesterEntity | null) {
    if (!r || this.former) return null;
    if (this.full) return { name: r.name, phone: r.phone, email: r.email, idNumber: r.idNumber || null, address: r.address, masked: false };
    return maskRequester(personalDataOf({ address: null }, r));
  }

  /** Of a collection, what this user may see: all of it, or a former holder's own part. */
  ownPart<T extends UnitBound>(rows: T[]): T[] {
    const s = this.standing;
    return s.kind === 'former' ? rows.filter((r) => r.unitId != null && s.unitIds.includes(r.unitId)) : rows;
  }

  /** The history as far as this user may read it: a former holder's ends when it let go. */
  until<T extends Timed>(rows: T[]): T[] {
    const s = this.standing;
    return s.kind === 'former' ? rows.filter((r) => r.at.getTime() <= s.until.getTime()) : rows;
  }

  /** Parts a former holder does not see at all (files, the desk's tasks, later repeats). */
  notFormer<T>(rows: T[]): T[] {
    return this.former ? [] : rows;
  }
}
