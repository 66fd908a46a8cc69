import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseRuntime, createRuntime } from '../../src/runtime/index.js';
import { installCommand, localRuntimeRefusal, packageFamily } from '../../src/runtime/local/platform.js';
import { findDatabaseServer, findTools, inspectTools, type ToolHost } from '../../src/runtime/local/tools.js';
import { StateStore } from '../../src/runtime/state.js';
import { UserError } from '../../src/common/errors.js';

const noDocker = async () => ({ ok: false as const, problem: new UserError('No Docker engine answers (a test stands in for it).') });
import { localToolChecks } from '../../src/text/local-tools-text.js';

/**
 * A machine made of a list of files: no Mac or Fedora runs here, so their file systems are described,
 * and the programs discovery runs (java_home, java -version, mysqld --version) answer from a table.
 */
function fakeHost(options: {
  platform: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  files: Record<string, string>;
  links?: Record<string, string>;
  runs?: Record<string, string>;
}): ToolHost {
  const files = options.files;
  const paths = Object.keys(files);
  return {
    platform: options.platform,
    env: { PATH: '/usr/bin:/bin', ...options.env },
    home: '/Users/ada',
    exists: (path) => path in files || paths.some((p) => p.startsWith(`${path}/`)),
    list: (dir) => [...new Set(paths.filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1).split('/')[0]!))],
    readText: (path) => files[path],
    realpath: (path) => options.links?.[path] ?? path,
    run: async (command, args) => {
      const out = options.runs?.[[command, ...args].join(' ')];
      return out === undefined ? undefined : { stdout: out, stderr: out };
    },
  };
}

/** A JDK home: its java binary and its release file. */
function jdk(home: string, version: string): Record<string, string> {
  return { [`${home}/bin/java`]: '', [`${home}/release`]: `IMPLEMENTOR="x"\nJAVA_VERSION="${version}"\n` };
}

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';
const ROCKY = 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n';
const ARCH = 'NAME="Arch Linux"\nID=arch\n';

describe('tool discovery on macOS (Homebrew, java_home, JavaVirtualMachines)', () => {
  it('finds keg-only Homebrew JDKs, Maven and MariaDB in /opt/homebrew even when the PATH has none of them', async () => {
    const host = fakeHost({
      platform: 'darwin',
      files: {
        '/usr/bin/java': '', // the macOS stub: it only says no Java is installed
        ...jdk('/opt/homebrew/opt/openjdk@21/libexec/openjdk.jdk/Contents/Home', '21.0.5'),
        '/opt/homebrew/opt/openjdk@21/bin/java': '',
        ...jdk('/opt/homebrew/opt/openjdk/libexec/openjdk.jdk/Contents/Home', '25.0.1'),
        '/opt/homebrew/bin/mvn': '',
        '/opt/homebrew/bin/mariadbd': '',
        '/opt/homebrew/bin/mariadb-install-db': '',
      },
      links: { '/opt/homebrew/opt/openjdk@21/bin/java': '/opt/homebrew/Cellar/openjdk@21/21.0.5/libexec/openjdk.jdk/Contents/Home/bin/java' },
    });
    const tools = await findTools(host.env, host);
    expect(tools.jdks.trino).toEqual({ java: '/opt/homebrew/opt/openjdk/libexec/openjdk.jdk/Contents/Home/bin/java', major: 25, from: 'Homebrew' });
    expect(tools.jdks.kafka.major).toBeGreaterThanOrEqual(17);
    expect(tools.jdks.kafka.from).toBe('Homebrew');
    expect(tools.mvn).toBe('/opt/homebrew/bin/mvn');
    expect(tools.db).toEqual({ flavour: 'mariadb', server: '/opt/homebrew/bin/mariadbd', installer: '/opt/homebrew/bin/mariadb-install-db' });
  });

  it('asks /usr/libexec/java_home for each version, failing fast rather than taking the default JDK', async () => {
    const temurin = '/Library/Java/JavaVirtualMachines/temurin-25.jdk/Contents/Home';
    const zulu = '/Library/Java/JavaVirtualMachines/zulu-17.jdk/Contents/Home';
    const host = fakeHost({
      platform: 'darwin',
      files: { ...jdk(temurin, '25'), ...jdk(zulu, '17.0.12'), '/usr/local/bin/mvn': '', '/usr/local/mysql/bin/mysqld': '' },
      runs: {
        '/usr/libexec/java_home -F -v 24+': `${temurin}\n`,
        '/usr/libexec/java_home -F -v 17+': `${temurin}\n`,
        '/usr/local/mysql/bin/mysqld --version': '/usr/local/mysql/bin/mysqld  Ver 8.4.3 for macos14 on arm64 (MySQL Community Server - GPL)',
      },
    });
    const tools = await findTools(host.env, host);
    expect(tools.jdks.trino).toEqual({ java: `${temurin}/bin/java`, major: 25, from: '/usr/libexec/java_home' });
    expect(tools.jdks.kafka.from).toBe('/usr/libexec/java_home');
    expect(tools.db).toEqual({ flavour: 'mysql', server: '/usr/local/mysql/bin/mysqld' });
  });

  it('on an Intel Mac: /usr/local/opt for Java 17, /Library/Java/JavaVirtualMachines for Java 24, a keg-only mysql@8.4', async () => {
    const host = fakeHost({
      platform: 'darwin',
      files: {
        ...jdk('/usr/local/opt/openjdk@17/libexec/openjdk.jdk/Contents/Home', '17.0.13'),
        ...jdk('/Library/Java/JavaVirtualMachines/jdk-24.jdk/Contents/Home', '24.0.2'),
        '/usr/local/bin/mvn': '',
        '/opt/homebrew/opt/mysql@8.4/bin/mysqld': '',
      },
      runs: { '/opt/homebrew/opt/mysql@8.4/bin/mysqld --version': 'mysqld  Ver 8.4.3 for macos15 on arm64 (Homebrew)' },
    });
    const tools = await findTools(host.env, host);
    expect(tools.jdks.kafka).toMatchObject({ major: 17, from: 'Homebrew' });
    expect(tools.jdks.trino).toMatchObject({ major: 24, from: '/Library/Java/JavaVirtualMachines' });
    expect(tools.db).toEqual({ flavour: 'mysql', server: '/opt/homebrew/opt/mysql@8.4/bin/mysqld' });
  });

  it('says brew install for whatever is missing', async () => {
    const report = await inspectTools(fakeHost({ platform: 'darwin', files: jdk('/opt/homebrew/opt/openjdk@21/libexec/openjdk.jdk/Contents/Home', '21') }));
    expect(report.family).toBe('brew');
    expect(report.kafkaJava).toMatchObject({ ok: true, value: { major: 21 } });
    expect(!report.trinoJava.ok && report.trinoJava.error.message).toBe(
      'Trino needs Java 24 or newer, and the newest JDK found is Java 21 (/opt/homebrew/opt/openjdk@21/libexec/openjdk.jdk/Contents/Home/bin/java).',
    );
    expect(!report.trinoJava.ok && report.trinoJava.error.tryThis).toMatch(/^brew install openjdk;/);
    expect(!report.maven.ok && report.maven.error.tryThis).toMatch(/^brew install maven;/);
    expect(!report.database.ok && report.database.error.tryThis).toMatch(/^brew install mariadb;/);
  });
});

describe('tool discovery on Linux', () => {
  it('on Debian: /usr/lib/jvm, the PATH, and mariadbd in /usr/sbin', async () => {
    const host = fakeHost({
      platform: 'linux',
      files: {
        '/etc/os-release': DEBIAN,
        '/usr/bin/java': '',
        ...jdk('/usr/lib/jvm/java-17-openjdk-amd64', '17.0.13'),
        ...jdk('/usr/lib/jvm/temurin-25-jdk-amd64', '25.0.1'),
        '/usr/bin/mvn': '',
        '/usr/sbin/mariadbd': '',
        '/usr/bin/mariadb-install-db': '',
      },
      links: { '/usr/bin/java': '/usr/lib/jvm/java-17-openjdk-amd64/bin/java' },
    });
    const tools = await findTools(host.env, host);
    expect(tools.jdks.kafka).toEqual({ java: '/usr/bin/java', major: 17, from: 'PATH' });
    expect(tools.jdks.trino).toEqual({ java: '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java', major: 25, from: '/usr/lib/jvm' });
    expect(tools.db).toEqual({ flavour: 'mariadb', server: '/usr/sbin/mariadbd', installer: '/usr/bin/mariadb-install-db' });
  });

  it('prefers JAVA_HOME for Kafka, and SLOWDATA_TRINO_JAVA_HOME for Trino', async () => {
    const host = fakeHost({
      platform: 'linux',
      env: { JAVA_HOME: '/opt/jdk21', SLOWDATA_TRINO_JAVA_HOME: '/opt/jdk24' },
      files: { ...jdk('/opt/jdk21', '21.0.1'), ...jdk('/opt/jdk24', '24'), ...jdk('/usr/lib/jvm/temurin-25', '25'), '/usr/bin/mvn': '', '/usr/sbin/mariadbd': '', '/usr/bin/mariadb-install-db': '' },
    });
    const tools = await findTools(host.env, host);
    expect(tools.jdks.kafka).toEqual({ java: '/opt/jdk21/bin/java', major: 21, from: 'JAVA_HOME' });
    expect(tools.jdks.trino).toEqual({ java: '/opt/jdk24/bin/java', major: 24, from: 'SLOWDATA_TRINO_JAVA_HOME' });
  });

  it('says so when SLOWDATA_TRINO_JAVA_HOME holds a JDK too old for Trino', async () => {
    const host = fakeHost({ platform: 'linux', env: { SLOWDATA_TRINO_JAVA_HOME: '/opt/jdk21' }, files: { '/etc/os-release': UBUNTU, ...jdk('/opt/jdk21', '21'), ...jdk('/usr/lib/jvm/t25', '25') } });
    const report = await inspectTools(host);
    expect(!report.trinoJava.ok && report.trinoJava.error.message).toBe('Trino needs Java 24 or newer, and SLOWDATA_TRINO_JAVA_HOME (/opt/jdk21) holds Java 21.');
    expect(!report.trinoJava.ok && report.trinoJava.error.tryThis).toMatch(/^sudo apt-get install temurin-25-jdk/);
  });

  it('finds SDKMAN JDKs and Maven, and reads the version from java -version where a JDK has no release file', async () => {
    const sdk = '/Users/ada/.sdkman/candidates';
    const host = fakeHost({
      platform: 'linux',
      files: {
        [`${sdk}/java/21.0.5-tem/bin/java`]: '',
        ...jdk(`${sdk}/java/24.0.1-tem`, '24.0.1'),
        [`${sdk}/maven/current/bin/mvn`]: '',
        '/usr/sbin/mariadbd': '',
        '/usr/bin/mariadb-install-db': '',
      },
      runs: { [`${sdk}/java/21.0.5-tem/bin/java -version`]: 'openjdk version "21.0.5" 2024-10-15 LTS' },
    });
    const tools = await findTools(host.env, host);
    expect(tools.jdks.trino).toEqual({ java: `${sdk}/java/24.0.1-tem/bin/java`, major: 24, from: 'SDKMAN' });
    expect(tools.jdks.kafka.from).toBe('SDKMAN');
    expect(tools.mvn).toBe(`${sdk}/maven/current/bin/mvn`);
  });

  it('on Fedora: mariadbd in /usr/libexec with its installer in /usr/bin, and dnf install for what is missing', async () => {
    const host = fakeHost({
      platform: 'linux',
      files: { '/etc/os-release': FEDORA, ...jdk('/usr/lib/jvm/java-21-openjdk', '21'), '/usr/libexec/mariadbd': '', '/usr/bin/mariadb-install-db': '' },
    });
    const report = await inspectTools(host);
    expect(report.database).toEqual({ ok: true, value: { flavour: 'mariadb', server: '/usr/libexec/mariadbd', installer: '/usr/bin/mariadb-install-db' } });
    expect(!report.maven.ok && report.maven.error.tryThis).toMatch(/^sudo dnf install maven;/);
    expect(!report.trinoJava.ok && report.trinoJava.error.tryThis).toMatch(/^sudo dnf install java-25-openjdk-headless/);
  });

  it('a mariadbd without mariadb-install-db is not enough, and the error says which was found', async () => {
    const host = fakeHost({ platform: 'linux', files: { '/etc/os-release': DEBIAN, '/usr/sbin/mariadbd': '' } });
    await expect(findDatabaseServer(host.env, host)).rejects.toThrow('neither mariadbd nor mysqld was found (/usr/sbin/mariadbd was found, but not mariadb-install-db).');
  });

  it('with nothing installed, every finding says what is missing with this family\'s install command', async () => {
    for (const [osRelease, prefix] of [
      [DEBIAN, 'sudo apt-get install'],
      [ROCKY, 'sudo dnf install'],
      [ARCH, 'install '],
    ] as const) {
      const report = await inspectTools(fakeHost({ platform: 'linux', files: { '/etc/os-release': osRelease } }));
      expect(!report.kafkaJava.ok && report.kafkaJava.error.message).toBe('Kafka and Connect need Java 17 or newer, and no JDK was found.');
      for (const finding of [report.kafkaJava, report.trinoJava, report.maven, report.database]) {
        expect(finding.ok).toBe(false);
        if (!finding.ok) expect(finding.error.tryThis?.startsWith(prefix)).toBe(true);
      }
    }
  });
});

describe('the platform', () => {
  it('tells the package family from the platform and /etc/os-release', () => {
    expect(packageFamily('darwin', undefined)).toBe('brew');
    expect(packageFamily('linux', DEBIAN)).toBe('apt');
    expect(packageFamily('linux', UBUNTU)).toBe('apt');
    expect(packageFamily('linux', FEDORA)).toBe('dnf');
    expect(packageFamily('linux', ROCKY)).toBe('dnf');
    expect(packageFamily('linux', ARCH)).toBe('other');
    expect(packageFamily('linux', undefined)).toBe('other');
    expect(packageFamily('freebsd', undefined)).toBe('other');
    expect(installCommand('brew', 'kafkaJava')).toBe('brew install openjdk@21');
  });

  it('refuses the local runtime on Windows outside WSL, in one sentence naming Docker Desktop and WSL', async () => {
    const refusal = localRuntimeRefusal('win32');
    expect(refusal?.message).toBe('The local runtime does not run on Windows itself: use Docker Desktop, or run slowdata-tour inside WSL.');
    expect(localRuntimeRefusal('linux')).toBeUndefined();
    expect(localRuntimeRefusal('darwin')).toBeUndefined();

    const store = new StateStore(mkdtempSync(join(tmpdir(), 'slowdata-win-')));
    await expect(createRuntime({ name: 'local', store, platform: 'win32' })).rejects.toThrow(refusal!.message);
    await expect(chooseRuntime('local', { store, platform: 'win32' })).rejects.toThrow(refusal!.message);
    // Chosen automatically: no Docker engine answers, and the local runtime would have been next.
    await expect(chooseRuntime(undefined, { store, platform: 'win32', dockerReadiness: noDocker })).rejects.toThrow(refusal!.message);
    expect((await chooseRuntime(undefined, { store, platform: 'linux', dockerReadiness: noDocker, localReadiness: async () => ({ ok: true, summary: 'tools found' }) })).runtime.name).toBe('local');

    const report = await inspectTools(fakeHost({ platform: 'win32', files: {} }));
    expect(localToolChecks(report)).toEqual([{ name: 'local runtime', ok: false, message: refusal!.message, tryThis: refusal!.tryThis }]);
  });
});

describe("doctor's lines for the local runtime", () => {
  it('names the JDK each service would use and where it came from, and the install command for what is missing', async () => {
    const host = fakeHost({
      platform: 'darwin',
      files: { ...jdk('/opt/homebrew/opt/openjdk@21/libexec/openjdk.jdk/Contents/Home', '21.0.5'), '/opt/homebrew/bin/mariadbd': '', '/opt/homebrew/bin/mariadb-install-db': '' },
    });
    const checks = localToolChecks(await inspectTools(host));
    expect(checks.map((c) => [c.ok, c.message, c.tryThis])).toEqual([
      [true, 'Kafka and Connect would use Java 21, /opt/homebrew/opt/openjdk@21/libexec/openjdk.jdk/Contents/Home/bin/java (from Homebrew).', undefined],
      [false, expect.stringMatching(/^Trino needs Java 24 or newer/), expect.stringMatching(/^brew install openjdk;/)],
      [false, 'The local runtime resolves Kafka and Trino with Maven, and mvn was not found.', 'brew install maven; or use --runtime docker'],
      [true, 'MariaDB: /opt/homebrew/bin/mariadbd, initialised with /opt/homebrew/bin/mariadb-install-db.', undefined],
    ]);
  });
});

describe('tool discovery on this machine', () => {
  it('finds a JDK for each service, Maven and the database server (the local runtime e2e tests run with them)', async () => {
    const tools = await findTools();
    expect(tools.jdks.kafka.major).toBeGreaterThanOrEqual(17);
    expect(tools.jdks.trino.major).toBeGreaterThanOrEqual(24);
    expect(tools.mvn).toMatch(/mvn$/);
    expect(tools.db.server).toMatch(/mariadbd|mysqld/);
  });
});
