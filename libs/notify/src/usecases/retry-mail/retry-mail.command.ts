import { IsInt } from 'class-validator';

export class RetryMailCommand {
  @IsInt() mailId!: number;
}
