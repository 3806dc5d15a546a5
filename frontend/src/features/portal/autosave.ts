export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export type AutosaveHandlers<D, P> = {
  /** The payload for what the contact entered, or undefined when it cannot be sent as it is. */
  prepare: (draft: D) => P | undefined;
  send: (payload: P) => Promise<void>;
  onState: (state: SaveState, error?: unknown) => void;
  /** prepare() refused the draft (e.g. a number still being typed wrong). */
  onInvalid: () => void;
};

/**
 * One question's autosave, outside React so that it can be reasoned about (and tested) alone:
 *
 * - a choice is sent at once; typing after a pause of `delay` ms, or when the field is left (flush);
 * - an unchanged answer is not sent again;
 * - at most one request is in flight, and of the changes made meanwhile only the newest follows it,
 *   so answers reach the API in the order they were given (a quick "yes" then "no" never ends as "yes").
 */
export class Autosave<D, P> {
  private handlers: AutosaveHandlers<D, P> = {
    prepare: () => undefined,
    send: async () => {},
    onState: () => {},
    onInvalid: () => {},
  };
  private draft: { value: D } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private next: { payload: P } | null = null;
  private lastSent: string | null;
  private lastPayload: { payload: P } | null = null;
  private everSaved = false;
  private waiters: (() => void)[] = [];

  /** `current` is what the API holds already. */
  constructor(
    private readonly delay: number,
    current: P,
  ) {
    this.lastSent = JSON.stringify(current);
  }

  connect(handlers: AutosaveHandlers<D, P>): void {
    this.handlers = handlers;
  }

  change(draft: D, { later = false }: { later?: boolean } = {}): void {
    this.draft = { value: draft };
    this.clearTimer();
    if (later) {
      this.handlers.onState('pending');
      this.timer = setTimeout(() => this.flush(), this.delay);
    } else this.flush();
  }

  /** Send what was changed and is not sent yet. */
  flush(): void {
    this.clearTimer();
    const draft = this.draft;
    this.draft = null;
    if (!draft) return;
    const payload = this.handlers.prepare(draft.value);
    if (payload === undefined) {
      this.lastSent = null;
      this.handlers.onInvalid();
      this.handlers.onState('error');
      return;
    }
    const json = JSON.stringify(payload);
    if (json === this.lastSent && !this.inFlight) {
      this.handlers.onState(this.everSaved ? 'saved' : 'idle');
      return;
    }
    this.enqueue(payload, json);
  }

  /** Send the last answer again after a failure. */
  retry(): void {
    if (this.lastPayload) this.enqueue(this.lastPayload.payload, JSON.stringify(this.lastPayload.payload));
  }

  /** Flush, then resolve once nothing is being sent. */
  whenIdle(): Promise<void> {
    this.flush();
    return this.inFlight ? new Promise((resolve) => this.waiters.push(resolve)) : Promise.resolve();
  }

  private enqueue(payload: P, json: string): void {
    this.lastSent = json;
    this.lastPayload = { payload };
    if (this.inFlight) this.next = { payload };
    else void this.run(payload);
  }

  private async run(payload: P): Promise<void> {
    this.inFlight = true;
    this.handlers.onState('saving');
    let failure: { error: unknown } | null = null;
    try {
      await this.handlers.send(payload);
    } catch (error) {
      failure = { error };
    }
    this.inFlight = false;
    if (this.next) {
      const queued = this.next;
      this.next = null;
      void this.run(queued.payload);
      return;
    }
    if (failure) {
      this.lastSent = null; // unknown now: the next change is sent whatever it is
      this.handlers.onState('error', failure.error);
    } else {
      this.everSaved = true;
      this.handlers.onState(this.draft ? 'pending' : 'saved');
    }
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((resolve) => resolve());
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
