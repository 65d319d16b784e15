// Every sentence the server writes about an upload (a problem, or what it ignores, each shown with
// its path on the Instruments screen) has a plain Russian text beside its English one. The sentences
// are found in server/surveys's source, so a new one without Russian fails here.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { problemText } from '../../client/src/pages/instruments/problem-texts';

const surveysDir = path.join(__dirname, '../../server/surveys');

/** A string or template as the server would write it, X for each part it fills in. */
function template(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `X${span.literal.text}`).join('');
  return undefined;
}

/** The sentences of problem(path, message), { path, message } and the scoring checks' problems.push(message). */
function serverSentences(): string[] {
  const found = new Set<string>();
  for (const file of fs.readdirSync(surveysDir).filter((f) => f.endsWith('.ts'))) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(surveysDir, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const message =
          method === 'problem' && node.arguments.length === 2
            ? node.arguments[1]
            : method === 'push' && file === 'scoring.ts'
              ? node.arguments[0]
              : undefined;
        const text = message && template(message);
        if (text) found.add(text);
      }
      if (ts.isPropertyAssignment(node) && node.name.getText() === 'message') {
        const text = template(node.initializer);
        if (text) found.add(text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...found];
}

test("the scan finds the server's upload sentences (a scan finding none would pass without checking)", () => {
  const sentences = serverSentences();
  expect(sentences.length).toBeGreaterThan(90);
  expect(sentences).toContain('The survey has no pages.');
});

test.each(serverSentences())('"%s" has a Russian text, and the English one is the server\'s', (sentence) => {
  expect(problemText(sentence, 'en')).toBe(sentence);
  const russian = problemText(sentence, 'ru');
  expect(russian).not.toMatch(/^\(по-английски\)/);
  expect(russian).toMatch(/[а-яё]/i);
});
