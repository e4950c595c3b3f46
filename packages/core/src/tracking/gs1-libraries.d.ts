// The parts of two CommonJS libraries without type declarations that gs1-keys.ts uses.

declare module 'digital-link.js' {
  /** A parsed GS1 Digital Link (evrythng/digital-link.js); throws on a URI without a GS1 primary key. */
  interface DigitalLinkInstance {
    getIdentifier(): Record<string, string>
    getKeyQualifiers(): Record<string, string>
    getKeyQualifiersOrder(): string[]
    /** GS1's Digital Link grammar and the key's check digit. */
    isValid(): boolean
    /** GS1's Digital Link grammar alone. */
    getValidationTrace(): { readonly success: boolean }
  }
  export function DigitalLink(uri: string): DigitalLinkInstance
}

declare module '@ollah666/checkdigitcalculator' {
  /** GS1 Germany's mod-10 check digit of a GS1 key's digits (without the check digit). */
  export default function checkDigit(digits: string): number
}
