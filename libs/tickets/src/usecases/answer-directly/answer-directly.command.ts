import { IsInt, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

export class AnswerDirectlyCommand extends TicketCommand {
  /** What the requester was told; without it, the answer of the knowledge entry. */
  @ValidateIf((c: AnswerDirectlyCommand) => c.text !== undefined || !c.knowledgeId)
  @IsString()
  @MaxLength(20000)
  text?: string;
  /** The knowledge entry the answer came from: recorded with its version, and counted on the entry. */
  @IsOptional() @IsInt() @Min(1) knowledgeId?: number | null;
}
