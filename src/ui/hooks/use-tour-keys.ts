import { useInput, useStdin } from 'ink';
import type { Dispatch } from 'react';
import { keyToEvent, type TourEvent } from '../../tour/tour-state.js';

export interface UseTourKeysOptions {
  readonly dispatch: Dispatch<TourEvent>;
  /** Called for the copy key; says in a few words what it did. */
  readonly onCopy: () => string;
  /**
   * Whether the tour reads keys now: not while the SQL prompt has them.
   *
   * @default true
   */
  readonly isActive?: boolean;
}

/** The tour's keys (see TOUR_KEYS), read only where the terminal can give single keys (raw mode). Returns whether it can. */
export function useTourKeys({ dispatch, onCopy, isActive = true }: UseTourKeysOptions): boolean {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      const event = keyToEvent(input, key);
      if (!event) return;
      dispatch(event);
      if (event.type === 'copy') dispatch({ type: 'notice', text: onCopy() });
    },
    { isActive: isRawModeSupported === true && isActive },
  );
  return isRawModeSupported === true;
}
