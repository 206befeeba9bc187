// The project's ESLint configuration for code snippets at paths that do not exist (see eslint-snippets.ts).
import base from "../../eslint.config.mjs";

const config = [
  ...base,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      "@typescript-eslint/no-floating-promises": "off",
      "@typescript-eslint/no-misused-promises": "off",
      "import/no-cycle": "off",
    },
  },
];

export default config;
