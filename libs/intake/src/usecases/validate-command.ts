import { validate, type ValidationError } from 'class-validator';

/** A command that fails its own validation: nothing was done. The message names the field. */
export class BadCommandError extends Error {
  readonly code = 'BAD_INPUT';
}

function firstProblem(errors: ValidationError[]): string {
  const e = errors[0];
  const message = Object.values(e.constraints ?? {})[0];
  if (message) return message;
  return e.children?.length ? firstProblem(e.children) : `${e.property} is not valid`;
}

/**
 * The command as an instance of its class, checked against its decorators; throws BadCommandError.
 * A shallow copy (no class-transformer walk): batch commands carry thousands of drafts.
 */
export async function validCommand<T extends object>(type: new () => T, input: T): Promise<T> {
  const command = input instanceof type ? input : Object.assign(new type(), input);
  const errors = await validate(command, { forbidUnknownValues: false });
  if (errors.length) throw new BadCommandError(firstProblem(errors));
  return command;
}

/** For a command field that carries a callback (progress, a hook). */
export const isFunction = (value: unknown): boolean => typeof value === 'function';
