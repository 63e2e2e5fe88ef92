import { IsArray, IsInt } from 'class-validator';

export class IndexTicketsCommand {
  /** Tickets a bulk import made; their lookup rows are (re)written from the tickets and requesters. */
  @IsArray() @IsInt({ each: true }) ticketIds!: number[];
}
