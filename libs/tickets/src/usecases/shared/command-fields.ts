import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { Actor, URGENCIES, Urgency } from '@hub/domain';

const ACTOR_KINDS: Actor['kind'][] = ['user', 'system', 'unit', 'requester'];

/** Who acts: a user, a unit, the router or the requester. */
export class ActorInput implements Actor {
  @IsIn(ACTOR_KINDS) kind!: Actor['kind'];
  @IsOptional() @IsInt() id?: number | null;
  @IsString() name!: string;
}

/** What every action on one ticket carries. */
export class TicketCommand {
  @IsInt() @Min(1) ticketId!: number;
  @IsDefined() @ValidateNested() @Type(() => ActorInput) actor!: Actor;
}

/** The unit a ticket goes to (主办), those assisting (协办), and what the operator set while sending it. */
export class UnitChoiceCommand extends TicketCommand {
  @IsInt() @Min(1) unitId!: number;
  // No cap on their number here: the API caps what a person sends; the router sends what the directory names.
  @IsOptional() @IsArray() @IsInt({ each: true }) assistUnitIds?: number[];
  @IsOptional() @IsString() @MaxLength(100) category?: string | null;
  @IsOptional() @IsString() @MaxLength(50) region?: string | null;
  @IsOptional() @IsIn(URGENCIES as unknown as string[]) urgency?: Urgency;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
  /** A scoped desk's sub-tree (issue #21): the only units it may send to. Absent: any unit. */
  @IsOptional() @IsArray() @IsInt({ each: true }) scopeUnitIds?: number[];
}
