/** An export file that cannot be read at all: the caller moves it aside with `reason`. */
export class FileUnreadableError extends Error {
  override readonly name = 'FileUnreadableError';
  constructor(readonly reason: string) {
    super(reason);
  }
}
