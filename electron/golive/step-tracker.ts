import type { LocalizedText } from '../../shared/messages';
import { renderMessage } from '../../shared/messages';
import type { Step, StepListener, StepState } from './types';

/** What a step says: a message from the catalogue (translatable), or verbatim text. */
export type StepNote = LocalizedText | string;

/**
 * The list of steps of one go-live or stop run and their states. Every change is reported to the listener (the CLI
 * prints it, the app forwards it to the renderer) as a copy, so a listener can keep it.
 */
export class StepTracker<Id extends string> {
  readonly #steps: Array<Step<Id>>;
  readonly #labels: ReadonlyMap<Id, LocalizedText>;
  readonly #listener: StepListener<Id> | undefined;
  readonly #now: () => Date;
  /** Monotonic start times, so durations ignore wall-clock jumps. */
  readonly #startedAt = new Map<Id, number>();

  constructor(definitions: ReadonlyArray<readonly [Id, LocalizedText]>, listener?: StepListener<Id>, now: () => Date = () => new Date()) {
    this.#steps = definitions.map(([id, label]) => ({ id, label: renderMessage(label), state: 'pending' }));
    this.#labels = new Map(definitions);
    this.#listener = listener;
    this.#now = now;
  }

  /** Copies of every step, in order. */
  get steps(): Array<Step<Id>> {
    return this.#steps.map((step) => ({ ...step }));
  }

  /** The step now running, if any. */
  get running(): Id | undefined {
    return this.#steps.find((step) => step.state === 'running')?.id;
  }

  stateOf(id: Id): StepState {
    return this.#find(id).state;
  }

  /** The step's label, translatable. */
  labelTextOf(id: Id): LocalizedText {
    const label = this.#labels.get(id);
    if (!label) throw new Error(`unknown step '${id}'`);
    return label;
  }

  start(id: Id): void {
    const step = this.#find(id);
    this.#startedAt.set(id, performance.now());
    step.startedAt = this.#now();
    this.#set(step, 'running');
  }

  done(id: Id, note: StepNote): void {
    this.#finish(id, 'done', note);
  }

  skip(id: Id, note: StepNote): void {
    this.#finish(id, 'skipped', note);
  }

  fail(id: Id, note: StepNote): void {
    this.#finish(id, 'failed', note);
  }

  /** A done step was put back after a later failure; its timings stay those of the step itself. */
  undone(id: Id, note: StepNote): void {
    const step = this.#find(id);
    setNote(step, note);
    this.#set(step, 'undone');
  }

  /** Keeps the step's state and replaces its message (e.g. "could not be undone: ..."). */
  note(id: Id, note: StepNote): void {
    const step = this.#find(id);
    setNote(step, note);
    this.#listener?.({ ...step });
  }

  #finish(id: Id, state: StepState, note: StepNote): void {
    const step = this.#find(id);
    const startedAt = this.#startedAt.get(id);
    if (startedAt === undefined) step.startedAt = this.#now();
    step.endedAt = this.#now();
    step.durationMs = startedAt === undefined ? 0 : Math.round((performance.now() - startedAt) * 10) / 10;
    setNote(step, note);
    this.#set(step, state);
  }

  #set(step: Step<Id>, state: StepState): void {
    step.state = state;
    this.#listener?.({ ...step });
  }

  #find(id: Id): Step<Id> {
    const step = this.#steps.find((candidate) => candidate.id === id);
    if (!step) throw new Error(`unknown step '${id}'`);
    return step;
  }
}

/** The English message, and the translatable text when there is one (verbatim notes have none). */
function setNote(step: Step<string>, note: StepNote): void {
  if (typeof note === 'string') {
    step.message = note;
    delete step.text;
  } else {
    step.message = renderMessage(note);
    step.text = note;
  }
}
