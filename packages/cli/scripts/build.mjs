// Compiles the CLI, the workspace packages it runs (core, node, storage, server) and their pure
// dependencies into dist/, one chunk per command, so that `bin/landsea.js` starts without compiling TypeScript and loads only
// what the command it runs needs. Run by the root `prepare` script (so by `npm ci`).
// `node build.mjs <entry.ts> <outdir>` compiles another entry the same way, to <outdir>/main.js
// (tests start node processes compiled from their fixtures, as users run the CLI).
import { readFile, rm } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const cli = fileURLToPath(new URL('..', import.meta.url))
const [entry = `${cli}src/main.ts`, outdir = `${cli}dist`] = process.argv.slice(2)
// Pure dependencies are compiled in too (jose alone is ~90 files to resolve and load); those that
// read files next to themselves or load native addons stay in node_modules.
const EXTERNAL = /^(node:|sodium-native|better-sqlite3|pg($|\/)|fastify|@fastify\/|tsx)/

const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      EXTERNAL.test(args.path) ? { external: true } : undefined,
    )
  },
}

// A module that finds files relative to itself (the server's dashboard folder) keeps doing so from
// its source location: import.meta.url becomes the URL of the .ts file it was compiled from.
const sourceUrls = {
  name: 'source-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8')
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      }
    })
  },
}

await rm(outdir, { recursive: true, force: true })
await build({
  entryPoints: { main: entry },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies compiled into an ES module still call require().
  banner: {
    js: "import { createRequire as __landseaRequire } from 'node:module'; const require = __landseaRequire(import.meta.url);",
  },
  plugins: [externals, sourceUrls],
})
