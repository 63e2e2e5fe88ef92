import { SUPERVISION_LEVELS, SUPERVISION_ORDER_STATUSES } from '@hub/domain';
import { Enum, Int, ListOf, Nested, NullableBool, NullableNum, NullableStr, NullableTime, Str, Time } from '../response-fields';

// What /api/supervision-orders and /api/stats/supervision answer.

export class SupervisionOrderRecord {
  @Int() id!: number;
  @Int() ticketId!: number;
  @Str({ example: 'QH20260302-000123' }) ticketNumber!: string;
  @Str({ description: "the ticket's subject or category" }) ticketTitle!: string;
  @Int() unitId!: number;
  @Str() unit!: string;
  @Enum(SUPERVISION_LEVELS, 'SupervisionLevel') level!: string;
  @Str({ description: '催办 / 督办 / 挂牌督办' }) levelText!: string;
  @Enum(SUPERVISION_ORDER_STATUSES, 'SupervisionOrderStatus') status!: string;
  @Str({ description: 'the status in Chinese' }) statusText!: string;
  @Str({ description: '督办事由' }) reason!: string;
  @Str({ description: '督办要求' }) instructions!: string;
  @Time() issuedAt!: string;
  @Time() dueAt!: string;
  @Str() issuedBy!: string;
  @NullableStr({ description: '督办回复' }) answerText!: string | null;
  @NullableTime() answeredAt!: string | null;
  @NullableStr() answeredBy!: string | null;
  @NullableBool({ description: 'null while unanswered' }) answeredOnTime!: boolean | null;
  @NullableTime({ description: 'put on the 通报 list' }) reportedAt!: string | null;
  @NullableTime() withdrawnAt!: string | null;
  @NullableStr() withdrawReason!: string | null;
  @NullableStr({ description: 'orders opened together share it' }) batchKey!: string | null;
}

export class SupervisionOrderList {
  @ListOf(SupervisionOrderRecord) items!: SupervisionOrderRecord[];
}

export class SupervisionCounts {
  @Int() issued!: number;
  @Int() answeredOnTime!: number;
  @Int() answeredLate!: number;
  @Int() pending!: number;
  @Int() overdue!: number;
  @Int() reported!: number;
  @Int() withdrawn!: number;
  @NullableNum({ description: 'fraction, e.g. 0.9' }) onTimeRate!: number | null;
}

export class SupervisionLevelCounts extends SupervisionCounts {
  @Enum(SUPERVISION_LEVELS, 'SupervisionLevel') level!: string;
  @Str() levelText!: string;
}

export class SupervisionUnitCounts extends SupervisionCounts {
  @Int() unitId!: number;
  @Str() unit!: string;
}

export class SupervisionDefinitions {
  @Str() issued!: string;
  @Str() answeredOnTime!: string;
  @Str() answeredLate!: string;
  @Str() pending!: string;
  @Str() overdue!: string;
  @Str() reported!: string;
  @Str() withdrawn!: string;
  @Str() onTimeRate!: string;
}

export class SupervisionStats {
  @Str() from!: string;
  @Str() to!: string;
  @Nested(SupervisionCounts) total!: SupervisionCounts;
  @ListOf(SupervisionLevelCounts) byLevel!: SupervisionLevelCounts[];
  @ListOf(SupervisionUnitCounts) byUnit!: SupervisionUnitCounts[];
  @Nested(SupervisionDefinitions) definitions!: SupervisionDefinitions;
}

export class SupervisionReport {
  @Str() from!: string;
  @Str() to!: string;
  @ListOf(SupervisionOrderRecord, { description: 'orders put on the 通报 list in the period, oldest first' }) items!: SupervisionOrderRecord[];
}
