// The trainer's link to its host. Under Electron a utility process talks
// through process.parentPort; under plain Node a forked child talks through
// process.send. Nothing outside this file knows which one is in use.

/** A message channel to the process that started this trainer. */
export interface TrainerPort {
  /** Calls `listener` with every message the host sends. */
  onMessage(listener: (message: unknown) => void): void;
  /** Sends one message to the host. */
  send(message: unknown): void;
  /** Sends `message` last, then ends the process with `exitCode`. */
  close(message: unknown, exitCode: number): void;
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
  removeAllListeners(event: 'message'): void;
}

/** The port of this process, or null when no host is listening. */
export function openPort(): TrainerPort | null {
  const parentPort = (process as unknown as { parentPort?: ParentPort })
    .parentPort;
  if (parentPort) return electronPort(parentPort);
  if (typeof process.send === 'function') return nodePort();
  return null;
}

function electronPort(parentPort: ParentPort): TrainerPort {
  return {
    onMessage(listener) {
      parentPort.on('message', (event) => listener(event.data));
    },
    send(message) {
      parentPort.postMessage(message);
    },
    close(message, exitCode) {
      parentPort.postMessage(message);
      parentPort.removeAllListeners('message');
      // A utility process is kept alive by its port; give the message time
      // to leave before ending.
      setTimeout(() => process.exit(exitCode), 200);
    },
  };
}

function nodePort(): TrainerPort {
  let closed = false;
  return {
    onMessage(listener) {
      process.on('message', (message) => listener(message));
      // Without its host a trainer has no one to report to.
      process.on('disconnect', () => {
        if (!closed) process.exit(0);
      });
    },
    send(message) {
      if (!closed && process.connected) process.send?.(message);
    },
    close(message, exitCode) {
      if (closed) return;
      closed = true;
      process.exitCode = exitCode;
      // Disconnecting once the message is out lets the process end by
      // itself; the timer covers anything else that keeps it alive.
      setTimeout(() => process.exit(exitCode), 1000).unref();
      if (!process.connected) return;
      process.send?.(message, undefined, {}, () => {
        if (process.connected) process.disconnect();
      });
    },
  };
}
