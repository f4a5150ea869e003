// A run by minutes (optimization.minutes): it times itself, trains the steps that
// fit, fits the schedules to them, and stores them in its config.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Lab } from '../../../main/lab/lab.ts';
import { resolveConfig, ConfigError } from '../../../main/common/config.ts';
import { toReferenceYaml, readConfigFile } from '../../../main/lab/config-file.ts';
import { METRIC } from '../../../main/common/vocabulary.ts';
import { tempHome, until } from '../../helpers.ts';

const home = tempHome('budget');
const lab = Lab.open(home);
afterAll(() => {
  lab.close();
  fs.rmSync(home, { recursive: true, force: true });
});

/** the first test's run, whose drift the second's fit uses */
let firstRun = 0;

describe('a time budget instead of steps', () => {
  it('resolves minutes to steps, fits the schedules to them, and stores them in the config', async () => {
    // warm-up 0: tiny's is 0.1 epochs of the digits, longer than a loaded machine's 12-second run
    const run = await lab.train({ preset: 'tiny', minutes: 0.2, config: { optimization: { warmup: 0 } } });
    firstRun = run.id;
    expect(run.budget_minutes).toBe(0.2);
    expect(run.config.optimization).toMatchObject({ minutes: 0.2, steps: 0 });
    const end = await lab.wait(run.id);
    expect(end.status).toBe('completed');
    const steps = end.config.optimization.steps;
    // the stored config alone reproduces the run: it says the steps, and no longer minutes
    expect(steps).toBeGreaterThan(0); // how many depends on the machine and its load
    expect(end.config.optimization.minutes).toBe(0);
    expect(end.total_steps).toBe(steps);
    expect(end.step).toBe(steps);
    // every schedule ends where the config says, at the resolved total
    const m = lab.metrics(run.id, { names: [METRIC.lr, METRIC.momentum] });
    expect(m.lr.step.at(-1)).toBe(steps);
    expect(m.lr.value.at(-1)).toBeCloseTo(end.config.optimization.final_lr, 12);
    expect(m.momentum.value.at(-1)).toBeGreaterThan(end.config.optimization.ema[1] - 1e-3);
    expect(lab.events(run.id).some((e) => e.message.startsWith(`budget 0.2 min: ${steps} steps`))).toBe(true);
    // the YAML export says the resolved steps
    expect(toReferenceYaml(end.config)).toMatch(new RegExp(`\\bsteps: ${steps}\\b`));
    // its drift (training time over the planned) is measured at the end, for the next fits
    const drift = lab.metrics(run.id, { names: [METRIC.paceDrift] })[METRIC.paceDrift];
    expect(drift.step).toEqual([steps]);
    expect(drift.value[0]).toBeGreaterThan(0);
    expect(lab.events(run.id).some((e) => /after its fit, which planned [\d.]+ s: pace drift [\d.]+$/.test(e.message))).toBe(true);
    // with no earlier run by minutes, the fit assumed the default drift
    expect(lab.events(run.id).some((e) => e.message.includes('no drift: fewer than 3 earlier runs by minutes here have measured it'))).toBe(true);
    // reported, not asserted: timing on a shared machine varies
    console.log(`budget 12 s: trained ${steps} steps in ${((end.ended_at! - end.started_at!) / 1000).toFixed(1)} s (start to end, as the run manager saw it)`);
  });

  it("a later run by minutes keeps in reserve the drift the lab's last three runs by minutes all had", async () => {
    const first = lab.run(firstRun);
    /** finished runs by minutes with these drifts, newest last */
    const finished = (drifts: number[]) =>
      drifts.map((value, i) => {
        const r = lab.store.createRun({ name: `drift ${i}`, config: first.config, preset: first.preset, dataset_id: first.dataset_id, status: 'completed', seed: 0, total_steps: 10, budget_minutes: 0.1 });
        lab.store.appendMetrics(r.id, [{ step: 10, time: Date.now(), name: METRIC.paceDrift, value }]);
        return r.id;
      });
    const fitOf = async () => {
      const run = await lab.train({ preset: 'tiny', minutes: 0.1, config: { optimization: { warmup: 0 } } });
      expect((await lab.wait(run.id)).status).toBe('completed');
      return lab.events(run.id).find((e) => e.message.startsWith('budget 0.1 min'))!.message;
    };
    // a machine that ran slower than timed in each of the last three: the least of it is kept
    const slow = finished([1.3, 1.2, 1.25]);
    expect(await fitOf()).toContain("the drift of this lab's last 3 runs by minutes, all at least 20% slower than timed");
    // one of the three ran as timed: one slow run on a shared host shrinks nothing (the deadline ends it on time)
    const mixed = finished([1.3, 0.9, 1.25]);
    expect(await fitOf()).toContain("no drift: not all of this lab's last 3 runs by minutes ran slower than timed");
    for (const id of [...slow, ...mixed]) lab.store.deleteRun(id);
  });

  it('a run that falls behind its fit stops at its budget, with a last probe and checkpoint, and resumes to its total', async () => {
    const run = await lab.train({ preset: 'tiny', minutes: 0.2, config: { optimization: { warmup: 0 } } });
    await until(() => lab.events(run.id).some((e) => e.message.startsWith('budget 0.2 min')), 30_000, 'the fit');
    // what a busy shared host does to a run, in one piece: the worker gets no CPU for half its budget
    const pid = lab.run(run.id).worker_pid!;
    process.kill(pid, 'SIGSTOP');
    await new Promise((r) => setTimeout(r, 6000));
    process.kill(pid, 'SIGCONT');
    const end = await lab.wait(run.id);
    expect(end.status).toBe('stopped');
    const total = end.total_steps;
    expect(end.step).toBeGreaterThan(0);
    expect(end.step).toBeLessThan(total);
    const stop = lab.events(run.id).find((e) => e.message.startsWith('stopped at its budget of 0.2 min'));
    expect(stop?.level).toBe('warning');
    expect(stop?.message).toContain(`after step ${end.step} of ${total}`);
    // the probe and the checkpoint of where it stopped, and the drift of the steps it trained
    const m = lab.metrics(run.id, { names: [METRIC.knnAcc, METRIC.paceDrift] });
    expect(m[METRIC.knnAcc].step.at(-1)).toBe(end.step);
    expect(m[METRIC.paceDrift].step).toEqual([end.step]);
    expect(m[METRIC.paceDrift].value[0]).toBeGreaterThan(1);
    expect(lab.checkpoints(run.id).at(-1)!.step).toBe(end.step);
    // reported, not asserted: timing on a shared machine varies
    console.log(`budget 12 s, 6 s of it stopped: ${end.step} of ${total} steps in ${((end.ended_at! - end.started_at!) / 1000).toFixed(1)} s`);
    // the stored config still says the whole run: a resume trains the rest on the same schedules
    lab.resume(run.id, 'wasm');
    const done = await lab.wait(run.id);
    expect(done.status).toBe('completed');
    expect(done.step).toBe(total);
    const lr = lab.metrics(run.id, { names: [METRIC.lr] })[METRIC.lr];
    expect(lr.step.at(-1)).toBe(total);
    expect(lr.value.at(-1)).toBeCloseTo(done.config.optimization.final_lr, 12);
  });

  it('refuses steps and minutes together', async () => {
    await expect(lab.train({ preset: 'tiny', steps: 10, minutes: 1 })).rejects.toThrow(/one of --steps, --epochs or --minutes/);
    expect(() => resolveConfig('tiny', { optimization: { minutes: 1, steps: 10 } })).toThrow(ConfigError);
    // one way of a run's length in an override replaces the preset's other way
    expect(resolveConfig('tiny', { optimization: { minutes: 1 } }).optimization).toMatchObject({ minutes: 1, steps: 0 }); // tiny says steps 20
    expect(resolveConfig('tiny', { optimization: { minutes: 1 } }, { optimization: { steps: 30 } }).optimization).toMatchObject({ minutes: 0, steps: 30 });
    const yaml = `${home}/both.yaml`;
    fs.writeFileSync(yaml, 'optimization:\n  steps: 100\n  minutes: 2\n');
    expect(() => resolveConfig('cpu-small', readConfigFile(yaml))).toThrow(/optimization\.minutes: give optimization\.steps or optimization\.minutes, not both/);
  });
});
