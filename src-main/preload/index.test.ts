import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EventChannels,
  InvokeChannels,
} from '../../src-shared/ipc-channels.ts';

// The preload runs in Electron's sandbox; here its two Electron objects are
// doubles that record what the preload does with them.
const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<{ channel: string; args: unknown[] }>,
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) =>
      bridge.exposed.set(key, value),
  },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      bridge.invoked.push({ channel, args });
      return { ok: true, value: channel };
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      const set = bridge.listeners.get(channel) ?? new Set();
      set.add(fn);
      bridge.listeners.set(channel, set);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => {
      bridge.listeners.get(channel)?.delete(fn);
    },
  },
}));

let lab: Record<string, (...args: unknown[]) => unknown>;
beforeAll(async () => {
  await import('./index.ts');
  lab = bridge.exposed.get('lab') as typeof lab;
});

describe('preload', () => {
  it('exposes exactly one function per LabApi method, nothing generic', () => {
    expect([...bridge.exposed.keys()]).toEqual(['lab']);
    expect(Object.keys(lab).sort()).toEqual(
      [...Object.keys(InvokeChannels), 'onMenu', 'onRunEvent'].sort(),
    );
    for (const value of Object.values(lab)) {
      expect(typeof value).toBe('function');
    }
  });

  it('sends each method on its own channel with its payload', async () => {
    for (const [method, channel] of Object.entries(InvokeChannels)) {
      bridge.invoked.length = 0;
      const answer = await lab[method]!({ probe: method });
      expect(answer).toEqual({ ok: true, value: channel });
      const payload = bridge.invoked[0]?.args[0];
      expect(bridge.invoked[0]?.channel).toBe(channel);
      // Methods without a request send nothing along.
      expect([undefined, { probe: method }]).toContainEqual(payload);
    }
  });

  it('delivers run events until unsubscribed', () => {
    const seen: unknown[] = [];
    const unsubscribe = lab.onRunEvent!((event: unknown) =>
      seen.push(event),
    ) as () => void;
    const emit = (value: unknown) => {
      for (const fn of bridge.listeners.get(EventChannels.runEvent) ?? []) {
        fn({ sender: 'ipc' }, value);
      }
    };

    emit({ type: 'state', state: 'paused', runId: 'a' });
    unsubscribe();
    emit({ type: 'state', state: 'running', runId: 'a' });

    expect(seen).toEqual([{ type: 'state', state: 'paused', runId: 'a' }]);
  });

  it('delivers menu actions without the IPC event', () => {
    const seen: unknown[] = [];
    const unsubscribe = lab.onMenu!((action: unknown) =>
      seen.push(action),
    ) as () => void;
    for (const fn of bridge.listeners.get(EventChannels.menu) ?? []) {
      fn({ sender: 'ipc' }, 'saveModel');
    }
    unsubscribe();
    expect(seen).toEqual(['saveModel']);
    expect(bridge.listeners.get(EventChannels.menu)?.size).toBe(0);
  });
});
