import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Renders an SVG file to PNG with rsvg-convert (Debian: librsvg2-bin), falling back to
 * ImageMagick's convert. Throws with a hint when neither is installed.
 */
export async function svgToPng(svgFile: string, pngFile: string, width?: number): Promise<string> {
  const size = width === undefined ? [] : ['-w', String(width)];
  try {
    await run('rsvg-convert', [...size, svgFile, '-o', pngFile], { timeout: 60_000 });
    return 'rsvg-convert';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await run('convert', ['-background', 'none', svgFile, pngFile], { timeout: 60_000 });
    return 'convert';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error('neither rsvg-convert nor ImageMagick convert is installed (Debian/Ubuntu: apt-get install librsvg2-bin)');
  }
}
