import type { AssignmentStatus } from '@hub/domain';
import type { SessionUser } from '../auth/auth.decorators';
import { standingOf, TicketPrivacy } from './ticket-privacy';

const user = (role: SessionUser['role'], unitIds: number[] = []): SessionUser => ({
  id: 1,
  username: 'u',
  displayName: 'u',
  role,
  unitIds,
  units: [],
  mustChangePassword: false,
  scopeUnitId: null,
  scope: null,
});
const at = (h: number) => new Date(Date.UTC(2026, 2, 2, h));
const assignment = (unitId: number, status: AssignmentStatus, updatedAt = at(10), returnedAt: Date | null = null) => ({
  unitId,
  status,
  updatedAt,
  returnedAt,
});

describe('how much of a ticket a user reads', () => {
  it('gives the desk everything, and a unit holding a ticket everything unless it is confidential', () => {
    expect(standingOf(user('operator'), { confidential: true }, [])).toEqual({ kind: 'full' });
    expect(standingOf(user('unit', [7]), { confidential: false }, [assignment(7, 'active')])).toEqual({ kind: 'full' });
    expect(standingOf(user('unit', [7]), { confidential: true }, [assignment(7, 'active')])).toEqual({ kind: 'masked' });
  });

  it('gives a unit that let go its own part until its return, or its last change when reassigned or closed', () => {
    const returned = [assignment(7, 'returned', at(15), at(11)), assignment(8, 'active', at(16))];
    expect(standingOf(user('unit', [7]), { confidential: false }, returned)).toEqual({ kind: 'former', unitIds: [7], until: at(11) });
    const twice = [assignment(7, 'reassigned', at(12)), assignment(7, 'closed', at(14))];
    expect(standingOf(user('unit', [7]), { confidential: true }, twice)).toEqual({ kind: 'former', unitIds: [7], until: at(14) });
  });

  it('shows a former holder its own rows and the history until it let go, never the requester', () => {
    const p = new TicketPrivacy({ kind: 'former', unitIds: [7], until: at(11) }, { name: '张三丰', phone: '13912345678' });
    expect(p.ownPart([{ unitId: 7 }, { unitId: 8 }, { unitId: null }])).toEqual([{ unitId: 7 }]);
    expect(p.until([{ at: at(10) }, { at: at(11) }, { at: at(12) }])).toEqual([{ at: at(10) }, { at: at(11) }]);
    expect(p.notFormer([1, 2])).toEqual([]);
    expect(
      p.requester({ id: 1, name: '张三丰', phone: '13912345678', email: null, idNumber: null, address: null, originTicketId: null, createdAt: at(1) }),
    ).toBeNull();
    expect(p.text('张三丰来电，13912345678')).toBe('张**来电，139****5678');
  });
});
