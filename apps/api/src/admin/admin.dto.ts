import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { IsString, MinLength } from 'class-validator';
import { CreateUserCommand, ROLES, UpdateUserFields } from '@hub/auth';
import { RoutingRuleInput } from '@hub/classification';

/**
 * Documents inherited properties for the OpenAPI page: the request bodies are the use cases'
 * commands, validation included, so the rules are written once.
 */
function documented(dto: { prototype: object }, props: Record<string, ApiPropertyOptions>): void {
  for (const [key, options] of Object.entries(props)) ApiProperty(options)(dto.prototype, key);
}
const optional = (o: ApiPropertyOptions = {}) => ({ ...o, required: false }) as ApiPropertyOptions;

export class CreateUserDto extends CreateUserCommand {}
documented(CreateUserDto, {
  username: {},
  displayName: {},
  role: { enum: ROLES },
  password: {},
  unitIds: optional({ type: [Number] }),
  email: optional(),
  scopeUnitId: optional({
    type: 'integer',
    nullable: true,
    description: "an operator's, supervisor's or leader's scope: the unit whose sub-tree it works (null: the whole installation)",
  }),
});

export class UpdateUserDto extends UpdateUserFields {}
documented(UpdateUserDto, {
  displayName: optional(),
  role: optional({ enum: ROLES }),
  password: optional(),
  unitIds: optional({ type: [Number] }),
  active: optional(),
  scopeUnitId: optional({
    type: 'integer',
    nullable: true,
    description: 'the unit whose sub-tree an operator, supervisor or leader works; null: the whole installation',
  }),
});

export class RuleDto extends RoutingRuleInput {}
documented(RuleDto, {
  name: {},
  priority: optional(),
  enabled: optional(),
  conditions: { description: 'e.g. {"keywords":["燃气"],"channel":"hotline","region":"东湖区"}' },
  actions: { description: 'e.g. {"category":"城乡建设/燃气安全","urgency":"urgent"}' },
});

export class UploadDto {
  @ApiProperty({ description: 'export source in sources.yaml' }) @IsString() @MinLength(1) source!: string;
}
