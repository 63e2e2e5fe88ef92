import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** A command that does not have the shape its use case needs; `field` names the first bad one. */
export class BadCommandError extends Error {
  readonly code = 'BAD_INPUT';
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

function problems(errors: ValidationError[], prefix = ''): Array<[string, string]> {
  return errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((m): [string, string] => [field, prefix ? `${prefix}${m}` : m]);
    return [...own, ...problems(e.children ?? [], `${field}.`)];
  });
}

/**
 * Checks a use case's command against its class's decorators before anything is read or
 * written. The message names each bad field (`unitId must be an integer number`).
 */
export function validateCommand<T extends object>(type: new () => T, input: T): T {
  const command = plainToInstance(type, input);
  const found = problems(validateSync(command));
  if (found.length) throw new BadCommandError(found[0][0], found.map(([, m]) => m).join('; '));
  return command;
}
