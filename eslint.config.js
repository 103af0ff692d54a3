// ESLint, type-aware (typescript-eslint's projectService reads tsconfig.json): the rules that find
// real bugs (a promise nobody waits for, a switch that misses a case, an await of a non-promise, an
// assertion that asserts nothing), not a style guide; formatting is left alone. `npm run lint`;
// .ci/run runs it after the typecheck.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', '.tmp/', 'tmp/', 'node_modules/'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A switch over a union names every member, or has a default that says why it need not.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // Awaited, caught, or `void` with the reason it is fire-and-forget next to it.
      '@typescript-eslint/no-floating-promises': 'error',
      // `return promise` inside try skips the catch (and runs the finally too early): await it there.
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      // A leading underscore marks a parameter or a destructured part left out on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Passing on what was caught, or an AbortSignal's reason, unchanged is right: it keeps the
      // caller's error (a DOMException AbortError, a GatewayError) as it was.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],

      // Turned off, because they fight the codebase's style rather than find bugs:
      // - require-await: `async` without `await` is how a fake, an async generator or an
      //   implementation of a Promise-returning interface is written; it also turns a throw into
      //   a rejection, which is what callers expect.
      '@typescript-eslint/require-await': 'off',
      // - no-control-regex: matching control characters is the point where it happens (the
      //   logger's line-forging guard, stripping ANSI colour from terminal output).
      'no-control-regex': 'off',
      // - no-regex-spaces: `/  /` (two spaces) in a test reads as what it matches.
      'no-regex-spaces': 'off',
    },
  },
  {
    // Tests read JSON answers (`await res.json()`, `JSON.parse`) and judge them with expect(): the
    // assertion is the check, and typing every body first would add casts, not safety. Source
    // files, the emulator, test helpers and the bench keep these rules.
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // A generator that throws before its first event is how a test writes a stream that fails at once.
      'require-yield': 'off',
    },
  },
  {
    // The launcher and this file: plain ES modules for Node, no types to check.
    files: ['bin/**/*.js', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    // The dashboard: plain browser ES modules, served as they are (no build step).
    files: ['ui/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.browser },
  },
);
