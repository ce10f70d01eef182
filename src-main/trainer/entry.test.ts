import { afterEach, describe, expect, it } from 'vitest';
import {
  parseModelFile,
  serializeModelFile,
} from '../../src-shared/model-file.ts';
import { PROGRESS_GAP_MS } from './session.ts';
import { quickExperiment, slowExperiment } from './test-experiments.ts';
import { TrainerProbe } from './trainer-probe.ts';

// The trainer entry as a real child process, started the way every plain
// Node host starts it.

const probes: TrainerProbe[] = [];

function startProbe(): TrainerProbe {
  const probe = new TrainerProbe();
  probes.push(probe);
  return probe;
}

afterEach(() => {
  for (const probe of probes.splice(0)) probe.kill();
});

describe('trainer process', () => {
  it('trains from start to done and sends a valid model file', async () => {
    const probe = startProbe();
    probe.send({ type: 'start', experiment: quickExperiment(30) });

    const started = await probe.next('started');
    expect(started.message.firstEpoch).toBe(1);
    expect(started.message.lastEpoch).toBe(30);
    expect(started.message.dataset).toMatchObject({
      nSamples: 40,
      nFeatures: 2,
      nClasses: 2,
      nTrain: 30,
      nTest: 10,
    });

    const done = await probe.next('done');
    expect(done.message.reason).toBe('completed');
    const parsed = parseModelFile(serializeModelFile(done.message.model));
    expect(parsed.ok).toBe(true);
    expect(done.message.model.epochsDone).toBe(30);
    expect(done.message.model.history.trainLoss).toHaveLength(30);

    const epochs = probe.all('progress').flatMap((p) => p.epochs);
    expect(epochs.map((e) => e.epoch)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(await probe.exited()).toBe(0);
  });

  it('pauses, stays quiet while paused, and resumes', async () => {
    const probe = startProbe();
    probe.send({ type: 'start', experiment: quickExperiment(10_000_000) });
    await probe.next('progress');

    probe.send({ type: 'pause' });
    const paused = await probe.next('state');
    expect(paused.message.state).toBe('paused');
    const countAtPause = probe.received.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(probe.received.length).toBe(countAtPause);

    probe.send({ type: 'resume' });
    const resumed = await probe.next('state', countAtPause);
    expect(resumed.message.state).toBe('running');
    await probe.next('progress', countAtPause);

    probe.send({ type: 'stop' });
    const done = await probe.next('done');
    expect(done.message.reason).toBe('stopped');
  });

  // The trainer looks at its messages every SLICE_MS (10 ms) of training,
  // so a stop lands within one slice plus the message's trip. The bound
  // below leaves room for a busy machine; it still fails if stop waited
  // for the epoch to end (10,000 batches here, well over a second).
  it('stops in the middle of a long epoch without finishing it', async () => {
    const probe = startProbe();
    probe.send({ type: 'start', experiment: slowExperiment() });
    await probe.next('started');
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Still inside the first epoch: nothing has been reported yet.
    expect(probe.all('progress').flatMap((p) => p.epochs)).toEqual([]);

    const sentAt = performance.now();
    probe.send({ type: 'stop' });
    const done = await probe.next('done');
    expect(done.at - sentAt).toBeLessThan(1000);
    expect(done.message.reason).toBe('stopped');
    // The model is that of the last finished epoch: here, none.
    expect(done.message.model.epochsDone).toBe(0);
    expect(parseModelFile(serializeModelFile(done.message.model)).ok).toBe(
      true,
    );
  });

  it('answers a malformed message with an error naming the field', async () => {
    const probe = startProbe();
    probe.send({ type: 'jump' });
    const unknown = await probe.next('error');
    expect(unknown.message.message).toMatch(/^message\.type: /);

    const bad = quickExperiment(5);
    probe.send({
      type: 'start',
      experiment: { ...bad, training: { ...bad.training, learningRate: -1 } },
    });
    const invalid = await probe.next('error', probe.received.length);
    expect(invalid.message.message).toBe(
      'message.experiment.training.learningRate: must be greater than 0',
    );

    probe.send({ type: 'start', experiment: quickExperiment(5) });
    const done = await probe.next('done');
    expect(done.message.reason).toBe('completed');
  });

  it('reports a data set it cannot build, then exits with code 1', async () => {
    const probe = startProbe();
    const experiment = quickExperiment(5);
    experiment.dataset = {
      kind: 'csv',
      path: '/nonexistent/data.csv',
      labelColumn: 'label',
    };
    probe.send({ type: 'start', experiment });
    const error = await probe.next('error');
    expect(error.message.message).toContain('/nonexistent/data.csv');
    expect(await probe.exited()).toBe(1);
  });

  it('coalesces progress to about 20 messages a second', async () => {
    const probe = startProbe();
    probe.send({ type: 'start', experiment: quickExperiment(20_000) });
    const started = await probe.next('started');
    const done = await probe.next('done', 0, 60_000);

    const progress = probe.all('progress');
    const seconds = (done.at - started.at) / 1000;
    const allowed = Math.ceil(seconds / (PROGRESS_GAP_MS / 1000)) + 3;
    expect(progress.length).toBeLessThanOrEqual(allowed);
    const epochs = progress.flatMap((p) => p.epochs.map((e) => e.epoch));
    expect(epochs).toHaveLength(20_000);
    expect(epochs.at(-1)).toBe(20_000);
    expect(progress.every((p) => p.samplesPerSecond >= 0)).toBe(true);
  });

  it('continues from a model exactly like one longer run', async () => {
    const whole = startProbe();
    whole.send({ type: 'start', experiment: quickExperiment(12) });
    const long = (await whole.next('done')).message.model;

    const first = startProbe();
    first.send({ type: 'start', experiment: quickExperiment(7) });
    const part = (await first.next('done')).message.model;
    const second = startProbe();
    second.send({
      type: 'start',
      experiment: quickExperiment(5),
      initial: {
        network: part.network,
        optimizerState: part.optimizerState,
        epochsDone: part.epochsDone,
        history: part.history,
      },
    });
    const started = await second.next('started');
    expect(started.message.firstEpoch).toBe(8);
    const continued = (await second.next('done')).message.model;

    expect(continued.epochsDone).toBe(12);
    expect(continued.network).toEqual(long.network);
    expect(continued.history.trainLoss).toEqual(long.history.trainLoss);
  });
});
