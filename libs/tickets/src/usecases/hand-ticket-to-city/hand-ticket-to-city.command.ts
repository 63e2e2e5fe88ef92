import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { TicketCommand } from '../shared/command-fields';

/** 转交地市: the province desk gives a ticket to one of its cities (cities.yaml), by the city's name. */
export class HandTicketToCityCommand extends TicketCommand {
  @IsString() @IsNotEmpty() @MaxLength(100) city!: string;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string | null;
}
