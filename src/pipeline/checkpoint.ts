// A backfill's checkpoints: as soon as every month up to one has been collected, those months are
// judged (exactly as the end of the run judges them: judgeMonth, same clock) and written to the
// history the next run reads — the local history directory always, and the handbook's data_dir
// when history comes from the handbook and this run commits there. A run stopped at any point
// (job timeout, cancel, crash) leaves only complete months behind, never half of one, and the next
// run plans around them like any stored month. Months are written in order (a month is judged
// on the months before it), each sink one batch at a time: what finished meanwhile goes together.
import type { Snapshot } from '../history/snapshot.ts';
import type { Logger } from '../log.ts';
import { formatMonth, summarizeMonths } from '../periods/periods.ts';
import type { MetricOutcome } from '../sources/types.ts';
import { type JudgeInput, judgeMonth } from './judge.ts';

export interface CheckpointSink {
  /** For the log: where the months go. */
  label: string;
  /** Months this sink leaves to the end of the run (the handbook: the reported month, committed with the page). */
  skip?: ReadonlySet<string>;
  write(records: readonly Snapshot[]): Promise<void>;
}

class SinkQueue {
  readonly #sink: CheckpointSink;
  readonly #log: Logger;
  #pending: Snapshot[] = [];
  #running: Promise<void> | undefined;

  constructor(sink: CheckpointSink, log: Logger) {
    this.#sink = sink;
    this.#log = log;
  }

  add(records: readonly Snapshot[]): void {
    this.#pending.push(...records.filter((r) => !this.#sink.skip?.has(r.period)));
    this.#next();
  }

  #next(): void {
    if (this.#running || this.#pending.length === 0) return;
    const batch = this.#pending.splice(0);
    const months = summarizeMonths(batch.map((r) => r.period));
    this.#running = this.#sink
      .write(batch)
      .then(
        () => this.#log.info(`checkpoint: ${months} saved in ${this.#sink.label}`),
        // A failed checkpoint costs only a re-collection after a stop: the run goes on, and the
        // end of the run writes (and reports failures of) the same places again.
        (error: unknown) => this.#log.warn(`checkpoint: could not save ${months} in ${this.#sink.label} (${error instanceof Error ? error.message : String(error)}); a stopped run would collect them again`),
      )
      .finally(() => {
        this.#running = undefined;
        this.#next();
      });
  }

  async settle(): Promise<void> {
    while (this.#running) await this.#running;
  }
}

export class Checkpoints {
  readonly #input: JudgeInput;
  readonly #generatedAt: Date;
  readonly #queues: SinkQueue[];
  readonly #done = new Map<string, ReadonlyMap<string, MetricOutcome>>();
  readonly #history: Map<string, Snapshot>;
  #next = 0;

  constructor(input: JudgeInput, generatedAt: Date, sinks: readonly CheckpointSink[], log: Logger) {
    this.#input = input;
    this.#generatedAt = generatedAt;
    this.#queues = sinks.map((sink) => new SinkQueue(sink, log));
    this.#history = new Map(input.planned.past);
  }

  /** A month's collection is complete: write it, with every earlier month that is complete too. */
  collected(label: string, outcomes: ReadonlyMap<string, MetricOutcome>): void {
    this.#done.set(label, outcomes);
    const ready: Snapshot[] = [];
    const order = this.#input.planned.plan.collect;
    for (let month = order[this.#next]; month && this.#done.has(month.label); month = order[++this.#next]) {
      const judged = judgeMonth(this.#input, month.period, this.#done.get(month.label), this.#history, this.#generatedAt);
      if (judged && formatMonth(judged.period) === month.label) ready.push(judged.record);
    }
    if (ready.length > 0) for (const queue of this.#queues) queue.add(ready);
  }

  /** Waits for every write in flight (the end of collection). */
  async settle(): Promise<void> {
    await Promise.all(this.#queues.map((q) => q.settle()));
  }
}
