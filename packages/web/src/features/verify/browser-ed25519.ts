import type { Ed25519VerifyAsync } from '@landsea/core/crypto'

/** What checks the bundle's Ed25519 signatures in this browser. */
export type Ed25519Engine = 'webcrypto' | 'wasm' | 'js'

let chosen: Promise<{ engine: Ed25519Engine; ed25519Async?: Ed25519VerifyAsync }> | undefined

/**
 * The fastest Ed25519 this browser has, chosen once: WebCrypto's (native, as in Chromium), else
 * libsodium's WebAssembly, else core's pure JS. Core is loaded here, as its own chunk.
 */
export function browserEd25519(): Promise<{
  engine: Ed25519Engine
  ed25519Async?: Ed25519VerifyAsync
}> {
  chosen ??= (async () => {
    const { createWebCryptoEd25519Verifier, initEd25519Verifier } =
      await import('@landsea/core/crypto')
    const ed25519Async = await createWebCryptoEd25519Verifier()
    // With WebCrypto, libsodium is not loaded: pure JS answers only what WebCrypto's checks did not
    // see, which only a forged bundle's second run asks.
    if (ed25519Async) return { engine: 'webcrypto' as const, ed25519Async }
    const wasm = await initEd25519Verifier().then(
      () => true,
      () => false,
    )
    return { engine: wasm ? ('wasm' as const) : ('js' as const) }
  })()
  return chosen
}
