// pdfmake set up once for every PDF Mera writes (posters, teacher profiles, the analytic report):
// its own Roboto fonts, which cover Cyrillic and are embedded, and no access to URLs or to files
// other than those fonts, so a document's content can never make the server fetch anything.
import path from 'node:path';
import pdfmake from 'pdfmake';

const fontsDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
let ready = false;

export function usePdfmake(): typeof pdfmake {
  if (!ready) {
    pdfmake.setFonts({
      Roboto: {
        normal: path.join(fontsDir, 'Roboto-Regular.ttf'),
        bold: path.join(fontsDir, 'Roboto-Medium.ttf'),
        italics: path.join(fontsDir, 'Roboto-Italic.ttf'),
        bolditalics: path.join(fontsDir, 'Roboto-MediumItalic.ttf'),
      },
    });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file: string) => path.resolve(file).startsWith(fontsDir + path.sep));
    ready = true;
  }
  return pdfmake;
}
