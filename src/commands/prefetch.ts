#!/usr/bin/env node
/** Resolves the local runtime's tools and artifacts ahead of time (CI and the benchmark use it). */
import { progressEventLine } from '../text/progress-text.js';
import { plainPaint } from '../text/paint.js';
import { describeError } from '../common/errors.js';
import { cacheHome } from '../common/paths.js';
import { loadVersions } from '../common/versions.js';
import { resolveArtifacts } from '../runtime/local/artifacts.js';
import { findTools } from '../runtime/local/tools.js';

try {
  const tools = await findTools();
  await resolveArtifacts(tools.mvn, cacheHome(), loadVersions(), (event) => process.stdout.write(`${progressEventLine(event, plainPaint)}\n`));
} catch (error) {
  process.stderr.write(`${describeError(error)}\n`);
  process.exitCode = 1;
}
