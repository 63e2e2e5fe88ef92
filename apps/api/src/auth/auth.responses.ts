import { ROLES } from '@hub/auth';
import { Bool, Enum, Int, IntList, ListOf, Nested, NullableInt, Str, Time } from '../response-fields';

// What /api/auth answers.

export class UnitRef {
  @Int() id!: number;
  @Str() name!: string;
}

/** The logged-in user, as the console keeps it. */
export class SessionUserView {
  @Int() id!: number;
  @Str() username!: string;
  @Str() displayName!: string;
  @Enum(ROLES, 'Role') role!: string;
  @IntList({ description: 'the units a unit user works for' }) unitIds!: number[];
  @ListOf(UnitRef) units!: UnitRef[];
  @Bool({ description: 'an administrator set the password: every route but POST /api/auth/password, /me and /logout answers 403 until it is changed' })
  mustChangePassword!: boolean;
  @NullableInt({ description: "an operator's, supervisor's or leader's scope: the unit whose sub-tree it works (null: the whole installation)" })
  scopeUnitId!: number | null;
}

export class LoginResult {
  @Str({ description: 'send as Authorization: Bearer <token>' }) token!: string;
  @Time() expiresAt!: string;
  @Nested(SessionUserView) user!: SessionUserView;
}

export class PasswordChanged {
  @Bool({ description: 'always true; the session used stays, every other one ended' }) changed!: boolean;
}
