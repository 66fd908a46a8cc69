import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/common/paths.js';

/**
 * `--help`, `--version` and `--list` answer at once because the modules they load statically never
 * reach the engines' clients, the Kafka client, Docker or Ink: those are imported only where a
 * command uses them (dynamic `import()`). This follows the static value imports from an entry.
 */
const HEAVY = ['mysql2', 'trino-client', '@platformatic/kafka', 'dockerode', 'ink', 'react', '@inkjs/ui'];

const src = join(packageRoot, 'src');

function sourceOf(path: string): string | undefined {
  const base = path.replace(/\.js$/, '');
  return ['.ts', '.tsx'].map((ext) => base + ext).find((candidate) => existsSync(candidate));
}

/** The packages an entry loads before it runs, with the chain of modules that loads each. */
function staticPackages(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const chains = new Map<string, string[]>([[entry, [relative(src, entry)]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const clause = statement.importClause;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (typeOnly) continue;
      const specifier = statement.moduleSpecifier.text;
      if (!specifier.startsWith('.')) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!packages.has(name)) packages.set(name, chains.get(file)!);
        continue;
      }
      const target = sourceOf(resolve(dirname(file), specifier));
      if (!target || chains.has(target)) continue;
      chains.set(target, [...chains.get(file)!, relative(src, target)]);
      queue.push(target);
    }
  }
  return packages;
}

describe('the commands that answer at once', () => {
  for (const entry of ['cli.tsx', 'cli-options.ts', 'cli-tour.ts']) {
    it(`src/${entry} loads none of ${HEAVY.join(', ')} before it needs them`, () => {
      const packages = staticPackages(join(src, entry));
      expect(packages.size).toBeGreaterThan(0);
      const heavy = [...packages].filter(([name]) => HEAVY.includes(name)).map(([name, chain]) => `${name} via ${chain.join(' → ')}`);
      expect(heavy).toEqual([]);
    });
  }

  // status, stop, start, logs and down on the local runtime: the runtime and its services, probed
  // with sockets and HTTP, and no table drawn. Only status reads the warehouse (the pipeline's last
  // batch), so mysql2 is imported where it does, not by every command of the module.
  for (const [entry, notHere] of [
    ['commands/environment.ts', [...HEAVY, 'string-width']],
    ['runtime/index.ts', HEAVY],
  ] as const) {
    it(`src/${entry} loads none of ${notHere.join(', ')} before it needs them`, () => {
      const heavy = [...staticPackages(join(src, entry))].filter(([name]) => (notHere as readonly string[]).includes(name)).map(([name, chain]) => `${name} via ${chain.join(' → ')}`);
      expect(heavy).toEqual([]);
    });
  }

  // Through a namespace import, the bundler keeps only the parts of zod the tour calls (half of it);
  // a named import of zod's `z` object keeps all of it in every command that validates anything.
  it('every module imports zod as a namespace', () => {
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
    const named = files.filter((file) => /import\s+\{[^}]*\}\s+from\s+'zod(\/[^']*)?'/.test(readFileSync(join(src, file), 'utf8')));
    expect(files.length).toBeGreaterThan(100);
    expect(named).toEqual([]);
  });

  it('the check itself finds a heavy package behind a chain of imports', () => {
    const packages = staticPackages(join(src, 'engines', 'kafka-sql.ts'));
    expect(packages.get('trino-client')).toEqual(['engines/kafka-sql.ts']);
  });
});
