import { BadRequestException } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

/** Constraints that say a value is missing or empty: the one to act on when nothing was sent. */
const EMPTY = ['isDefined', 'isNotEmpty', 'minLength', 'isLength', 'arrayNotEmpty'];
/** Constraints on the kind of value: the one to act on when something of the wrong kind was sent. */
const KIND = ['whitelistValidation', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isIn', 'isEnum', 'isEmail', 'isISO8601'];

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

/**
 * One message a field, the one a person can act on: a missing reason is "reason 不能为空：请说明理由",
 * not that and "must be a string" and "must be shorter than 2000 characters" at once.
 */
export function validationMessages(errors: ValidationError[], prefix = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const constraints = e.constraints ?? {};
    const keys = Object.keys(constraints);
    if (keys.length) {
      const first = isBlank(e.value) ? [...EMPTY, ...KIND] : [...KIND, ...EMPTY];
      const key = first.find((k) => k in constraints) ?? keys[0];
      out.push(prefix ? `${prefix}.${constraints[key]}` : constraints[key]);
    }
    if (e.children?.length) out.push(...validationMessages(e.children, `${prefix ? `${prefix}.` : ''}${e.property}`));
  }
  return out;
}

export function validationException(errors: ValidationError[]): BadRequestException {
  return new BadRequestException(validationMessages(errors));
}
