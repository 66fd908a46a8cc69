import { engineMessageOf, type ContainerClient } from './container-client.js';
import { unreachableRegistry } from './docker-errors.js';

export type ImageAvailability =
  | { image: string; state: 'present' }
  | { image: string; state: 'fetchable' }
  | { image: string; state: 'unavailable'; reason: string };

const REGISTRY_LOOKUP_TIMEOUT_MS = 8_000;

/**
 * For each image: on the engine already, or known to its registry (the engine looks the
 * manifest up: a fast answer, nothing is pulled), or not to be had, with the engine's reason.
 */
export async function checkImages(client: ContainerClient, images: readonly string[], timeoutMs = REGISTRY_LOOKUP_TIMEOUT_MS): Promise<ImageAvailability[]> {
  return Promise.all(
    [...new Set(images)].map(async (image): Promise<ImageAvailability> => {
      if (await client.hasImage(image)) return { image, state: 'present' };
      try {
        await client.lookUpInRegistry(image, timeoutMs);
        return { image, state: 'fetchable' };
      } catch (error) {
        return { image, state: 'unavailable', reason: engineMessageOf(error) };
      }
    }),
  );
}

/** One sentence on the images the engine cannot get, or undefined when it has or can fetch every one. */
export function unavailableImagesSentence(availability: readonly ImageAvailability[]): string | undefined {
  const missing = availability.filter((a): a is Extract<ImageAvailability, { state: 'unavailable' }> => a.state === 'unavailable');
  if (missing.length === 0) return undefined;
  const names = missing.map((a) => a.image).join(', ');
  const first = missing[0]!;
  const why = unreachableRegistry(first.reason) ? 'its image registry cannot be reached' : `the registry said: ${first.reason}`;
  return `The Docker engine does not have ${names} and cannot fetch ${missing.length === 1 ? 'it' : 'them'} (${why}).`;
}
