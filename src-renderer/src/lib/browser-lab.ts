import {
  Requests,
  type CsvSource,
  type LabApi,
  type Result,
  type RunEvent,
} from '../../../src-shared/lab-api.ts';
import {
  MAX_MODEL_BYTES,
  parseModelFile,
  serializeModelFile,
} from '../../../src-shared/model-file.ts';
import { parseWith } from '../../../src-shared/validation.ts';

// LabApi in browser mode: service calls travel over a WebSocket to
// `mlp-lab serve` (the page's cookie carries the token); files are read with
// the browser's file picker and written as downloads, never by the server.

/** Largest CSV the picker accepts, as the server does. */
const MAX_CSV_BYTES = 512 * 1024 * 1024;
/** Longest wait between two reconnection attempts. */
const MAX_RETRY_MS = 5000;

type Pending = (result: Result<unknown>) => void;

/** One WebSocket to the server, reopened whenever it drops. */
class Connection {
  private socket: WebSocket | null = null;
  private opening: Promise<WebSocket> | null = null;
  private nextId = 1;
  private retryMs = 250;
  private readonly pending = new Map<number, Pending>();
  readonly runListeners = new Set<(event: RunEvent) => void>();

  constructor(private readonly url: string) {
    // Open at once, so that run events flow before the first call.
    this.ready().catch(() => undefined);
  }

  /** Sends one call; resolves with the server's Result or a clear error. */
  async call(method: string, params?: unknown): Promise<Result<unknown>> {
    let socket: WebSocket;
    try {
      socket = await this.ready();
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }

    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        socket.send(JSON.stringify({ id, method, params }));
      } catch (error) {
        this.pending.delete(id);
        resolve({ ok: false, error: `${method}: ${(error as Error).message}` });
      }
    });
  }

  /** The open socket, opening one if needed. */
  private ready(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) {
      return Promise.resolve(this.socket);
    }
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private open(): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      let opened = false;

      socket.addEventListener('open', () => {
        opened = true;
        this.socket = socket;
        this.retryMs = 250;
        resolve(socket);
      });
      socket.addEventListener('message', (event) => this.receive(event.data));
      // A close event always follows an error; it does the clean-up.
      socket.addEventListener('error', () => undefined);
      socket.addEventListener('close', () => {
        if (this.socket === socket) this.socket = null;
        if (opened) {
          this.failPending(
            'The connection to the MLP Lab server was lost before it ' +
              'answered; is `mlp-lab serve` still running?',
          );
        } else {
          reject(
            new Error(
              `Cannot reach the MLP Lab server at ${this.url}. Is ` +
                '`mlp-lab serve` still running? If it was restarted, open ' +
                'the new URL it printed.',
            ),
          );
        }
        this.scheduleReconnect();
      });
    });
  }

  /** Tries again later, waiting longer after each failure. */
  private scheduleReconnect(): void {
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    setTimeout(() => this.ready().catch(() => undefined), delay);
  }

  private failPending(error: string): void {
    for (const resolve of this.pending.values()) resolve({ ok: false, error });
    this.pending.clear();
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: {
      id?: unknown;
      result?: Result<unknown>;
      event?: unknown;
      data?: unknown;
    };
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }

    if (message.event === 'run') {
      for (const listener of this.runListeners) {
        listener(message.data as RunEvent);
      }
      return;
    }
    if (typeof message.id === 'number' && message.result) {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.result);
    }
  }
}

/** The API socket of the server that served this page. */
export function defaultSocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api`;
}

/** A file name without separators or control characters, with `extension`. */
export function downloadName(
  suggested: string,
  extension: string,
  fallback: string,
): string {
  const stem =
    suggested
      .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '')
      .slice(0, 120) || fallback;
  return stem.toLowerCase().endsWith(extension) ? stem : stem + extension;
}

/** Hands `blob` to the browser as a download named `name`. */
function download(name: string, blob: Blob): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** Shows the browser's file picker; resolves with the file, or null. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    const finish = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => finish(null));
    document.body.append(input);
    input.click();
  });
}

/** Decodes a base64 data URL into a Blob of `type`. */
function dataUrlBlob(dataUrl: string, type: string): Blob {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Reads a picked file as text, refusing one over `limit` bytes. */
async function readPicked(file: File, limit: number): Promise<Result<string>> {
  if (file.size > limit) {
    const mib = Math.round(limit / 1024 / 1024);
    return { ok: false, error: `${file.name}: is larger than ${mib} MiB` };
  }
  try {
    return { ok: true, value: await file.text() };
  } catch (error) {
    return { ok: false, error: `${file.name}: ${(error as Error).message}` };
  }
}

/** LabApi for a page served by `mlp-lab serve`, talking to it at `url`. */
export function createBrowserLab(url: string = defaultSocketUrl()): LabApi {
  const connection = new Connection(url);
  const call = <T>(method: string, params?: unknown) =>
    connection.call(method, params) as Promise<Result<T>>;

  const warnBeforeUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    event.returnValue = '';
  };

  return {
    startRun: (req) => call('startRun', req),
    pauseRun: (req) => call('pauseRun', req),
    resumeRun: (req) => call('resumeRun', req),
    stopRun: (req) => call('stopRun', req),
    onRunEvent: (listener) => {
      connection.runListeners.add(listener);
      return () => {
        connection.runListeners.delete(listener);
      };
    },

    listRuns: () => call('listRuns'),
    renameRun: (req) => call('renameRun', req),
    deleteRun: (req) => call('deleteRun', req),
    getRunModel: (req) => call('getRunModel', req),

    async saveModel(req) {
      const parsed = parseWith(Requests.saveModel, req);
      if (!parsed.ok) return parsed;
      let text: string;
      try {
        text = serializeModelFile(parsed.value.model);
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
      const name = downloadName(parsed.value.suggestedName, '.json', 'model');
      download(name, new Blob([text], { type: 'application/json' }));
      return { ok: true, value: { name } };
    },

    async openModel() {
      const file = await pickFile('.json,application/json');
      if (!file) return { ok: true, value: null };
      const text = await readPicked(file, MAX_MODEL_BYTES);
      if (!text.ok) return text;

      const parsed = parseModelFile(text.value);
      if (!parsed.ok)
        return { ok: false, error: `${file.name}: ${parsed.error}` };
      return { ok: true, value: { model: parsed.value, name: file.name } };
    },

    async chooseCsv() {
      const file = await pickFile('.csv,.txt,text/csv,text/plain');
      if (!file) return { ok: true, value: null };
      const text = await readPicked(file, MAX_CSV_BYTES);
      if (!text.ok) return text;
      const source: CsvSource = { name: file.name, text: text.value };
      return { ok: true, value: source };
    },

    importCsv: (req) => call('importCsv', req),

    async exportHistory(req) {
      const parsed = parseWith(Requests.exportText, req);
      if (!parsed.ok) return parsed;
      const name = downloadName(parsed.value.suggestedName, '.csv', 'history');
      download(name, new Blob([parsed.value.text], { type: 'text/csv' }));
      return { ok: true, value: { name } };
    },

    async exportPng(req) {
      const parsed = parseWith(Requests.exportPng, req);
      if (!parsed.ok) return parsed;
      const name = downloadName(parsed.value.suggestedName, '.png', 'chart');
      try {
        download(name, dataUrlBlob(parsed.value.dataUrl, 'image/png'));
      } catch {
        return { ok: false, error: 'dataUrl: is not valid base64' };
      }
      return { ok: true, value: { name } };
    },

    async setDirty(req) {
      const parsed = parseWith(Requests.setDirty, req);
      if (!parsed.ok) return parsed;
      // The browser asks its own question; no menu exists to save from.
      if (parsed.value.dirty)
        addEventListener('beforeunload', warnBeforeUnload);
      else removeEventListener('beforeunload', warnBeforeUnload);
      return { ok: true, value: null };
    },

    // Browser mode has no application menu; shortcuts are the page's own.
    onMenu: () => () => undefined,
  };
}
