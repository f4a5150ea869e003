// How a job talks to the lab: one channel (fork's IPC, or utilityProcess's
// parentPort in Electron) and the pause/stop requests the lab has sent.
import type { FromWorker, Job, ToWorker } from '../main/common/protocol.ts';

export interface Channel {
  send(msg: FromWorker): void;
  onMessage(fn: (msg: ToWorker) => void): void;
}

/** Set by the lab's pause / resume / stop messages; long jobs poll it between steps. */
export interface Control {
  paused: boolean;
  stop: boolean;
}

/** A job kind's entry point: runs the job to its end, reporting on the channel. */
export type JobRunner<J extends Job> = (job: J, ch: Channel, control: Control) => Promise<void>;

/** Yield to the event loop, so control messages are read between steps. */
export const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
