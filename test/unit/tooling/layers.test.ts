/**
 * The layers of src/ hold because lint enforces them (eslint.config.js): a deliberately wrong import, linted as if it
 * were a file in each layer, must fail, and the allowed ones must pass.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The import-rule messages ESLint gives `code` as the file `path`. */
async function importErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [x];\n`, { filePath: path });
  return result!.messages.filter((m) => /restricted-imports/.test(m.ruleId ?? '')).map((m) => m.message);
}

// The first lint loads typescript-eslint's parser and rules: seconds on a loaded machine.
describe('layers (ESLint import zones)', { timeout: 60_000 }, () => {
  it.each([
    ['a page runs the engine', 'src/pages/popup/Wrong.tsx', "import { diagnose as x } from '../../engine/diagnose';"],
    [
      'a page reads the taxonomy',
      'src/pages/explain/wrong.ts',
      "import { ALL_ERRORS as x } from '../../engine/errors/table';",
    ],
    ['a page imports the worker', 'src/pages/popup/wrong.ts', "import { toEntry as x } from '../../background/rules';"],
    ['a page loads the polyfill', 'src/pages/popup/wrong.ts', "import x from 'webextension-polyfill';"],
    ['a page installs the polyfill', 'src/pages/explain/wrong.ts', "import x from '../../platform/polyfill';"],
    ['the page script runs the engine', 'src/content/wrong.ts', "import { diagnose as x } from '../engine/diagnose';"],
    ['the engine imports the platform', 'src/engine/wrong.ts', "import { browser as x } from '../platform/browser';"],
    ['the engine imports shared', 'src/engine/wrong.ts', "import { toEntry as x } from '../shared/history-list';"],
    ['shared imports the polyfill', 'src/shared/wrong.ts', "import x from 'webextension-polyfill';"],
    ['shared imports the platform', 'src/shared/wrong.ts', "import { send as x } from '../platform/messages';"],
    [
      'the platform imports the worker',
      'src/platform/wrong.ts',
      "import { Journal as x } from '../background/journal';",
    ],
    ['the worker imports a page', 'src/background/wrong.ts', "import { Popup as x } from '../pages/popup/Popup';"],
  ])('fails when %s', async (_what, path, code) => {
    expect(await importErrors(path, code)).not.toEqual([]);
  });

  it.each([
    ['a page uses engine types', 'src/pages/popup/Ok.tsx', "import type { Diagnosis as x } from '../../engine/types';"],
    ['a page uses the translator', 'src/pages/popup/ok.ts', "import { t as x } from '../../engine/i18n';"],
    ['a page uses shared', 'src/pages/popup/ok.ts', "import { verdictLabel as x } from '../../shared/words';"],
    [
      'the catalogue shows the taxonomy',
      'src/pages/catalogue/ok.ts',
      "import { ALL_ERRORS as x } from '../../engine/errors/table';",
    ],
    ['the worker runs the engine', 'src/background/ok.ts', "import { diagnose as x } from '../engine/diagnose';"],
    ['shared uses the engine', 'src/shared/ok.ts', "import { diagnose as x } from '../engine/diagnose';"],
  ])('passes when %s', async (_what, path, code) => {
    expect(await importErrors(path, code)).toEqual([]);
  });
});
