import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** What a use case refuses, with a code callers map (HTTP status, CLI exit) and a message a person can act on. */
export class UseCaseError extends Error {
  constructor(
    readonly code: 'BAD_INPUT' | 'NOT_FOUND' | 'CONFLICT' | (string & {}),
    message: string,
    /** For BAD_INPUT: the first wrong field of the command (`actor.kind`). */
    readonly field?: string,
  ) {
    super(message);
  }
}

function firstProblem(errors: ValidationError[], prefix = ''): { field: string; message: string } | null {
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const message = Object.values(e.constraints ?? {})[0];
    if (message) return { field, message: message.startsWith(e.property) ? `${prefix ? `${prefix}.` : ''}${message}` : `${field}: ${message}` };
    const nested = firstProblem(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/**
 * The command as an instance of its class, checked by its class-validator decorators before
 * anything is read or written; a BAD_INPUT UseCaseError naming the first wrong field otherwise.
 * Every use case calls it first (synchronous: commands use no async validators).
 */
export function validateCommand<T extends object>(type: new () => T, input: T): T {
  const command = input instanceof type ? input : plainToInstance(type, input);
  const problem = firstProblem(validateSync(command, { forbidUnknownValues: false }));
  if (problem) throw new UseCaseError('BAD_INPUT', problem.message, problem.field);
  return command;
}
