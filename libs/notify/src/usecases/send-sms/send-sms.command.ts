import { IsInt, Min } from 'class-validator';

export class SendSmsCommand {
  @IsInt() @Min(1) smsId!: number;
}
