import type { Step } from '../golive';

/** `312 ms`, `1.4 s`: how long a step took. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const MARKS: Partial<Record<Step<string>['state'], string>> = { done: '✓', failed: '✗', skipped: '–', undone: '↺' };

/** One line for a step that finished (done, failed, skipped) or was put back; nothing while pending or running. */
export function stepLine(step: Step<string>): string | undefined {
  const mark = MARKS[step.state];
  if (!mark) return undefined;
  const took = step.state === 'done' || step.state === 'failed' ? ` (${formatMs(step.durationMs ?? 0)})` : '';
  return `${mark} ${step.label}${took}${step.message ? ` — ${step.message}` : ''}`;
}

/**
 * Prints each step as it finishes, to a terminal or a pipe. A later message for a step whose state did not change
 * (an undo that failed) is printed as a note, so no step is reported done twice.
 */
export function stepPrinter(out: NodeJS.WritableStream): (step: Step<string>) => void {
  const printed = new Map<string, Step<string>['state']>();
  return (step) => {
    if (printed.get(step.id) === step.state) {
      if (step.message) out.write(`! ${step.label} — ${step.message}\n`);
      return;
    }
    const line = stepLine(step);
    if (!line) return;
    printed.set(step.id, step.state);
    out.write(`${line}\n`);
  };
}
