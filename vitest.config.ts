import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'examples/**/*.test.{ts,js}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
