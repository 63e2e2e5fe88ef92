import { IsBoolean, IsOptional } from 'class-validator';
import { UnitChoiceCommand } from '../shared/command-fields';

export class DispatchTicketCommand extends UnitChoiceCommand {
  /**
   * As a person asked for it (POST /dispatch): sent again to the same unit it answers with the
   * ticket as it is; a ticket already with another unit, or returned, is reassigned (改派). Without
   * it (the router) a ticket already sent is refused, never overridden.
   */
  @IsOptional() @IsBoolean() asAsked?: boolean;
}
