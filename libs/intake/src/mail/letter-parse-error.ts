/** Why a letter could not be parsed; stable codes for the quarantine list, Chinese text for the administrator. */
export type LetterParseErrorCode = 'empty' | 'binary' | 'no_headers' | 'multipart_without_boundary' | 'truncated_mime' | 'parser_failed';

/**
 * Thrown by parseLetter when a message cannot be turned into a letter. The caller quarantines the
 * raw message with `reason` so an administrator can look at it and re-run it after a fix.
 */
export class LetterParseError extends Error {
  override readonly name = 'LetterParseError';
  constructor(
    readonly code: LetterParseErrorCode,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
  }
}
