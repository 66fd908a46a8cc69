import { isUserError } from '../../common/errors.js';
import type { Readiness } from '../types.js';
import { findTools } from './tools.js';

/**
 * Can the local runtime run here? Its prerequisites are Java for Kafka, Java for Trino, Maven
 * and a MySQL-compatible server (findTools). The model answer for "offer the local runtime".
 */
export async function localReadiness(env: NodeJS.ProcessEnv = process.env): Promise<Readiness> {
  try {
    const tools = await findTools(env);
    return {
      ok: true,
      summary: `Java for Kafka (${tools.java}), Java for Trino (${tools.trinoJava}), Maven (${tools.mvn}) and ${tools.db.flavour} (${tools.db.server}) found.`,
    };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { ok: false, problem: error };
  }
}
