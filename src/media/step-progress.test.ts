import { createStepProgress } from './step-progress';

describe('createStepProgress', () => {
  it('weights steps and never goes backwards', () => {
    const seen: number[] = [];
    const progress = createStepProgress({ a: 1, b: 3 }, (p) => seen.push(p));
    progress.step('a')(50);
    progress.step('a')(20);
    progress.complete('a');
    progress.step('b')(50);
    progress.complete('b');
    expect(seen).toEqual([12, 25, 62, 100]);
  });

  it('rejects an unknown step name', () => {
    const progress = createStepProgress({ a: 1 }, undefined);
    expect(() => progress.complete('b')).toThrow(/unknown progress step/);
  });
});
