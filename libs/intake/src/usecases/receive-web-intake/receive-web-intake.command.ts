import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { type Actor, CHANNELS, type Channel, URGENCIES, type Urgency } from '@hub/domain';
import type { WebIntake } from '../../web-intake';

/** A post to the HTTP intake (the API's DTO checks the details a sender needs told; this is the use case's own guard). */
export class ReceiveWebIntakeCommand implements WebIntake {
  @IsOptional() @IsIn(CHANNELS as unknown as string[]) channel?: Channel;
  @IsOptional() @IsString() @MaxLength(100) source?: string;
  @IsOptional() @IsString() @MaxLength(128) externalId?: string;
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() phone?: string;
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsString() idNumber?: string;
  @IsOptional() @IsString() subject?: string;
  @IsString() @IsNotEmpty() text!: string;
  @IsOptional() @IsString() address?: string;
  @IsOptional() @IsIn(URGENCIES as unknown as string[]) urgency?: Urgency;
  @IsOptional() @IsBoolean() confidential?: boolean;
  @IsOptional() @IsString() receivedAt?: string;
  @IsOptional() @IsString() dueAt?: string;
  /** The city (cities.yaml) it is for. */
  @IsOptional() @IsString() @MaxLength(100) city?: string;
  /** The operator or system that posted it; default the system. */
  @IsOptional() @IsObject() receivedBy?: Actor;
}
