import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * Whether `path` names something strictly inside the folder `dir` (never `dir`
 * itself), by the names alone: a `..` step leaves it, so does another drive. A name
 * that merely starts with two dots (`..notes`) stays inside.
 */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * The real path of `path` when, every symbolic link followed, it is still inside
 * the real `dir`; null when a link leads out. Rejects when either does not exist.
 */
export async function realPathInside(dir: string, path: string): Promise<string | null> {
  const [realDir, realPath] = await Promise.all([realpath(dir), realpath(path)]);
  return isInside(realDir, realPath) ? realPath : null;
}
