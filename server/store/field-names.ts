// Field names inside stored documents. Both engines refuse a name containing "." or starting with
// "$" at any depth (Mixed values included) with an InvalidDocumentError naming its path: although
// MongoDB 5+ can store them, its queries and updates cannot reach them (a dot is read as a path),
// and the embedded engine's JSON keeps "$$date" for dates. The walk is iterative and visits each value once, so any nesting
// depth costs time in proportion to the document's size and no stack.
import { isDate } from './json';

type Plain = Record<string, unknown>;

/**
 * Calls visit(key, value, parentPath) once for every own key of every object and array inside
 * value (array elements under their index), stopping when visit returns true.
 */
function walk(value: unknown, visit: (key: string, child: unknown, parentPath: string) => boolean): boolean {
  const stack: { node: object; path: string }[] = [];
  if (value !== null && typeof value === 'object' && !isDate(value)) stack.push({ node: value, path: '' });
  while (stack.length) {
    const { node, path } = stack.pop()!;
    for (const key of Object.keys(node)) {
      const child = (node as Plain)[key];
      if (visit(key, child, path)) return true;
      if (child !== null && typeof child === 'object' && !isDate(child)) stack.push({ node: child, path: path ? `${path}.${key}` : key });
    }
  }
  return false;
}

const badName = (key: string) => key.startsWith('$') || key.includes('.');

/** The first field name that cannot be stored, with its path (array indexes as path segments). */
export function findBadFieldName(doc: unknown): { path: string; key: string } | undefined {
  let found: { path: string; key: string } | undefined;
  walk(doc, (key, _child, parentPath) => {
    if (!badName(key)) return false;
    found = { path: parentPath ? `${parentPath}.${key}` : key, key };
    return true;
  });
  return found;
}
