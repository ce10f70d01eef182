import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

/** A utility-process double: an emitter that records posts and kills. */
class FakeChild extends EventEmitter {
  posted: unknown[] = [];
  killed = false;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed = true;
    return true;
  }
}

const children = vi.hoisted(() => [] as unknown[]);
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (path: string) => {
      const child = new FakeChild();
      children.push({ path, child });
      return child;
    },
  },
}));

const { electronTrainerLauncher } = await import('./trainer-launcher.ts');

/** Launches one trainer and returns it with its double and its callbacks. */
function launch() {
  const messages: unknown[] = [];
  const exits: Array<number | null> = [];
  const handle = electronTrainerLauncher('/app/out/main/trainer.js')({
    onMessage: (message) => messages.push(message),
    onExit: (code) => exits.push(code),
  });
  const { path, child } = children.at(-1) as { path: string; child: FakeChild };
  return { handle, child, path, messages, exits };
}

describe('electronTrainerLauncher', () => {
  it('forks the given module and holds messages until it spawns', () => {
    const { handle, child, path } = launch();

    handle.send({ type: 'pause' });
    expect(child.posted).toEqual([]);
    child.emit('spawn');
    handle.send({ type: 'resume' });

    expect(path).toBe('/app/out/main/trainer.js');
    expect(child.posted).toEqual([{ type: 'pause' }, { type: 'resume' }]);
  });

  it('passes messages and the exit code to the callbacks', () => {
    const { child, messages, exits } = launch();
    child.emit('spawn');
    child.emit('message', { type: 'state', state: 'paused' });
    child.emit('exit', 3);
    expect(messages).toEqual([{ type: 'state', state: 'paused' }]);
    expect(exits).toEqual([3]);
  });

  it('ignores sends and kills after the process has exited', () => {
    const { handle, child } = launch();
    child.emit('spawn');
    child.emit('exit', 0);

    handle.send({ type: 'stop' });
    handle.kill();

    expect(child.posted).toEqual([]);
    expect(child.killed).toBe(false);
  });

  it('kills a live process', () => {
    const { handle, child } = launch();
    handle.kill();
    expect(child.killed).toBe(true);
  });
});
