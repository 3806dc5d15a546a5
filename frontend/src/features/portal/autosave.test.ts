import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, type SaveState } from './autosave';

type Draft = string;
type Payload = { value: number | string | null };

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(current: Payload = { value: null }, prepare = (d: Draft): Payload | undefined => ({ value: d || null })) {
  const sent: Payload[] = [];
  const calls: ReturnType<typeof deferred>[] = [];
  const states: SaveState[] = [];
  let invalid = 0;
  const saver = new Autosave<Draft, Payload>(800, current);
  saver.connect({
    prepare,
    send: (p) => {
      sent.push(p);
      const d = deferred();
      calls.push(d);
      return d.promise;
    },
    onState: (s) => states.push(s),
    onInvalid: () => (invalid += 1),
  });
  return { saver, sent, calls, states, invalid: () => invalid };
}

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe('Autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a choice at once and typing after a pause', async () => {
    const { saver, sent, calls, states } = setup();
    saver.change('yes');
    expect(sent).toEqual([{ value: 'yes' }]);
    calls[0]!.resolve();
    await settle();
    saver.change('n', { later: true });
    saver.change('no', { later: true });
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(799);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent.at(-1)).toEqual({ value: 'no' });
    calls[1]!.resolve();
    await settle();
    expect(states).toEqual(['saving', 'saved', 'pending', 'pending', 'saving', 'saved']);
  });

  it('sends typing at once when the field is left', () => {
    const { saver, sent } = setup();
    saver.change('本社', { later: true });
    saver.flush();
    expect(sent).toEqual([{ value: '本社' }]);
  });

  it('does not send an answer the API already holds', () => {
    const { saver, sent, states } = setup({ value: 'yes' });
    saver.change('yes', { later: true });
    saver.flush();
    expect(sent).toEqual([]);
    expect(states).toEqual(['pending', 'idle']);
  });

  it('keeps one request in flight and sends only the newest change after it', async () => {
    const { saver, sent, calls, states } = setup();
    saver.change('yes');
    saver.change('no');
    saver.change('na');
    expect(sent).toEqual([{ value: 'yes' }]);
    calls[0]!.resolve();
    await settle();
    expect(sent).toEqual([{ value: 'yes' }, { value: 'na' }]);
    calls[1]!.resolve();
    await settle();
    expect(states.at(-1)).toBe('saved');
  });

  it('reports a failure, and sends the same answer again on retry', async () => {
    const { saver, sent, calls, states } = setup();
    saver.change('12');
    calls[0]!.reject(new Error('offline'));
    await settle();
    expect(states.at(-1)).toBe('error');
    saver.retry();
    expect(sent).toEqual([{ value: '12' }, { value: '12' }]);
    calls[1]!.resolve();
    await settle();
    expect(states.at(-1)).toBe('saved');
  });

  it('does not send what cannot be an answer', () => {
    const { saver, sent, states, invalid } = setup({ value: null }, (d) => (/^\d*$/.test(d) ? { value: d ? Number(d) : null } : undefined));
    saver.change('12人', { later: true });
    saver.flush();
    expect(sent).toEqual([]);
    expect(invalid()).toBe(1);
    expect(states.at(-1)).toBe('error');
  });

  it('lets the page wait for typing to be saved before submitting', async () => {
    const { saver, calls } = setup();
    saver.change('typed', { later: true });
    let idle = false;
    const waiting = saver.whenIdle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    calls[0]!.resolve();
    await waiting;
    expect(idle).toBe(true);
    await expect(saver.whenIdle()).resolves.toBeUndefined();
  });
});
