import { ApiProperty } from '@nestjs/swagger';
import { Bool, Int, ListOf, Nested, NullableTime, Str, Time } from '../response-fields';

// What GET /health answers (200 while the API can serve, 503 when the database or Redis is down).

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

export class WorkerBeat {
  @Str({ description: 'host:pid' }) id!: string;
  @Str() host!: string;
  @Int() pid!: number;
  @Time() startedAt!: string;
  @Time({ description: 'its last heartbeat (every 5 s)' }) beatAt!: string;
  @Int({ description: 'how long ago it last beat' }) silentForMs!: number;
  @Bool({ description: 'beat within the last 20 s' }) alive!: boolean;
  @Int({ description: 'jobs running at its last beat' }) running!: number;
  @Int({ description: 'jobs completed since it started' }) completed!: number;
  @Int({ description: 'jobs failed since it started' }) failed!: number;
}

export class WorkersCheck {
  @ApiProperty({ enum: ['up', 'down'], description: 'up when at least one worker beat within 20 s' }) status!: 'up' | 'down';
  @ApiProperty({ type: String, required: false, description: 'why it is not up' }) detail?: string;
  @Int({ description: 'workers that beat within 20 s' }) alive!: number;
  @ListOf(WorkerBeat, { description: 'every worker that beat within the last hour' }) workers!: WorkerBeat[];
}

export class StalledImport {
  @Int() id!: number;
  @Str() sourceName!: string;
  @Str() fileName!: string;
  @Time() startedAt!: string;
  @NullableTime({ description: 'when it last wrote a batch' }) progressAt!: string | null;
  @Int({ description: 'rows done by then' }) rows!: number;
  @Int({ description: 'how long without progress' }) silentForMs!: number;
}

export class ImportsCheck {
  @ApiProperty({ enum: ['up', 'degraded'], description: 'degraded when an import is running without progress for 10 minutes' }) status!: 'up' | 'degraded';
  @ApiProperty({ type: String, required: false, description: 'why it is not up' }) detail?: string;
  @ListOf(StalledImport) stalled!: StalledImport[];
}

export class HealthChecks {
  @Nested(ServiceCheck) database!: ServiceCheck;
  @Nested(ServiceCheck) redis!: ServiceCheck;
  @Nested(WorkersCheck) workers!: WorkersCheck;
  @Nested(ImportsCheck) imports!: ImportsCheck;
  @ListOf(MailboxCheck) mailboxes!: MailboxCheck[];
}

export class Health {
  @ApiProperty({
    enum: ['ok', 'degraded', 'error'],
    description: 'degraded (200): no worker beat within 20 s, an import stalled or a mailbox not up; error (503): the database or Redis is down',
  })
  status!: 'ok' | 'degraded' | 'error';
  @Nested(HealthChecks) checks!: HealthChecks;
  @Time() time!: string;
}
