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
export function writeFileSync(p) {
  throw Object.assign(new Error(`EROFS: read-only file system, '${p}'`), { code: 'EROFS' });
}
export default { existsSync, readFileSync, readdirSync, statSync, realpathSync, writeFileSync };
