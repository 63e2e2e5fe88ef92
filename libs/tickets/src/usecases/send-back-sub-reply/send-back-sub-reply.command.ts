import { IsInt, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

/** 退回重办 inside the chain: the desk unit sends its lower unit's reply back, with what is wrong with it. */
export class SendBackSubReplyCommand extends TicketCommand {
  /** The desk unit (the acting unit user's). */
  @IsInt() @Min(1) unitId!: number;
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}
