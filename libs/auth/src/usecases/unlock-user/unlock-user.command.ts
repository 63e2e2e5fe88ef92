import { IsInt } from 'class-validator';

export class UnlockUserCommand {
  @IsInt() userId!: number;
}
