/**
 * Audits a guest bundle's text for what a bare engine cannot provide. Comments are ignored where
 * they would give false alarms (dependencies' docs mention `Buffer` and `process`): references
 * are found on rollup's ESTree AST — every identifier in a reference position — while
 * `require(`, `node:`, `globalThis.crypto` and the unlinked shim's message must not appear in
 * the text at all.
 *
 * Test-side code (Node).
 */

import { parseAst } from 'rollup/parseAst';

/** Identifiers a bundle for a bare engine must never reference. */
export const NODE_AND_WEB_GLOBALS = [
  'process',
  'Buffer',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'crypto',
  'console',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'queueMicrotask',
  'performance',
  'TextEncoder',
  'TextDecoder',
  'fetch',
  'navigator',
  'window',
  'self',
  'document',
  'structuredClone',
  'Date',
] as const;

/** Text that must not occur anywhere in the bundle. */
export const FORBIDDEN_TEXT = ['require(', 'node:', 'globalThis.crypto', 'No OS backend is linked'] as const;

export interface BundleAudit {
  /** Forbidden identifiers referenced (name → count). */
  readonly references: Readonly<Record<string, number>>;
  /** Forbidden text found. */
  readonly text: readonly string[];
  /** import/export-from/import() sources left in the bundle. */
  readonly imports: readonly string[];
}

type Node = { type: string; [key: string]: unknown };

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** Names bound by a declaration pattern (`a`, `{ a, b: [c] }`, `...d`, `e = 1`). */
function patternNames(p: unknown, out: string[]): void {
  if (typeof p !== 'object' || p === null) return;
  const n = p as Node;
  if (n.type === 'Identifier') out.push(n.name as string);
  else if (n.type === 'ObjectPattern') for (const prop of n.properties as Node[]) patternNames(prop.type === 'RestElement' ? prop.argument : prop.value, out);
  else if (n.type === 'ArrayPattern') for (const el of n.elements as Node[]) patternNames(el, out);
  else if (n.type === 'RestElement') patternNames(n.argument, out);
  else if (n.type === 'AssignmentPattern') patternNames(n.left, out);
}

/**
 * The names a scope node (Program, a function, a catch clause) declares, without entering
 * nested functions. Block scoping is folded into the enclosing function: that can only make a
 * name look declared where it is not, never hide a global reference that no scope declares.
 */
function declaredIn(scope: Node): Set<string> {
  const names: string[] = [];
  if (FUNCTION_TYPES.has(scope.type)) {
    for (const param of scope.params as Node[]) patternNames(param, names);
    if (scope.type === 'FunctionExpression' && scope.id) patternNames(scope.id, names);
  }
  if (scope.type === 'CatchClause' && scope.param) patternNames(scope.param, names);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null || typeof (node as Node).type !== 'string') return;
    const n = node as Node;
    if (n.type === 'VariableDeclarator') patternNames(n.id, names);
    if ((n.type === 'FunctionDeclaration' || n.type === 'ClassDeclaration') && n.id) patternNames(n.id, names);
    if (n.type === 'ImportSpecifier' || n.type === 'ImportDefaultSpecifier' || n.type === 'ImportNamespaceSpecifier') {
      patternNames(n.local, names);
    }
    if (n.type === 'ClassExpression' && n.id) patternNames(n.id, names);
    if (n !== scope && (FUNCTION_TYPES.has(n.type) || n.type === 'CatchClause')) return;
    for (const [k, v] of Object.entries(n)) if (k !== 'type') walk(v);
  };
  const body = FUNCTION_TYPES.has(scope.type) ? scope.body : scope.type === 'CatchClause' ? scope.body : scope;
  walk(body);
  return new Set(names);
}

export function auditBundle(code: string): BundleAudit {
  const forbidden = new Set<string>(NODE_AND_WEB_GLOBALS);
  const references: Record<string, number> = {};
  const imports: string[] = [];
  const scopes: Set<string>[] = [];
  const visit = (node: unknown, parent: Node | null, key: string): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent, key);
      return;
    }
    if (typeof node !== 'object' || node === null || typeof (node as Node).type !== 'string') return;
    const n = node as Node;
    const isScope = n.type === 'Program' || FUNCTION_TYPES.has(n.type) || n.type === 'CatchClause';
    if (isScope) scopes.push(declaredIn(n));
    if (n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ImportExpression') {
      imports.push(String((n.source as { value?: unknown })?.value ?? '(dynamic)'));
    }
    if (n.type === 'ExportNamedDeclaration' && n.source) imports.push(String((n.source as { value: unknown }).value));
    if (n.type === 'Identifier' && forbidden.has(n.name as string) && isReference(parent, key)) {
      const name = n.name as string;
      if (!scopes.some((s) => s.has(name))) references[name] = (references[name] ?? 0) + 1;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'type') visit(v, n, k);
    if (isScope) scopes.pop();
  };
  visit(parseAst(code), null, '');
  return { references, text: FORBIDDEN_TEXT.filter((t) => code.includes(t)), imports };
}

/** False for names that are not variable references: `a.name`, `{ name: 1 }`, `class { name() {} }`. */
function isReference(parent: Node | null, key: string): boolean {
  if (parent === null) return true;
  if (parent.type === 'MemberExpression' && key === 'property' && !parent.computed) return false;
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && key === 'key' && !parent.computed) {
    return false;
  }
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return false;
  return true;
}
