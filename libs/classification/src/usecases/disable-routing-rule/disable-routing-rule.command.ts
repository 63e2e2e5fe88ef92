import { IsInt, IsString, MaxLength, MinLength } from 'class-validator';

export class DisableRoutingRuleCommand {
  @IsInt() ruleId!: number;
  /** The username recorded as the rule's last editor. */
  @IsString() @MinLength(1) @MaxLength(64) by!: string;
}
