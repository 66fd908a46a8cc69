import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/common/paths.js';

/**
 * The code's layers, lowest first. A module may import from its own layer and from the layers
 * before it; an import that runs the other way fails this test. Within the model, the folders
 * are ordered too: services → engines → runtime → tour.
 */
const LAYERS: ReadonlyArray<{ name: string; folders: readonly string[]; typesOnlyFrom?: readonly string[] }> = [
  { name: 'common', folders: ['common'] },
  { name: 'model: services', folders: ['services'] },
  { name: 'model: engines', folders: ['engines'] },
  { name: 'model: runtime', folders: ['runtime'] },
  { name: 'model: tour', folders: ['tour'] },
  // Text builds strings from the model's data: it may name the model's types, never run its code.
  { name: 'text', folders: ['text'], typesOnlyFrom: ['services', 'engines', 'runtime', 'tour'] },
  { name: 'front end: Ink', folders: ['ui'] },
  { name: 'front end: plain', folders: ['plain'] },
  { name: 'front end: commands', folders: ['commands'] },
  { name: 'cli', folders: ['cli', 'cli-options', 'cli-help', 'cli-tour'] },
  { name: 'benchmark', folders: ['bench'] },
  { name: 'build', folders: ['build'] },
];

/** Front ends sit side by side: none of them reaches into another. */
const SIBLINGS: readonly (readonly string[])[] = [['ui', 'plain', 'commands']];

const src = join(packageRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The top folder (or top-level file) of src a path belongs to. */
function topOf(path: string): string {
  return relative(src, path).split(/[\\/]/)[0]!.replace(/\.(js|ts|tsx)$/, '');
}

function layerIndex(top: string): number {
  const index = LAYERS.findIndex((layer) => layer.folders.includes(top));
  if (index === -1) throw new Error(`src/${top} belongs to no layer: add it to LAYERS in ${relative(packageRoot, import.meta.filename)}`);
  return index;
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every relative import of every source file, with whether it names types only. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    if (!specifier.startsWith('.')) return;
    found.push({ from: file, to: resolve(dirname(file), specifier), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) add(argument.text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function violation(entry: Import): string | undefined {
  const fromTop = topOf(entry.from);
  const toTop = topOf(entry.to);
  if (fromTop === toTop) return undefined;
  const fromLayer = LAYERS[layerIndex(fromTop)]!;
  const where = `${relative(src, entry.from)} imports ${relative(src, entry.to)}`;
  if (layerIndex(toTop) > layerIndex(fromTop)) return `${where}: ${fromLayer.name} may not import from ${LAYERS[layerIndex(toTop)]!.name}, a higher layer`;
  if (fromLayer.typesOnlyFrom?.includes(toTop) && !entry.typeOnly) return `${where}: ${fromLayer.name} may import only types from src/${toTop}`;
  if (SIBLINGS.some((group) => group.includes(fromTop) && group.includes(toTop))) return `${where}: one front end may not reach into another`;
  return undefined;
}

const allImports = sourceFiles(src).flatMap(importsOf);

describe('the layers of src', () => {
  it('finds the imports it checks', () => {
    expect(allImports.length).toBeGreaterThan(100);
  });

  it('every import runs from a higher layer to a lower one (model → text → front ends → cli)', () => {
    const violations = allImports.map(violation).filter((v): v is string => v !== undefined);
    expect(violations).toEqual([]);
  });

  it('the check itself catches an import against the direction', () => {
    expect(violation({ from: join(src, 'engines', 'x.ts'), to: join(src, 'tour', 'y.ts'), typeOnly: true })).toMatch(/higher layer/);
    expect(violation({ from: join(src, 'text', 'x.ts'), to: join(src, 'tour', 'y.ts'), typeOnly: false })).toMatch(/only types/);
    expect(violation({ from: join(src, 'text', 'x.ts'), to: join(src, 'tour', 'y.ts'), typeOnly: true })).toBeUndefined();
    expect(violation({ from: join(src, 'ui', 'x.ts'), to: join(src, 'plain', 'y.ts'), typeOnly: false })).toMatch(/front end/);
    expect(violation({ from: join(src, 'cli.tsx'), to: join(src, 'ui', 'y.ts'), typeOnly: false })).toBeUndefined();
  });
});
