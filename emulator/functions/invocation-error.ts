// Why an invocation produced no value. The admin action and the dev gateway each map it to their
// own vocabulary (FUNCTIONS_* wire codes; the app's 'internal' envelope with details.reason).
export type InvocationFailure = 'not-found' | 'threw' | 'timeout' | 'crashed';

export class InvocationError extends Error {
  constructor(
    readonly reason: InvocationFailure,
    message: string,
    readonly functionName: string,
  ) {
    super(message);
    this.name = 'InvocationError';
  }
}
