import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../../common/errors.js';

const run = promisify(execFile);

/** Minimum Java for Kafka 4 brokers and Connect; Trino 476 needs 24 or newer. */
export const KAFKA_MIN_JAVA = 17;
export const TRINO_MIN_JAVA = 24;

export interface Tools {
  /** A java binary for Kafka and Connect. */
  java: string;
  /** A java binary for Trino. */
  trinoJava: string;
  mvn: string;
  db: DatabaseServer;
}

export interface DatabaseServer {
  flavour: 'mariadb' | 'mysql';
  server: string;
  /** mariadb-install-db for MariaDB; MySQL initialises with the server binary itself. */
  installer?: string;
}

const EXTRA_BIN_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/opt/homebrew/bin', '/usr/local/mysql/bin', '/opt/homebrew/opt/mariadb/bin'];

export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_BIN_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export async function javaMajorVersion(java: string): Promise<number | undefined> {
  try {
    const { stderr, stdout } = await run(java, ['-version'], { timeout: 15_000 });
    const match = /version "(\d+)(?:\.(\d+))?/.exec(stderr + stdout);
    if (!match) return undefined;
    const major = Number(match[1]);
    return major === 1 ? Number(match[2]) : major;
  } catch {
    return undefined;
  }
}

/** Every JDK this machine seems to have, each with its major version. */
async function javaCandidates(env: NodeJS.ProcessEnv): Promise<Array<{ java: string; major: number }>> {
  const paths = new Set<string>();
  for (const home of [env.SLOWDATA_TRINO_JAVA_HOME, env.JAVA_HOME]) if (home) paths.add(join(home, 'bin', 'java'));
  const onPath = findOnPath('java', env);
  if (onPath) paths.add(onPath);
  for (const root of ['/usr/lib/jvm', '/Library/Java/JavaVirtualMachines', '/opt/java']) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root)) {
      for (const sub of ['bin/java', 'Contents/Home/bin/java']) {
        const candidate = join(root, entry, sub);
        if (existsSync(candidate)) paths.add(candidate);
      }
    }
  }
  // Each `java -version` starts a JVM: ask them all at once.
  const majors = await Promise.all([...paths].map(async (java) => ({ java, major: await javaMajorVersion(java) })));
  return majors.filter((j): j is { java: string; major: number } => j.major !== undefined);
}

/** Finds Java, Maven and a MySQL-compatible server; anything missing is one clear error. */
export async function findTools(env: NodeJS.ProcessEnv = process.env): Promise<Tools> {
  const javas = await javaCandidates(env);
  const preferred = javas.find((j) => j.major >= KAFKA_MIN_JAVA);
  if (!preferred) {
    throw new UserError(`The local runtime needs Java ${KAFKA_MIN_JAVA} or newer, and none was found.`, {
      tryThis: 'install a JDK (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless; macOS: brew install openjdk@21) or set JAVA_HOME, or use --runtime docker',
    });
  }
  const newest = [...javas].sort((a, b) => b.major - a.major)[0];
  if (!newest || newest.major < TRINO_MIN_JAVA) {
    throw new UserError(`Trino needs Java ${TRINO_MIN_JAVA} or newer; the newest JDK found is Java ${newest?.major}.`, {
      tryThis: 'install a JDK 24 or newer (e.g. Temurin 25) and point SLOWDATA_TRINO_JAVA_HOME at it, or use --runtime docker',
    });
  }
  const mvn = findOnPath('mvn', env);
  if (!mvn) {
    throw new UserError('The local runtime resolves Kafka and Trino with Maven, and mvn was not found.', {
      tryThis: 'install Maven (Debian/Ubuntu: apt-get install maven; macOS: brew install maven), or use --runtime docker',
    });
  }
  return { java: preferred.java, trinoJava: newest.java, mvn, db: await findDatabaseServer(env) };
}

export async function findDatabaseServer(env: NodeJS.ProcessEnv = process.env): Promise<DatabaseServer> {
  const mariadbd = findOnPath('mariadbd', env);
  const installer = findOnPath('mariadb-install-db', env) ?? findOnPath('mysql_install_db', env);
  if (mariadbd && installer) return { flavour: 'mariadb', server: mariadbd, installer };
  const mysqld = findOnPath('mysqld', env);
  if (mysqld) {
    const { stdout } = await run(mysqld, ['--version'], { timeout: 10_000 }).catch(() => ({ stdout: '' }));
    if (/mariadb/i.test(stdout) && installer) return { flavour: 'mariadb', server: mysqld, installer };
    if (stdout && !/mariadb/i.test(stdout)) return { flavour: 'mysql', server: mysqld };
  }
  throw new UserError('The local runtime runs its own MySQL-compatible server, and neither mariadbd nor mysqld was found.', {
    tryThis: 'install one (Debian/Ubuntu: apt-get install mariadb-server; macOS: brew install mariadb); the tour starts its own instance on its own port, never your existing database',
  });
}
