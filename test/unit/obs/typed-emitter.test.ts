import { describe, expect, it } from 'vitest';

import { TypedEmitter } from '../../../electron/obs/typed-emitter';

interface Events {
  tick: number;
  name: string;
}

class Ticker extends TypedEmitter<Events> {
  tick(value: number): void {
    this.emit('tick', value);
  }
}

describe('TypedEmitter', () => {
  it('delivers payloads to every listener until it unsubscribes', () => {
    const ticker = new Ticker();
    const seen: number[] = [];
    const off = ticker.on('tick', (value) => seen.push(value));
    ticker.on('tick', (value) => seen.push(value * 10));
    ticker.tick(1);
    off();
    ticker.tick(2);
    expect(seen).toEqual([1, 10, 20]);
  });

  it('keeps calling the other listeners when one throws, and still surfaces the error', async () => {
    const ticker = new Ticker();
    const seen: number[] = [];
    const uncaught = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    ticker.on('tick', () => {
      throw new Error('listener bug');
    });
    ticker.on('tick', (value) => seen.push(value));
    ticker.tick(3);
    expect(seen).toEqual([3]);
    await expect(uncaught).resolves.toMatchObject({ message: 'listener bug' });
  });
});
