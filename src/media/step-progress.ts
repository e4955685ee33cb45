/**
 * Pure: one 0-100 progress figure across several ffmpeg runs of different weights, never going
 * backwards, so a progress bar fed from it moves steadily through the whole job.
 */
export interface StepProgress {
  /** A reporter for the named step's own 0-100 progress. */
  step(name: string): (percent: number) => void;
  /** Marks a step finished (for steps that report nothing, such as writing a file). */
  complete(name: string): void;
}

export function createStepProgress(
  weights: Record<string, number>,
  onProgress: ((percent: number) => void) | undefined,
): StepProgress {
  const total = Object.values(weights).reduce((sum, w) => sum + w, 0) || 1;
  const done: Record<string, number> = {};
  let last = -1;
  const emit = () => {
    const sum = Object.entries(weights).reduce((acc, [name, w]) => acc + w * (done[name] ?? 0), 0);
    const overall = Math.floor((sum / total) * 100);
    if (onProgress && overall > last) {
      last = overall;
      onProgress(overall);
    }
  };
  const setStep = (name: string, percent: number) => {
    if (!(name in weights)) throw new Error(`unknown progress step: ${name}`);
    done[name] = Math.max(done[name] ?? 0, Math.min(100, Math.max(0, percent)) / 100);
    emit();
  };
  return {
    step: (name) => (percent) => setStep(name, percent),
    complete: (name) => setStep(name, 100),
  };
}
