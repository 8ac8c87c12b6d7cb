// Reading a file a workspace names (configuration, glossary, bibliography,
// draft): only a regular file, and never more than a cap. A hostile
// workspace can point any of these at a FIFO (an open that blocks forever),
// /dev/zero (a read that never ends) or a huge file (out of memory).

import * as fs from 'node:fs';

/** `skipped`: the file was refused (not a regular file, over the cap) rather than unreadable. */
export type FileBytes = { bytes: Uint8Array } | { problem: string; skipped?: boolean };

/** The file's bytes, or why it was not read. Never throws, never blocks on a pipe. */
export function readCapped(file: string, maxBytes: number): FileBytes {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO that has no writer would block; a regular file ignores the flag.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { problem: describeError(error) };
  }
  try {
    // fstat on the open descriptor: the file cannot be swapped for a pipe between the check and the read.
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { problem: 'is a directory' };
    if (!stat.isFile()) return { problem: 'not a regular file', skipped: true };
    if (stat.size > maxBytes) return { problem: `${stat.size} bytes is over the ${maxBytes}-byte limit`, skipped: true };
    // One byte more than allowed: a file that grew past the cap since fstat is caught.
    const buffer = new Uint8Array(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        if (length > maxBytes) return { problem: `more than ${maxBytes} bytes, over the limit`, skipped: true };
        break;
      }
    }
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { problem: describeError(error) };
  } finally {
    fs.closeSync(fd);
  }
}

/** The file as UTF-8 text (invalid sequences replaced), or why it was not read. */
export function readCappedText(file: string, maxBytes: number): { text: string } | { problem: string; skipped?: boolean } {
  const read = readCapped(file, maxBytes);
  return 'problem' in read ? read : { text: new TextDecoder('utf-8').decode(read.bytes) };
}

/** Read a stream (standard input) up to a cap; past it, stop reading and say so. */
export async function readStreamCapped(stream: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<FileBytes> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    length += bytes.length;
    if (length > maxBytes) return { problem: `more than ${maxBytes} bytes, over the limit`, skipped: true };
    chunks.push(bytes);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { bytes: out };
}

export function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    case 'ENXIO':
      return 'not a regular file';
    default:
      return e.message ?? String(error);
  }
}
