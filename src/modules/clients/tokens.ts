import { createHash, randomBytes } from 'node:crypto'

/** 256 random bits; the prefix lets secret scanners and operators recognise a leaked token. */
export function generateToken(): string {
  return `cchc_${randomBytes(32).toString('base64url')}`
}

/** Tokens carry 256 bits of entropy, so a fast hash is enough to keep stored values useless if leaked. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}
