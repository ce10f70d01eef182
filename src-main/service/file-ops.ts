import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Result } from '../../src-shared/lab-api.ts';
import {
  MAX_MODEL_BYTES,
  parseModelFile,
  serializeModelFile,
} from '../../src-shared/model-file.ts';
import type { ModelFile } from '../../src-shared/model-schema.ts';
import { writeFileAtomic } from './atomic-write.ts';

// The file operations behind saving and opening models and exporting
// histories and charts. Each returns a Result whose error names the file.

const PNG_PREFIX = 'data:image/png;base64,';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Checks a model and writes it atomically. */
export async function writeModelFile(
  path: string,
  model: unknown,
): Promise<Result<null>> {
  let text: string;
  try {
    text = serializeModelFile(model as ModelFile);
  } catch (error) {
    return { ok: false, error: `model: ${(error as Error).message}` };
  }
  const parsed = parseModelFile(text);
  if (!parsed.ok) return { ok: false, error: `model: ${parsed.error}` };
  return writeAtomic(path, text);
}

/** Reads and validates a model file; its name is the base name. */
export async function readModelFile(
  path: string,
): Promise<Result<{ model: ModelFile; name: string }>> {
  const name = basename(path);
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_MODEL_BYTES) {
      return {
        ok: false,
        error: `${name}: is larger than ${MAX_MODEL_BYTES} bytes`,
      };
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, error: `${path}: ${fsProblem(error)}` };
  }

  const parsed = parseModelFile(text);
  if (!parsed.ok) return { ok: false, error: `${name}: ${parsed.error}` };
  return { ok: true, value: { model: parsed.value, name } };
}

/** Writes a PNG given as a base64 data URL, atomically. */
export async function writePngFile(
  path: string,
  dataUrl: string,
): Promise<Result<null>> {
  if (!dataUrl.startsWith(PNG_PREFIX)) {
    return { ok: false, error: `dataUrl: must start with ${PNG_PREFIX}` };
  }
  const bytes = Buffer.from(dataUrl.slice(PNG_PREFIX.length), 'base64');
  if (!PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    return { ok: false, error: 'dataUrl: is not a PNG image' };
  }
  return writeAtomic(path, bytes);
}

/** Writes `data` atomically; a failure names the file and the reason. */
export async function writeAtomic(
  path: string,
  data: string | Uint8Array,
): Promise<Result<null>> {
  try {
    await writeFileAtomic(path, data);
    return { ok: true, value: null };
  } catch (error) {
    return { ok: false, error: `${path}: ${fsProblem(error)}` };
  }
}

/** A short reason for a failed file operation. */
export function fsProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return message;
  }
}
