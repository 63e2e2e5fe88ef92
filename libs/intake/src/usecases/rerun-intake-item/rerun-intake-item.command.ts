import { IsInt } from 'class-validator';

export class RerunIntakeItemCommand {
  @IsInt() intakeItemId!: number;
}
