import { IsBoolean, IsInt, IsObject, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';

/** A routing rule as an operator writes it (conditions and actions: see rules.ts). */
export class RoutingRuleInput {
  @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @IsOptional() @IsInt() @Min(0) priority?: number;
  @IsOptional() @IsBoolean() enabled?: boolean;
  /** e.g. {"keywords":["燃气"],"channel":"hotline","region":"东湖区"} */
  @IsObject() conditions!: Record<string, unknown>;
  /** e.g. {"category":"城乡建设/燃气安全","urgency":"urgent"} */
  @IsObject() actions!: Record<string, unknown>;
}

export class CreateRoutingRuleCommand extends RoutingRuleInput {
  /** The username recorded as the rule's last editor. */
  @IsString() @MinLength(1) @MaxLength(64) by!: string;
}
