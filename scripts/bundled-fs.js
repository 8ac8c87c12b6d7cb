// A read-only file system over `files` (path -> text), for the web worker build.
// Prepended by scripts/build.mjs with the bundled glossary; unknown paths do not exist.
function missing(p) {
  const error = new Error(`ENOENT: no such file or directory, '${p}'`);
  error.code = 'ENOENT';
  return error;
}
const isDir = (p) => Object.keys(files).some((f) => f.startsWith(p.replace(/\/$/, '') + '/'));
export function existsSync(p) {
  return p in files || isDir(p);
}
export function readFileSync(p) {
  if (p in files) return files[p];
  throw missing(p);
}
export function readdirSync(p) {
  const dir = p.replace(/\/$/, '') + '/';
  if (!isDir(p)) throw missing(p);
  return [...new Set(Object.keys(files).filter((f) => f.startsWith(dir)).map((f) => f.slice(dir.length).split('/')[0]))];
}
export function statSync(p) {
  if (!existsSync(p)) throw missing(p);
  return { size: p in files ? files[p].length : 0, mtimeMs: 0, isDirectory: () => !(p in files), isFile: () => p in files, isSymbolicLink: () => false };
}
export function realpathSync(p) {
  if (!existsSync(p)) throw missing(p);
  return p;
}
// Descriptor-based reads (server/src/readFile.ts): a descriptor is the file's bytes and a read position.
const open = new Map();
let nextFd = 3;
export const constants = { O_RDONLY: 0, O_NONBLOCK: 0 };
export function openSync(p) {
  if (!existsSync(p)) throw missing(p);
  const fd = nextFd++;
  open.set(fd, { p, bytes: p in files ? new TextEncoder().encode(files[p]) : undefined, at: 0 });
  return fd;
}
export function fstatSync(fd) {
  const f = open.get(fd);
  return { size: f.bytes ? f.bytes.length : 0, mtimeMs: 0, isDirectory: () => !f.bytes, isFile: () => Boolean(f.bytes), isSymbolicLink: () => false };
}
export function readSync(fd, buffer, offset, length) {
  const f = open.get(fd);
  const chunk = f.bytes.subarray(f.at, f.at + length);
  buffer.set(chunk, offset);
  f.at += chunk.length;
  return chunk.length;
}
export function closeSync(fd) {
  open.delete(fd);
}
export function writeFileSync(p) {
  throw Object.assign(new Error(`EROFS: read-only file system, '${p}'`), { code: 'EROFS' });
}
export default { existsSync, readFileSync, readdirSync, statSync, realpathSync, writeFileSync, constants, openSync, fstatSync, readSync, closeSync };
