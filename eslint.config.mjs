// ESLint 9 flat config. typescript-eslint's recommended rules everywhere, eslint-plugin-vue's for the
// console, three type-aware promise rules on the server code (the one class of bug tsc misses in
// a queue-driven app: a promise nobody awaits), and eslint-config-prettier last so that no rule
// argues with the formatter. Style rules the code deliberately breaks (`i++`, `await` in loops,
// control characters in mail-parsing regexes) are left off rather than suppressed line by line.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'data/', 'coverage/', 'test-artifacts/', 'apps/console/dist/', '**/migrations/', '**/*.generated.ts', '**/generated/', 'test/vendor/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  vue.configs['flat/recommended'],
  {
    files: ['**/*.{ts,js,mjs}'],
    ignores: ['apps/console/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    languageOptions: { globals: globals.jest },
  },
  {
    files: ['apps/console/**/*.{ts,vue}'],
    languageOptions: { globals: globals.browser, parserOptions: { parser: tseslint.parser } },
  },
  {
    // Type-aware, so only where one tsconfig covers the files: the console is checked by vue-tsc.
    files: ['**/*.ts'],
    ignores: ['apps/console/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    rules: {
      // A leading underscore marks a parameter or destructured field kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Mail and export parsing matches control bytes on purpose.
      'no-control-regex': 'off',
      // TypeScript resolves names (types included), in .vue files as in .ts.
      'no-undef': 'off',
      eqeqeq: ['error', 'smart'],
      'vue/eqeqeq': ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      'object-shorthand': ['error', 'always', { avoidQuotes: true }],
      'no-useless-rename': 'error',
      'no-throw-literal': 'error',
    },
  },
  prettier,
);
