import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { loadVersions } from '../common/versions.js';
import type { Tools } from '../runtime/local/tools.js';

const run = promisify(execFile);

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  /** `java -version`'s first line for Kafka/Connect and for Trino. */
  kafkaJdk: string;
  trinoJdk: string;
  database: string;
  versions: Record<string, string>;
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return match?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function osName(): string {
  try {
    const match = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return `${match?.[1] ?? 'Linux'}, kernel ${release()}`;
  } catch {
    return `kernel ${release()}`;
  }
}

async function firstLine(command: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { timeout: 15_000 });
    return `${stderr}${stdout}`.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** What the figures were measured on, so a reader can compare with their own machine. */
export async function describeMachine(tools: Tools): Promise<Machine> {
  return {
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    node: process.version,
    kafkaJdk: `${await firstLine(tools.java, ['-version'])} (${tools.java})`,
    trinoJdk: `${await firstLine(tools.trinoJava, ['-version'])} (${tools.trinoJava})`,
    database: await firstLine(tools.db.server, ['--version']),
    versions: Object.fromEntries(Object.entries(loadVersions()).map(([k, v]) => [k, String(v)])),
  };
}
