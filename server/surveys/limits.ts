// The limits a definition must keep so that no upload can slow the server down: every check and
// every stored walk over a definition is bounded by them (docs/instruments.md, "Limits").
export const definitionLimits = {
  /** Objects and lists inside one another anywhere in the survey JSON. */
  jsonDepth: 40,
  /** Panels, dynamic panels and matrices inside one another. */
  elementDepth: 6,
  /** Questions, panels and html elements, all pages and templates together. */
  elements: 1500,
  /** Choices, rows, columns or items of one question. */
  choices: 500,
  /** Characters of one expression (visibleIf, a validator's expression, ...). */
  expressionLength: 1000,
  /** "and" / "or" clauses of one expression. */
  expressionClauses: 40,
  /** Characters of a regular expression in a regex validator. */
  regexLength: 500,
  /** Rows of a dynamic matrix and panels of a dynamic panel (survey-core's own ceilings). */
  dynamicRows: 1000,
  dynamicPanels: 100,
} as const;

/**
 * The deepest nesting of objects and lists in a JSON value, counted up to just past `stopAt`:
 * the recursion never goes deeper than that, so any depth is safe to measure.
 */
export function jsonDepth(value: unknown, stopAt: number): number {
  const walk = (v: object, depth: number): number => {
    if (depth > stopAt) return depth;
    let deepest = depth;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (!child || typeof child !== 'object') continue;
      const d = walk(child, depth + 1);
      if (d > deepest) {
        deepest = d;
        if (d > stopAt) return d;
      }
    }
    return deepest;
  };
  return value && typeof value === 'object' ? walk(value, 1) : 0;
}

/** Counts "and"/"or" clauses outside quoted strings. */
function expressionClauses(expression: string): number {
  const bare = expression.replace(/'[^']*'|"[^"]*"/g, '');
  return 1 + (bare.match(/\b(and|or)\b|&&|\|\|/gi)?.length ?? 0);
}

/** A problem with an expression's size, before survey-core parses it; undefined when it is fine. */
export function expressionSizeProblem(expression: string): string | undefined {
  if (expression.length > definitionLimits.expressionLength)
    return `is ${expression.length} characters long; the limit is ${definitionLimits.expressionLength}`;
  const clauses = expressionClauses(expression);
  if (clauses > definitionLimits.expressionClauses)
    return `has ${clauses} "and"/"or" clauses; the limit is ${definitionLimits.expressionClauses}`;
  return undefined;
}
