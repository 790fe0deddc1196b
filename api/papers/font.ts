// The Chinese font of the case papers: Noto Sans Hans (SIL OFL), installed from the npm registry
// with the package @embedpdf/fonts-sc, so that an offline install has it and nothing is fetched
// at run time. The package exports only its file list, so the files are found beside its entry.
import path from 'node:path';

const PACKAGE = '@embedpdf/fonts-sc';

function fontFile(file: string): string {
  return path.join(path.dirname(require.resolve(PACKAGE)), '..', 'fonts', file);
}

export const PAPER_FONTS = {
  regular: fontFile('NotoSansHans-Regular.otf'),
  bold: fontFile('NotoSansHans-Bold.otf'),
} as const;
