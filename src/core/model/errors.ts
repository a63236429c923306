/** Errors that should reach the user as one clear line (plus a hint), not a stack trace. */
export class UserFacingError extends Error {
  constructor(message: string, readonly hint?: string, readonly exitCode = 1) {
    super(message);
    this.name = 'UserFacingError';
  }
}
