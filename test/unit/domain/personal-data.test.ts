import { randomBytes } from 'node:crypto';
import { createCipher } from '../../../src/crypto/personal-data';

describe('personal data at rest', () => {
  const c = createCipher(randomBytes(32));
  it('when a number is encrypted, then it decrypts to itself and never shows in the ciphertext', () => {
    const token = c.encrypt('11010519491231002X');
    expect(token).not.toContain('11010519491231002X');
    expect(c.decrypt(token)).toBe('11010519491231002X');
    expect(c.encrypt('11010519491231002X')).not.toBe(token);
  });
  it('when the ciphertext is tampered with, then decryption fails', () => {
    const token = c.encrypt('13812345678');
    const bad = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    expect(() => c.decrypt(bad)).toThrow();
  });
  it('when hashed, then the same person gives the same key (lower-case x too) and another key gives another hash', () => {
    expect(c.hash('11010519491231002x')).toBe(c.hash('11010519491231002X'));
    expect(createCipher(randomBytes(32)).hash('11010519491231002X')).not.toBe(c.hash('11010519491231002X'));
  });
  it('refuses a key that is not 32 bytes', () => expect(() => createCipher(randomBytes(16))).toThrow(/32 bytes/));
});
