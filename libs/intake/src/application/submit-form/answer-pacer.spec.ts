import { AnswerPacer } from './answer-pacer';

// Bounds are far from what a broken pacer would take, so a busy machine does not flip them.
describe('AnswerPacer', () => {
  it('holds nothing before it has seen a real submission', async () => {
    const started = performance.now();
    await new AnswerPacer().hold(started);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('holds a spam answer until a real submission’s duration has passed since it started', async () => {
    const pacer = new AnswerPacer();
    pacer.record(200);
    const started = performance.now();
    await pacer.hold(started);
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
  });

  it('counts the time the spam already took', async () => {
    const pacer = new AnswerPacer();
    pacer.record(500);
    const started = performance.now();
    await pacer.hold(started, () => started + 500);
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('never holds past 2 s, however slow a real submission was', async () => {
    const pacer = new AnswerPacer();
    pacer.record(60_000);
    const started = performance.now();
    await pacer.hold(started, () => started + 1_990);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
