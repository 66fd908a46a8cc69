import { UserError } from './errors.js';

/** Why a file-system call failed, in words, by its error code. */
const CAUSES: Record<string, string> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted (is the file or folder immutable? see lsattr)',
  ENOSPC: 'no space is left on the device',
  EDQUOT: 'the disk quota is exhausted',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder where a file was expected',
  EMFILE: 'too many files are open',
  EIO: 'an input/output error occurred',
};

/** The words for a file-system error code, or undefined when it is not one we explain. */
export function fileSystemCause(code: string | undefined): string | undefined {
  return code === undefined ? undefined : CAUSES[code];
}

/**
 * A Node file-system error (it has a code we know and the path it failed on) as one sentence
 * naming the path and the cause; undefined for anything else, which stays as it was.
 */
export function fileSystemUserError(error: unknown, what = "the environment's state directory", after = ''): UserError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, dest } = error as NodeJS.ErrnoException & { dest?: string };
  const cause = fileSystemCause(code);
  if (!cause || !path) return undefined;
  // A rename onto a file that cannot be replaced names the file, not the temporary one.
  const where = dest ?? path;
  return new UserError(`Cannot change ${what}: ${where}: ${cause} (${code}).${after ? ` ${after}` : ''}`, {
    tryThis: `make ${where} writable again (check "ls -ld", "lsattr -d" and "mount" for that folder), or point SLOWDATA_HOME at a writable folder`,
    cause: error,
  });
}

/** Runs `work`, turning a file-system error into fileSystemUserError. */
export async function explainingFileSystemErrors<T>(work: () => Promise<T>, what?: string, after?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw fileSystemUserError(error, what, after) ?? error;
  }
}
