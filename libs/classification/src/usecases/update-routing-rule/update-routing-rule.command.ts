import { IsInt, IsString, MaxLength, MinLength } from 'class-validator';
import { RoutingRuleInput } from '../create-routing-rule/create-routing-rule.command';

export class UpdateRoutingRuleCommand extends RoutingRuleInput {
  @IsInt() ruleId!: number;
  /** The username recorded as the rule's last editor. */
  @IsString() @MinLength(1) @MaxLength(64) by!: string;
}
