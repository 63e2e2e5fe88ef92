import { ApiProperty } from '@nestjs/swagger';
import { ListOf, Nested, NullableTime, Str, Time } from '../response-fields';

// What GET /health answers (with 503 when the database or Redis is down).

const STATUS = { enum: ['up', 'down', 'degraded'], enumName: 'CheckStatus' };

export class ServiceCheck {
  @ApiProperty(STATUS) status!: 'up' | 'down' | 'degraded';
  @ApiProperty({ type: String, required: false, description: 'why it is not up' }) detail?: string;
  @ApiProperty({ type: String, required: false, description: 'the database: mysql (also MariaDB) or sqlite' }) type?: string;
}

export class MailboxCheck {
  @Str() name!: string;
  @ApiProperty(STATUS) status!: 'up' | 'down' | 'degraded';
  @Str({ description: 'ok, failing, silent, unknown or never polled' }) state!: string;
  @NullableTime() lastSuccessAt!: string | null;
  @NullableTime() lastMailAt!: string | null;
  @ApiProperty({ type: String, required: false, description: 'the last error' }) detail?: string;
}

export class HealthChecks {
  @Nested(ServiceCheck) database!: ServiceCheck;
  @Nested(ServiceCheck) redis!: ServiceCheck;
  @ListOf(MailboxCheck) mailboxes!: MailboxCheck[];
}

export class Health {
  @ApiProperty({ enum: ['ok', 'degraded', 'error'], description: 'degraded: a mailbox is not up; error: the database or Redis is down (503)' })
  status!: 'ok' | 'degraded' | 'error';
  @Nested(HealthChecks) checks!: HealthChecks;
  @Time() time!: string;
}
