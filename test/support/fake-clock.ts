import type { Clock } from '../../src/digest/clock.js';

/** A clock that only moves when told to; `sleep` moves it at once and records how long was asked. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  set(instant: Date | number): void {
    this.time = typeof instant === 'number' ? instant : instant.getTime();
  }
}
