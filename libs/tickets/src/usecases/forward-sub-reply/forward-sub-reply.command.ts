import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { Outcome, OUTCOMES } from '@hub/domain';
import { TicketCommand } from '../shared/command-fields';

/** The desk unit answers upward from its lower unit's reply, as it stands or edited. */
export class ForwardSubReplyCommand extends TicketCommand {
  /** The desk unit (the acting unit user's). */
  @IsInt() @Min(1) unitId!: number;
  /** Edited outcome; the lower unit's when left out. */
  @IsOptional() @IsIn(OUTCOMES as unknown as string[]) outcome?: Outcome;
  /** Edited text; the lower unit's when left out. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(20000) text?: string;
}
