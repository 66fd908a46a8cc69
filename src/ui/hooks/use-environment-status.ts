import { useEffect, useState } from 'react';
import type { EnvironmentStatus, Runtime } from '../../runtime/types.js';

export const STATUS_INTERVAL_MS = 1500;

/** The runtime's status, asked again every `intervalMs` while `active`; the last answer is kept on a failed ask. */
export function useEnvironmentStatus(runtime: Runtime, active: boolean, intervalMs = STATUS_INTERVAL_MS): EnvironmentStatus | undefined {
  const [status, setStatus] = useState<EnvironmentStatus | undefined>(undefined);

  useEffect(() => {
    setStatus(undefined);
    if (!active) return;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      const next = await runtime.status().catch(() => undefined);
      if (stopped) return;
      if (next) setStatus(next);
      timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runtime, active, intervalMs]);

  return status;
}
