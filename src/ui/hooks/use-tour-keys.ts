import { useInput, useStdin } from 'ink';
import type { Dispatch } from 'react';
import { keyToEvent, type TourEvent } from '../../tour/tour-state.js';

/** Enter, r and q, read only where the terminal can give single keys (raw mode). */
export function useTourKeys(dispatch: Dispatch<TourEvent>): boolean {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      const event = keyToEvent(input, key);
      if (event) dispatch(event);
    },
    { isActive: isRawModeSupported === true },
  );
  return isRawModeSupported === true;
}
