import { delimiter, dirname, join } from 'node:path';
import { UserError } from '../../common/errors.js';
import { installCommand, localRuntimeRefusal, packageFamily, type PackageFamily, type ToolNeed } from './platform.js';
import { systemHost, type ToolHost } from './tool-host.js';

export { systemHost, type ToolHost } from './tool-host.js';

/** Minimum Java for Kafka 4 brokers and Connect; Trino 476 needs 24 or newer. */
export const KAFKA_MIN_JAVA = 17;
export const TRINO_MIN_JAVA = 24;

/** A JDK found on this machine: its java binary, its major version, and where it was found. */
export interface JavaFound {
  java: string;
  major: number;
  /** In words: "JAVA_HOME", "PATH", "/usr/libexec/java_home", "Homebrew", "/usr/lib/jvm", "SDKMAN"… */
  from: string;
}

export interface Tools {
  /** A java binary for Kafka and Connect. */
  java: string;
  /** A java binary for Trino. */
  trinoJava: string;
  /** The JDK each service uses, with its version and where it was found (doctor shows them). */
  jdks: { kafka: JavaFound; trino: JavaFound };
  mvn: string;
  db: DatabaseServer;
}

export interface DatabaseServer {
  flavour: 'mariadb' | 'mysql';
  server: string;
  /** mariadb-install-db for MariaDB; MySQL initialises with the server binary itself. */
  installer?: string;
}

const HOMEBREW_PREFIXES = ['/opt/homebrew', '/usr/local'];
const LINUXBREW_PREFIX = '/home/linuxbrew/.linuxbrew';

/** Homebrew kegs under PREFIX/opt whose name matches, e.g. openjdk, openjdk@21, mariadb@11.4. */
function kegs(host: ToolHost, prefixes: readonly string[], pattern: RegExp): string[] {
  return prefixes.flatMap((prefix) =>
    host
      .list(join(prefix, 'opt'))
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => join(prefix, 'opt', name)),
  );
}

/** Folders where programs live beyond the PATH, per platform, in the order they are tried. */
export function extraBinDirs(host: ToolHost): string[] {
  const sdkman = host.env.SDKMAN_DIR ?? join(host.home, '.sdkman');
  const maven = [host.env.MAVEN_HOME, host.env.M2_HOME].filter((h): h is string => !!h).map((h) => join(h, 'bin'));
  if (host.platform === 'darwin') {
    return [
      ...maven,
      '/opt/homebrew/bin',
      '/opt/homebrew/sbin',
      '/opt/homebrew/opt/mariadb/bin',
      '/opt/homebrew/opt/mysql/bin',
      '/usr/local/bin',
      '/usr/local/sbin',
      '/usr/local/opt/mariadb/bin',
      '/usr/local/opt/mysql/bin',
      // Versioned kegs (mariadb@11.4, mysql@8.4) are keg-only: their programs are on no PATH.
      ...kegs(host, HOMEBREW_PREFIXES, /^(mariadb|mysql)@[\d.]+$/).map((keg) => join(keg, 'bin')),
      '/usr/local/mysql/bin',
      join(sdkman, 'candidates', 'maven', 'current', 'bin'),
    ];
  }
  return [
    ...maven,
    '/usr/sbin',
    '/usr/local/sbin',
    '/usr/local/bin',
    // Fedora and RHEL put the server itself in /usr/libexec (mariadbd, mysqld).
    '/usr/libexec',
    '/usr/local/mysql/bin',
    join(LINUXBREW_PREFIX, 'bin'),
    join(LINUXBREW_PREFIX, 'sbin'),
    join(sdkman, 'candidates', 'maven', 'current', 'bin'),
  ];
}

function pathDirs(host: ToolHost): string[] {
  return (host.env.PATH ?? '').split(delimiter).filter(Boolean);
}

/** A program on the PATH, or where this platform's package managers put it. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env, host: ToolHost = systemHost(env)): string | undefined {
  for (const dir of [...pathDirs(host), ...extraBinDirs(host)]) {
    const candidate = join(dir, name);
    if (host.exists(candidate)) return candidate;
  }
  return undefined;
}

/** The major version in a JDK's `release` file (JAVA_VERSION="21.0.2", or "1.8.0_392" for 8). */
function majorFromRelease(text: string): number | undefined {
  const match = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(text);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/** The major version of a java binary: from its JDK's `release` file, else from `java -version`. */
export async function javaMajorVersion(java: string, host: ToolHost = systemHost()): Promise<number | undefined> {
  const home = dirname(dirname(host.realpath(java)));
  const release = host.readText(join(home, 'release'));
  const fromRelease = release === undefined ? undefined : majorFromRelease(release);
  if (fromRelease !== undefined) return fromRelease;
  const result = await host.run(java, ['-version']);
  if (!result) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

interface JavaCandidate {
  java: string;
  from: string;
}

/** JDK homes in the folders each platform's installers use, in the order they are tried. */
async function platformJavaCandidates(host: ToolHost): Promise<JavaCandidate[]> {
  const found: JavaCandidate[] = [];
  const homesIn = (root: string, from: string, sub: string) => {
    for (const entry of host.list(root).sort().reverse()) found.push({ java: join(root, entry, sub, 'bin', 'java'), from });
  };
  const sdkman = host.env.SDKMAN_DIR ?? join(host.home, '.sdkman');
  if (host.platform === 'darwin') {
    // java_home knows every JDK installed the macOS way; -F fails instead of falling back to the default.
    for (const version of [TRINO_MIN_JAVA, KAFKA_MIN_JAVA]) {
      const result = await host.run('/usr/libexec/java_home', ['-F', '-v', `${version}+`]);
      const home = result?.stdout.trim();
      if (home) found.push({ java: join(home, 'bin', 'java'), from: '/usr/libexec/java_home' });
    }
    for (const keg of kegs(host, HOMEBREW_PREFIXES, /^openjdk(@\d+)?$/)) {
      found.push({ java: join(keg, 'libexec', 'openjdk.jdk', 'Contents', 'Home', 'bin', 'java'), from: 'Homebrew' });
      found.push({ java: join(keg, 'bin', 'java'), from: 'Homebrew' });
    }
    homesIn('/Library/Java/JavaVirtualMachines', '/Library/Java/JavaVirtualMachines', 'Contents/Home');
    homesIn(join(host.home, 'Library', 'Java', 'JavaVirtualMachines'), '~/Library/Java/JavaVirtualMachines', 'Contents/Home');
    homesIn(join(sdkman, 'candidates', 'java'), 'SDKMAN', '');
  } else {
    homesIn('/usr/lib/jvm', '/usr/lib/jvm', '');
    homesIn(join(sdkman, 'candidates', 'java'), 'SDKMAN', '');
    homesIn('/opt/java', '/opt/java', '');
    for (const keg of kegs(host, [LINUXBREW_PREFIX], /^openjdk(@\d+)?$/)) found.push({ java: join(keg, 'bin', 'java'), from: 'Homebrew' });
  }
  return found;
}

/** Every JDK this machine seems to have, each with its major version, in the order they are preferred. */
export async function javaCandidates(host: ToolHost): Promise<JavaFound[]> {
  const candidates: JavaCandidate[] = [];
  if (host.env.JAVA_HOME) candidates.push({ java: join(host.env.JAVA_HOME, 'bin', 'java'), from: 'JAVA_HOME' });
  for (const dir of pathDirs(host)) candidates.push({ java: join(dir, 'java'), from: 'PATH' });
  candidates.push(...(await platformJavaCandidates(host)));
  const seen = new Set<string>();
  const found: JavaFound[] = [];
  for (const candidate of candidates) {
    if (!host.exists(candidate.java)) continue;
    const real = host.realpath(candidate.java);
    if (seen.has(real)) continue;
    seen.add(real);
    const major = await javaMajorVersion(candidate.java, host);
    if (major !== undefined) found.push({ ...candidate, major });
  }
  return found;
}

/** The JDK for Trino: SLOWDATA_TRINO_JAVA_HOME when set, else the newest found (24 or newer). */
async function trinoJava(host: ToolHost, javas: JavaFound[]): Promise<JavaFound | undefined> {
  const configured = host.env.SLOWDATA_TRINO_JAVA_HOME;
  if (configured) {
    const java = join(configured, 'bin', 'java');
    const major = host.exists(java) ? await javaMajorVersion(java, host) : undefined;
    return major === undefined ? undefined : { java, major, from: 'SLOWDATA_TRINO_JAVA_HOME' };
  }
  return [...javas].sort((a, b) => b.major - a.major)[0];
}

function missing(need: ToolNeed, family: PackageFamily, message: string, extra: string): UserError {
  return new UserError(message, { tryThis: `${installCommand(family, need)}; ${extra}` });
}

/** One tool found, or why not (with the install command for this platform). */
export type Finding<T> = { ok: true; value: T } | { ok: false; error: UserError };

export interface ToolReport {
  family: PackageFamily;
  kafkaJava: Finding<JavaFound>;
  trinoJava: Finding<JavaFound>;
  maven: Finding<string>;
  database: Finding<DatabaseServer>;
}

async function settle<T>(work: () => Promise<T>): Promise<Finding<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error };
    throw error;
  }
}

/** Looks for every tool the local runtime needs and reports each, found or not. */
export async function inspectTools(host: ToolHost = systemHost()): Promise<ToolReport> {
  const refusal = localRuntimeRefusal(host.platform);
  const family = packageFamily(host.platform, host.readText('/etc/os-release'));
  if (refusal) {
    const refused = { ok: false as const, error: refusal };
    return { family, kafkaJava: refused, trinoJava: refused, maven: refused, database: refused };
  }
  const javas = await javaCandidates(host);
  const kafkaJava = await settle(async () => {
    const java = javas.find((j) => j.major >= KAFKA_MIN_JAVA);
    if (java) return java;
    const newest = [...javas].sort((a, b) => b.major - a.major)[0];
    throw missing(
      'kafkaJava',
      family,
      `Kafka and Connect need Java ${KAFKA_MIN_JAVA} or newer, and ${newest ? `the newest JDK found is Java ${newest.major} (${newest.java})` : 'no JDK was found'}.`,
      'or set JAVA_HOME to a JDK 17 or newer, or use --runtime docker',
    );
  });
  const trino = await settle(async () => {
    const java = await trinoJava(host, javas);
    if (java && java.major >= TRINO_MIN_JAVA) return java;
    const what = host.env.SLOWDATA_TRINO_JAVA_HOME
      ? `SLOWDATA_TRINO_JAVA_HOME (${host.env.SLOWDATA_TRINO_JAVA_HOME}) holds ${java ? `Java ${java.major}` : 'no JDK'}`
      : java
        ? `the newest JDK found is Java ${java.major} (${java.java})`
        : 'no JDK was found';
    throw missing('trinoJava', family, `Trino needs Java ${TRINO_MIN_JAVA} or newer, and ${what}.`, 'or point SLOWDATA_TRINO_JAVA_HOME at a JDK 24 or newer, or use --runtime docker');
  });
  const maven = await settle(async () => {
    const mvn = findOnPath('mvn', host.env, host);
    if (mvn) return mvn;
    throw missing('maven', family, 'The local runtime resolves Kafka and Trino with Maven, and mvn was not found.', 'or use --runtime docker');
  });
  const database = await settle(() => findDatabaseServer(host.env, host));
  return { family, kafkaJava, trinoJava: trino, maven, database };
}

/** Finds Java, Maven and a MySQL-compatible server; anything missing is one clear error. */
export async function findTools(env: NodeJS.ProcessEnv = process.env, host: ToolHost = systemHost(env)): Promise<Tools> {
  const report = await inspectTools(host);
  for (const finding of [report.kafkaJava, report.trinoJava, report.maven, report.database]) if (!finding.ok) throw finding.error;
  const value = <T>(finding: Finding<T>): T => (finding as { value: T }).value;
  const kafka = value(report.kafkaJava);
  const trino = value(report.trinoJava);
  return { java: kafka.java, trinoJava: trino.java, jdks: { kafka, trino }, mvn: value(report.maven), db: value(report.database) };
}

/** mariadb-install-db (or mysql_install_db) beside the server first, then anywhere this platform keeps programs. */
function installerFor(server: string, host: ToolHost): string | undefined {
  const dir = dirname(server);
  // Fedora's /usr/libexec/mariadbd has its installer in /usr/bin; Homebrew keeps both in one bin.
  for (const near of [dir, join(dirname(dir), 'bin'), join(dirname(dir), 'scripts')]) {
    for (const name of ['mariadb-install-db', 'mysql_install_db']) {
      if (host.exists(join(near, name))) return join(near, name);
    }
  }
  return findOnPath('mariadb-install-db', host.env, host) ?? findOnPath('mysql_install_db', host.env, host);
}

export async function findDatabaseServer(env: NodeJS.ProcessEnv = process.env, host: ToolHost = systemHost(env)): Promise<DatabaseServer> {
  const refusal = localRuntimeRefusal(host.platform);
  if (refusal) throw refusal;
  const mariadbd = findOnPath('mariadbd', host.env, host);
  const mariadbInstaller = mariadbd ? installerFor(mariadbd, host) : undefined;
  if (mariadbd && mariadbInstaller) return { flavour: 'mariadb', server: mariadbd, installer: mariadbInstaller };
  const mysqld = findOnPath('mysqld', host.env, host);
  if (mysqld) {
    const stdout = (await host.run(mysqld, ['--version']))?.stdout ?? '';
    const installer = installerFor(mysqld, host);
    if (/mariadb/i.test(stdout) && installer) return { flavour: 'mariadb', server: mysqld, installer };
    if (stdout && !/mariadb/i.test(stdout)) return { flavour: 'mysql', server: mysqld };
  }
  const family = packageFamily(host.platform, host.readText('/etc/os-release'));
  const found = mariadbd ? ` (${mariadbd} was found, but not mariadb-install-db)` : '';
  throw missing(
    'database',
    family,
    `The local runtime runs its own MySQL-compatible server, and neither mariadbd nor mysqld was found${found}.`,
    'the tour starts its own instance on its own port, never your existing database',
  );
}
