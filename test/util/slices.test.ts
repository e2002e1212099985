import { expect } from '@open-wc/testing';
import { nextTask, runAtOnce, runInSlices, whenIdle } from '../../src/util/slices.js';

function* counting(steps: number, log: number[]): Generator<void, string> {
  for (let i = 0; i < steps; i++) {
    log.push(i);
    yield;
  }
  return `done after ${steps}`;
}

const run = <T>(steps: Iterator<void, T>, sliceMs: number) =>
  new Promise<T>((resolve, reject) => runInSlices(steps, sliceMs, resolve, reject));

describe('slices', () => {
  it('runs work that fits one slice before returning', () => {
    const log: number[] = [];
    let result: string | undefined;
    runInSlices(
      counting(50, log),
      Infinity,
      (value) => (result = value),
      () => {},
    );
    expect(result).to.equal('done after 50');
    expect(log.length).to.equal(50);
  });

  it('runs work to the end at once when asked', () => {
    const log: number[] = [];
    expect(runAtOnce(counting(5, log))).to.equal('done after 5');
    expect(log).to.deep.equal([0, 1, 2, 3, 4]);
  });

  it('spreads longer work over several tasks, every step once, in order', async () => {
    const log: number[] = [];
    let result: string | undefined;
    const finished = run(counting(20, log), 0).then((value) => (result = value));
    // A slice of 0 ms does one step, then yields the thread.
    expect(log).to.deep.equal([0]);
    expect(result).to.equal(undefined);
    await finished;
    expect(result).to.equal('done after 20');
    expect(log).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
  });

  it('reports a step that throws, and runs no step after it', async () => {
    const done: number[] = [];
    function* failing(): Generator<void, void> {
      for (let i = 0; i < 5; i++) {
        if (i === 3) throw new Error('bad unit at 3');
        done.push(i);
        yield;
      }
    }
    let error: unknown;
    await run(failing(), 0).catch((caught) => (error = caught));
    expect((error as Error).message).to.equal('bad unit at 3');
    expect(done).to.deep.equal([0, 1, 2]);
  });

  it('queues a task after the current one, and runs idle work', async () => {
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      nextTask(() => {
        order.push('task');
        whenIdle(() => {
          order.push('idle');
          resolve();
        });
      });
      order.push('now');
    });
    expect(order).to.deep.equal(['now', 'task', 'idle']);
  });
});
