// A Vite plugin: marks the scripts a survey link needs (the entry, the survey page's chunk and the
// chunks they import) with V8's explicit compile hint, `//# allFunctionsCalledOnLoad`. Chromium then
// compiles their functions while the file streams in, on a background thread, instead of one at a
// time on the main thread as survey-core first calls them (about 2 500 lazy compiles before the
// first question shows). Other browsers read it as a comment. Measured in tests/bench/page.ts: the
// second visit's main-thread lazy compiles fell from about 2 470 to about 110 (traced with tests/bench/page-trace.ts).
import type { Plugin } from 'vite';

const surveyPageModule = /[\\/]src[\\/]pages[\\/]take-survey[\\/]TakeSurveyPage\.tsx$/;
const surveyLibraries = /[\\/]node_modules[\\/](survey-core|survey-react-ui|react|react-dom|scheduler)[\\/]/;
const compileHint = '//# allFunctionsCalledOnLoad\n';

interface ChunkLike {
  type: 'chunk';
  isEntry: boolean;
  facadeModuleId: string | null;
  moduleIds: string[];
  code: string;
}

export function compileHints(): Plugin {
  return {
    name: 'mera-compile-hints',
    apply: 'build',
    // After minifying (which drops comments) and after Vite's own last touches to the entry. The
    // names' hashes are made before this: a hint changes how fast a file compiles, not what it does.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const output of Object.values(bundle)) {
          if (output.type !== 'chunk') continue;
          const chunk = output as unknown as ChunkLike;
          const needed =
            chunk.isEntry ||
            (chunk.facadeModuleId !== null && surveyPageModule.test(chunk.facadeModuleId)) ||
            chunk.moduleIds.some((id) => surveyLibraries.test(id));
          if (needed) chunk.code = compileHint + chunk.code;
        }
      },
    },
  };
}
