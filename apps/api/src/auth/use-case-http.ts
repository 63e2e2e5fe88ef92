import { HttpException, HttpStatus } from '@nestjs/common';
import { UseCaseError } from '@hub/database';

/** Refusals of the account and admin use cases, answered as these routes always answered them. */
const STATUS: Record<string, HttpStatus> = {
  BAD_INPUT: HttpStatus.BAD_REQUEST,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  BAD_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  THROTTLED: HttpStatus.TOO_MANY_REQUESTS,
  FORBIDDEN: HttpStatus.FORBIDDEN,
};

/** Runs a use case; its refusal becomes the HttpException (status and message) the route answers. */
export async function answered<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    const status = e instanceof UseCaseError ? STATUS[e.code] : undefined;
    if (status) throw new HttpException(e instanceof Error ? e.message : String(e), status);
    throw e;
  }
}
