import { z } from 'zod';

/**
 * The file that holds a station's PIN as a slow salted hash (scrypt), beside the
 * station file that names it. The cost parameters are in the file, so a station can
 * raise them later without breaking the PIN it has; costs below the floor are refused
 * (a weak hash is as good as no PIN).
 */
export const SCRYPT_LIMITS = {
  /** CPU/memory cost: a power of two from 2^14 (the scrypt paper's interactive floor) to 2^20. */
  minLogN: 14,
  maxLogN: 20,
  maxR: 32,
  maxP: 16,
} as const;

/** What `npm run set-pin` writes: about 128 MiB and a few tenths of a second per check (OWASP's scrypt recommendation). */
export const DEFAULT_SCRYPT_COST = { N: 2 ** 17, r: 8, p: 1, keyLength: 32 } as const;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

export const pinHashFileSchema = z.strictObject({
  algorithm: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .refine((n) => Number.isInteger(Math.log2(n)) && Math.log2(n) >= SCRYPT_LIMITS.minLogN && Math.log2(n) <= SCRYPT_LIMITS.maxLogN, {
      message: `must be a power of two from 2^${SCRYPT_LIMITS.minLogN} to 2^${SCRYPT_LIMITS.maxLogN}`,
    }),
  r: z.number().int().min(1).max(SCRYPT_LIMITS.maxR),
  p: z.number().int().min(1).max(SCRYPT_LIMITS.maxP),
  keyLength: z.number().int().min(16).max(64),
  /** At least 16 random bytes. */
  salt: base64.min(22, 'must hold at least 16 bytes'),
  hash: base64,
});
export type PinHashFile = z.infer<typeof pinHashFileSchema>;
export type ScryptCost = Pick<PinHashFile, 'N' | 'r' | 'p' | 'keyLength'>;

/** The memory scrypt needs for these costs (128·N·r bytes), plus room: Node refuses more than `maxmem`. */
export function scryptMaxmem(cost: Pick<ScryptCost, 'N' | 'r'>): number {
  return 128 * cost.N * cost.r + 16 * 1024 * 1024;
}
