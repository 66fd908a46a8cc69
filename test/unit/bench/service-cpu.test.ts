import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuSeconds, settle } from '../../../src/bench/service-cpu.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function node(script: string): number {
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

describe('waiting for the environment to settle before timing commands', () => {
  it('counts the CPU a process has used, and nothing for one that is gone', async () => {
    const busy = node('for (;;) {}');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(cpuSeconds([busy])).toBeGreaterThan(0.1);
    expect(cpuSeconds([2 ** 22 + 12345])).toBe(0);
  });

  it('is settled at once when the processes are idle', async () => {
    const idle = node('setInterval(() => {}, 1000)');
    const settled = await settle(() => [idle], { windowMs: 300, timeoutMs: 5000 });
    expect(settled.cores).toBeLessThan(0.15);
    expect(settled.waitedMs).toBeLessThan(2000);
  });

  it('gives up after its time when a process keeps a core busy, and says how busy', async () => {
    const busy = node('for (;;) {}');
    const settled = await settle(() => [busy], { windowMs: 300, timeoutMs: 1200 });
    expect(settled.waitedMs).toBeGreaterThanOrEqual(1200);
    expect(settled.cores).toBeGreaterThan(0.15);
  });
});
