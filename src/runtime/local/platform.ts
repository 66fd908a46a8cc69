import { UserError } from '../../common/errors.js';

/**
 * The local runtime runs on Linux (WSL included: there the platform is linux), macOS and the BSDs.
 * Windows itself has no process groups or POSIX signals to stop a service with, so it is refused.
 */
export function localRuntimeRefusal(platform: NodeJS.Platform = process.platform): UserError | undefined {
  if (platform !== 'win32') return undefined;
  return new UserError('The local runtime does not run on Windows itself: use Docker Desktop, or run slowdata-tour inside WSL.', {
    tryThis: 'start Docker Desktop and run "slowdata-tour up --runtime docker", or install WSL (wsl --install) and run the tour there',
  });
}

/** How this machine installs software, for the install commands doctor and errors print. */
export type PackageFamily = 'brew' | 'apt' | 'dnf' | 'other';

/** brew on macOS; apt or dnf from /etc/os-release's ID and ID_LIKE; otherwise "other". */
export function packageFamily(platform: NodeJS.Platform, osRelease: string | undefined): PackageFamily {
  if (platform === 'darwin') return 'brew';
  if (platform !== 'linux' || !osRelease) return 'other';
  const field = (name: string) => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(osRelease)?.[1]?.toLowerCase() ?? '';
  const ids = `${field('ID')} ${field('ID_LIKE')}`.split(/\s+/).filter(Boolean);
  if (ids.some((id) => ['debian', 'ubuntu'].includes(id))) return 'apt';
  if (ids.some((id) => ['fedora', 'rhel', 'centos', 'rocky', 'almalinux', 'amzn', 'ol'].includes(id))) return 'dnf';
  return 'other';
}

export type ToolNeed = 'kafkaJava' | 'trinoJava' | 'maven' | 'database';

const INSTALL: Record<PackageFamily, Record<ToolNeed, string>> = {
  brew: {
    kafkaJava: 'brew install openjdk@21',
    trinoJava: 'brew install openjdk',
    maven: 'brew install maven',
    database: 'brew install mariadb',
  },
  apt: {
    kafkaJava: 'sudo apt-get install openjdk-21-jdk-headless (Debian 12: openjdk-17-jdk-headless)',
    trinoJava: 'sudo apt-get install temurin-25-jdk (from Adoptium\'s apt repository, https://adoptium.net/installation/linux), or sdk install java 25-tem',
    maven: 'sudo apt-get install maven',
    database: 'sudo apt-get install mariadb-server',
  },
  dnf: {
    kafkaJava: 'sudo dnf install java-21-openjdk-headless',
    trinoJava: 'sudo dnf install java-25-openjdk-headless (Fedora 42 and later; elsewhere sdk install java 25-tem)',
    maven: 'sudo dnf install maven',
    database: 'sudo dnf install mariadb-server',
  },
  other: {
    kafkaJava: 'install a JDK 17 or newer with your package manager, or sdk install java 21-tem (https://sdkman.io)',
    trinoJava: 'install a JDK 24 or newer, e.g. sdk install java 25-tem (https://sdkman.io)',
    maven: 'install Maven with your package manager, or sdk install maven',
    database: 'install MariaDB (mariadbd and mariadb-install-db) or MySQL with your package manager',
  },
};

/** The command that installs what is missing, for the platform at hand. */
export function installCommand(family: PackageFamily, need: ToolNeed): string {
  return INSTALL[family][need];
}
