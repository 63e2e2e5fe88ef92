import { validateSync, ValidationError } from 'class-validator';

/** A command that is not valid; the message names the field, and `code` lets callers answer 400 or exit 1. */
export class BadInputError extends Error {
  readonly code = 'BAD_INPUT';
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

function firstProblem(errors: ValidationError[], path = ''): { field: string; message: string } | null {
  for (const e of errors) {
    const field = path ? `${path}.${e.property}` : e.property;
    const constraint = Object.values(e.constraints ?? {})[0];
    if (constraint) return { field, message: constraint };
    const nested = firstProblem(e.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/**
 * The command as an instance of its class, checked against its class-validator decorators.
 * Use cases call this first, so a job payload, a CLI option or a request body is refused with
 * the field it got wrong before anything is read or written.
 */
export function validateCommand<C extends object>(type: new () => C, input: C): C {
  const command = input instanceof type ? input : Object.assign(new type(), input);
  const problem = firstProblem(validateSync(command, { forbidUnknownValues: true }));
  if (problem) throw new BadInputError(problem.field, `${type.name}.${problem.field}: ${problem.message}`);
  return command;
}
