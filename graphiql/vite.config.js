import { defineConfig } from 'vite';

// One script and one stylesheet with fixed names, which the binary embeds
// (src/web/graphiql.rs): no hashes, no chunks, no source maps.
export default defineConfig({
  mode: 'production',
  base: '/graphiql/',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: '../assets/graphiql',
    emptyOutDir: true,
    minify: true,
    cssCodeSplit: false,
    sourcemap: false,
    modulePreload: false,
    assetsInlineLimit: 100000000,
    chunkSizeWarningLimit: 5000,
    lib: false,
    rollupOptions: {
      input: 'src/main.js',
      // React libraries mark their modules "use client", which means nothing in one bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        format: 'iife',
        inlineDynamicImports: true,
        entryFileNames: 'graphiql.js',
        assetFileNames: (asset) =>
          (asset.names || [asset.name]).some((n) => n && n.endsWith('.css'))
            ? 'graphiql.css'
            : '[name][extname]',
      },
    },
  },
});
