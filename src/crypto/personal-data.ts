import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * ID, phone and payee account numbers at rest: AES-256-GCM ciphertext for reading back (finance export only),
 * and a keyed HMAC-SHA256 of the ID number for look-ups and de-duplication, so the database never holds them in
 * clear.
 */
export interface PersonalDataCipher {
  /** Keyed hash of a normalised ID number: equal inputs give equal hashes, the input cannot be recovered. */
  hash(idNumber: string): string;
  encrypt(plain: string): string;
  decrypt(token: string): string;
}

const VERSION = 'v1';

export function createCipher(masterKey: Buffer): PersonalDataCipher {
  if (masterKey.length !== 32) throw new RangeError('DATA_KEY must be 32 bytes (base64)');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encKey = derive('p2p personal data encryption');
  const macKey = derive('p2p personal data lookup');
  return {
    hash: (idNumber) => createHmac('sha256', macKey).update(idNumber.trim().toUpperCase()).digest('base64url'),
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `${VERSION}:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(token) {
      const [version, data] = token.split(':');
      if (version !== VERSION || !data) throw new Error('unknown personal-data token format');
      const raw = Buffer.from(data, 'base64url');
      const d = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

/** Used when NODE_ENV is development or test and no DATA_KEY is set; production refuses to start without one. */
export const DEVELOPMENT_DATA_KEY = Buffer.from('ZGV2ZWxvcG1lbnQtb25seS1rZXktZG8tbm90LXVzZSE=', 'base64');
