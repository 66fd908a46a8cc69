import { parse as parseYaml } from 'yaml';

export class FrontMatterError extends Error {}

/** Splits a Markdown file into its leading `---` YAML block (parsed) and the rest. */
export function splitFrontMatter(text: string): { data: unknown; body: string } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)([\s\S]*)$/.exec(normalized);
  if (!match) throw new FrontMatterError('it does not start with a front matter block between two "---" lines');
  const [, yamlText = '', body = ''] = match;
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (error) {
    const reason = (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).replace(/:$/, '');
    throw new FrontMatterError(`its front matter is not valid YAML (${reason})`);
  }
  return { data, body: body.trim() };
}
