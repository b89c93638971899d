/**
 * Every error this package throws is an `ActorError` whose message starts with
 * `@zactor/actor-core/<where>: `, so a user can tell at a glance which package complained.
 */
export class ActorError extends Error {
  override readonly name: string = 'ActorError';
  /** Stable machine-readable code, e.g. `ASK_TIMEOUT`. */
  readonly code: string;

  constructor(where: string, code: string, message: string, options?: ErrorOptions) {
    super(`@zactor/actor-core/${where}: ${message}`, options);
    this.code = code;
  }
}

/** A message without its `@zactor/actor-core/<where>: ` prefix (to re-throw on another thread). */
export function withoutPrefix(message: string): string {
  return message.replace(/^@zactor\/actor-core\/[^:]*: /, '');
}

/** An `ask` that got no reply in time. The temporary reply ref is gone; a late reply becomes a dead letter. */
export class AskTimeoutError extends ActorError {
  override readonly name: string = 'AskTimeoutError';
  readonly timeoutMs: number;

  constructor(target: string, timeoutMs: number) {
    super('ActorRef.ask', 'ASK_TIMEOUT', `no reply from ${target} within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** Thrown by `tell` when the target's bounded mailbox is full and its overflow policy is `fail`. */
export class MailboxOverflowError extends ActorError {
  override readonly name: string = 'MailboxOverflowError';

  constructor(target: string, capacity: number) {
    super(
      'ActorRef.tell',
      'MAILBOX_FULL',
      `the mailbox of ${target} is full (capacity ${capacity})`,
    );
  }
}

/** `tell(undefined)`: undefined is how mailboxes mark an empty slot, so it is no message. */
export function undefinedMessage(target: string): ActorError {
  return new ActorError(
    'ActorRef.tell',
    'UNDEFINED_MESSAGE',
    `a message to ${target} cannot be undefined`,
  );
}
