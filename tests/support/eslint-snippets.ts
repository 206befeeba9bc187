import { ESLint } from "eslint";

/**
 * The project's own ESLint configuration, for linting code snippets at paths that do not exist.
 * Type-aware linting and the import-cycle check need a real file on disk, so the snippet
 * configuration (eslint-snippets.config.mjs) switches off the project service, the two rules that
 * need types and `import/no-cycle`; every other rule is as configured.
 */
export function snippetLinter(cwd = process.cwd()): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: new URL("./eslint-snippets.config.mjs", import.meta.url).pathname,
  });
}
