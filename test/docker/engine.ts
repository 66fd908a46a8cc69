import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { parse } from 'yaml';
import { DEFAULT_COMPOSE_FILE } from '../../src/runtime/docker/compose-file.js';

/** The busybox image test/setup/docker-engine.sh imports; the official images cannot be pulled here. */
export const TEST_IMAGE = process.env.SLOWDATA_TEST_IMAGE ?? 'slowdata-test/busybox:1';

export const FIXTURE_COMPOSE_FILE = join(import.meta.dirname, 'fixtures', 'busybox-compose.yml');
export const FIXTURE_PROJECT = 'slowdata-test';

/** Every image the real compose file names, mapped to the test image. */
export function testImageMap(): Record<string, string> {
  const file = parse(readFileSync(DEFAULT_COMPOSE_FILE, 'utf8')) as { services: Record<string, { image: string }> };
  return Object.fromEntries(Object.values(file.services).map((service) => [service.image, TEST_IMAGE]));
}

/** Fails with the way out when no engine or no test image is there, instead of skipping quietly. */
export async function requireTestEngine(docker: Docker): Promise<void> {
  try {
    await docker.ping();
    await docker.getImage(TEST_IMAGE).inspect();
  } catch (error) {
    throw new Error(`test/docker needs a Docker engine with the image ${TEST_IMAGE}: run "bash test/setup/docker-engine.sh" as root first (${String(error)})`);
  }
}

export function temporaryHome(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'slowdata-docker-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
