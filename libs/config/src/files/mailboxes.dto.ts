import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

export class MailboxConfig {
  /** The source name used in reports, e.g. 市长信箱. */
  @IsString() name!: string;
  @IsString() host!: string;
  @IsInt() @Min(1) @Max(65535) port = 993;
  @IsBoolean() secure = true;
  @IsString() user!: string;
  @IsString() password!: string;
  @IsString() folder = 'INBOX';
  /** After the ticket is committed: mark \Seen, or move to a folder (`move:Processed`). */
  @Matches(/^(seen|move:.+)$/, { message: 'after must be "seen" or "move:<folder>"' }) after = 'seen';
  @IsInt() @Min(5) pollIntervalSeconds = 60;
  @IsBoolean() idle = false;
  /** Address answers are sent from (defaults to user when it is an address). */
  @IsOptional() @IsString() address?: string;
  /** Alert an administrator when nothing has arrived for this long. */
  @IsOptional() @IsInt() @Min(1) silentAlertHours?: number;
  /** Largest attachment kept, in bytes; larger ones are recorded but not stored. */
  @IsInt() @Min(0) maxAttachmentBytes = 20 * 1024 * 1024;
  /** The city (cities.yaml) whose letters these are: its tickets are numbered and held by that city's desk. */
  @IsOptional() @IsString() city?: string;
}

export class MailboxesFile {
  @IsArray() @ValidateNested({ each: true }) @Type(() => MailboxConfig) mailboxes: MailboxConfig[] = [];
}
