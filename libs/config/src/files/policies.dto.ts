import { Transform, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { CHANNELS, DEADLINE_STAGES, DEFAULT_ESCALATE_STAGES, REMINDER_LEVELS, SUPERVISION_STAGE, URGENCIES } from '@hub/domain';

/** Stages that may escalate: the ticket's, and a 督办单's answer (its escalation is the 通报). */
const ESCALATABLE = [...DEADLINE_STAGES, SUPERVISION_STAGE];

/**
 * Time limits (时限) per stage and the reminder ladder (预警, 催办, 督办). The deadlines library
 * (libs/deadlines) turns this file into due times; this is its validated shape.
 */

/** `a, b or c`, for a message listing the allowed values. */
const oneOf = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;

/** `30m`, `2h` (calendar time), `5wd` (working days), `15d` (calendar days), or `none` (no limit). */
export const DURATION_PATTERN = /^(?:none|(\d{1,4})(m|h|wd|d))$/;
const DURATION_MESSAGE = 'must be a duration such as 30m, 2h, 5wd (working days), 15d (calendar days) or none';
const DAYS_PATTERN = /^(\d{1,3})(wd|d)$/;
const CLOCK_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const toList = ({ value }: { value: unknown }) => (value === undefined || value === null || Array.isArray(value) ? value : [value]);

/** Which tickets a rule applies to; a missing key matches everything. Lists mean "any of". */
export class PolicyMatchConfig {
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn([...CHANNELS], { each: true, message: `must be ${oneOf(CHANNELS)}` })
  channel?: string[];
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn([...URGENCIES], { each: true, message: `must be ${oneOf(URGENCIES)}` })
  urgency?: string[];
  /** Category prefixes: `咨询` matches 咨询/政策咨询; `城市管理/占道经营` matches only that one. */
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsString({ each: true })
  @Matches(/^[^/]+(\/[^/]+)?$/, { each: true, message: 'must be 一级 or 一级/二级' })
  category?: string[];
  /** Source names (a hotline line or a mailbox, e.g. 省长信箱). */
  @IsOptional() @Transform(toList) @IsArray() @IsString({ each: true }) source?: string[];
  /** Letters handled under 信访工作条例 (the ticket says so). */
  @IsOptional() @IsBoolean() petition?: boolean;
  /** 包案: a leader owns the matter. */
  @IsOptional() @IsBoolean() leaderCase?: boolean;
}

export class StageDurationsConfig {
  @IsOptional() @Matches(DURATION_PATTERN, { message: DURATION_MESSAGE }) dispatch?: string;
  @IsOptional() @Matches(DURATION_PATTERN, { message: DURATION_MESSAGE }) acknowledge?: string;
  @IsOptional() @Matches(DURATION_PATTERN, { message: DURATION_MESSAGE }) first_contact?: string;
  @IsOptional() @Matches(DURATION_PATTERN, { message: DURATION_MESSAGE }) return_window?: string;
  @IsOptional() @Matches(DURATION_PATTERN, { message: DURATION_MESSAGE }) reply?: string;
  @IsOptional() @Matches(DURATION_PATTERN, { message: DURATION_MESSAGE }) follow_up?: string;
}

export class ExtensionConfig {
  /** How many extensions may be approved (0: none). */
  @IsOptional() @IsInt() @Min(0) @Max(10) maxCount?: number;
  /** Longest single extension: `10wd` (working days) or `30d` (calendar days). */
  @IsOptional() @Matches(DAYS_PATTERN, { message: 'must be working days (10wd) or calendar days (30d)' }) maxLength?: string;
}

/** 办结审核: the unit's reply waits for the centre before the citizen gets it. */
export class ReviewConfig {
  @IsBoolean() required!: boolean;
  /** Time the unit gets to reply again after 退回重办 (default: the rule's reply limit). */
  @IsOptional() @Matches(DURATION_PATTERN, { message: DURATION_MESSAGE }) rework?: string;
}

export class PolicyRuleConfig {
  @IsString() name!: string;
  @IsOptional() @ValidateNested() @Type(() => ReviewConfig) review?: ReviewConfig;
  @IsOptional() @ValidateNested() @Type(() => PolicyMatchConfig) match?: PolicyMatchConfig;
  @IsOptional() @ValidateNested() @Type(() => StageDurationsConfig) stages?: StageDurationsConfig;
  @IsOptional() @ValidateNested() @Type(() => ExtensionConfig) extension?: ExtensionConfig;
}

/** How a count of days is turned into a due time. */
export class CountingConfig {
  /**
   * When the last day of a limit in days ends, Asia/Shanghai: `24:00` (end of the day) or the end
   * of office hours such as `17:30`. The day of receipt is never counted: "N working days" ends
   * on the N-th working day after the day the clock starts.
   */
  @Matches(CLOCK_PATTERN, { message: 'must be a time of day HH:MM (Asia/Shanghai), e.g. 24:00 or 17:30' }) dayEnd = '24:00';
  /** A limit in calendar days (信访: 15 d, 60 d) whose last day is not a working day ends on the next working day. */
  @IsBoolean() rollToWorkday = true;
}

function RedAfterYellow(): PropertyDecorator {
  return ValidateBy({
    name: 'redAfterYellow',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => typeof value !== 'number' || value > Number((args?.object as RemindersConfig).yellow),
      defaultMessage: () => 'must be larger than reminders.yellow (red comes after yellow)',
    },
  });
}

export class RemindersConfig {
  /** Which levels are sent, in ladder order. */
  @IsArray()
  @IsIn([...REMINDER_LEVELS], { each: true, message: `every entry must be one of ${REMINDER_LEVELS.join(', ')}` })
  levels: string[] = [...REMINDER_LEVELS];
  /** Yellow warning (黄灯) when this share of the allowed time is used (pauses excluded). */
  @IsNumber() @Min(0.01) @Max(0.99) yellow = 0.5;
  /** Red warning (红灯). */
  @IsNumber() @Min(0.01) @Max(0.99) @RedAfterYellow() red = 0.8;
  /** The overdue notice (超期) goes this long after the due time. */
  @Matches(DURATION_PATTERN, { message: DURATION_MESSAGE }) overdueAfter = '1h';
  /** Supervisors take over (督办) this long after the due time. */
  @Matches(DURATION_PATTERN, { message: DURATION_MESSAGE }) escalateAfter = '1wd';
  /**
   * 督办 of a limit counted in minutes or hours (urgent tickets, the 2 h dispatch): this long after
   * its due time, or escalateAfter if that is sooner. Optional: files without it get 2h.
   */
  @IsOptional() @Matches(DURATION_PATTERN, { message: DURATION_MESSAGE }) escalateAfterHourly?: string;
  /** Stages whose overdue deadlines escalate to supervisors (`supervision`: an unanswered 督办单 goes onto the 通报 list). */
  @IsArray()
  @IsIn(ESCALATABLE, { each: true, message: `every entry must be one of ${ESCALATABLE.join(', ')}` })
  escalateStages: string[] = [...DEFAULT_ESCALATE_STAGES, SUPERVISION_STAGE];
  /** When a sweep finds several levels past at once: send only the most severe (`latest`), or each (`all`). */
  @IsIn(['latest', 'all'], { message: 'must be latest or all' }) catchUp = 'latest';
  /** Daily digest of overdue deadlines, per unit and for supervisors, at this time (Asia/Shanghai). */
  @Matches(CLOCK_PATTERN, { message: 'must be a time of day HH:MM (Asia/Shanghai), e.g. 08:30' }) digestAt = '08:30';
  /** Send the digest on working days only, or every day. */
  @IsIn(['working', 'every'], { message: 'must be working or every' }) digestDays = 'working';
}

function BaseRuleFirst(): PropertyDecorator {
  return ValidateBy({
    name: 'baseRuleFirst',
    validator: {
      validate: (value: unknown) => policyRuleProblems(value as PolicyRuleConfig[]).length === 0,
      defaultMessage: (args) => policyRuleProblems(args?.value as PolicyRuleConfig[]).join('; '),
    },
  });
}

/** Cross-rule checks: a complete base rule first, unique names. Returns problems worded for the file's editor. */
export function policyRuleProblems(rules: PolicyRuleConfig[] | undefined): string[] {
  if (!Array.isArray(rules) || !rules.length) return [];
  const problems: string[] = [];
  const base = rules[0];
  const hasMatch = base?.match && Object.values(base.match).some((v) => v !== undefined);
  if (hasMatch) problems.push(`the first rule (${base.name}) must have no match: it is the default for every ticket`);
  const missing = DEADLINE_STAGES.filter((s) => !base?.stages?.[s]);
  if (missing.length) problems.push(`the first rule (${base?.name}) must set every stage; missing: ${missing.join(', ')}`);
  if (!base?.extension || base.extension.maxCount === undefined || !base.extension.maxLength) {
    problems.push(`the first rule (${base?.name}) must set extension.maxCount and extension.maxLength`);
  }
  const names = new Set<string>();
  for (const r of rules) {
    if (r && names.has(r.name)) problems.push(`rule name ${r.name} is used twice`);
    if (r) names.add(r.name);
  }
  return problems;
}

/**
 * Rules apply from the least to the most specific (number of match keys; a 一级/二级 category is
 * more specific than a 一级 one); on a tie the later rule in the file wins. Each stage takes its
 * duration from the most specific rule that sets it.
 */
/** 二级派单: how the time a desk unit has left is shared with the unit it re-dispatches to. */
export class SubDispatchConfig {
  /** The lower unit's reply limit is this share of the desk's remaining reply time (0.8: four fifths). */
  @IsNumber({}, { message: 'subDispatch.share must be a number between 0 and 1, such as 0.8' })
  @Min(0.05, { message: 'subDispatch.share must be at least 0.05' })
  @Max(1, { message: 'subDispatch.share must be at most 1 (the whole remaining time)' })
  share = 0.8;
}

export class PoliciesFile {
  @ValidateNested() @Type(() => CountingConfig) counting: CountingConfig = new CountingConfig();
  @IsArray()
  @ArrayNotEmpty({ message: 'needs at least the default rule (no match, every stage set)' })
  @ValidateNested({ each: true })
  @Type(() => PolicyRuleConfig)
  @BaseRuleFirst()
  rules: PolicyRuleConfig[] = [];
  @ValidateNested() @Type(() => RemindersConfig) reminders: RemindersConfig = new RemindersConfig();
  @ValidateNested() @Type(() => SubDispatchConfig) subDispatch: SubDispatchConfig = new SubDispatchConfig();
}

/**
 * For hub-config's cross-file checks: categories a rule names that no taxonomy path has
 * (a prefix matches `一级` or `一级/二级`).
 */
export function unknownPolicyCategories(file: PoliciesFile, taxonomyPaths: string[]): string[] {
  const problems: string[] = [];
  file.rules.forEach((r, i) => {
    for (const c of r.match?.category ?? []) {
      if (!taxonomyPaths.some((p) => p === c || p.startsWith(`${c}/`))) {
        problems.push(`policies.yaml: rules[${i}] (${r.name}) names category ${c}, which taxonomy.yaml does not have`);
      }
    }
  });
  return problems;
}
