import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

/** 二级派单: the desk unit holding the ticket hands it down to one of the units under it. */
export class SubDispatchTicketCommand extends TicketCommand {
  /** The desk unit (the acting unit user's). */
  @IsInt() @Min(1) unitId!: number;
  /** The unit below it (units.yaml: its `parent` is the desk unit). */
  @IsInt() @Min(1) childUnitId!: number;
  @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}
