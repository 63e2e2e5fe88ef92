import { IsArray, IsInt } from 'class-validator';

export class RouteNewTicketsCommand {
  /** Tickets just taken in; any no longer `received` is skipped. */
  @IsArray() @IsInt({ each: true }) ticketIds!: number[];
}
