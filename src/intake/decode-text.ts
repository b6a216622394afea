import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an uploaded CSV the way county offices save it from Excel: UTF-8 with or without BOM,
 * or GB18030/GBK (a superset of GB2312). Anything that is not valid UTF-8 is read as GB18030.
 */
export function decodeText(body: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const start = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  try {
    return { text: utf8.decode(body.subarray(start)), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(body, 'gb18030'), encoding: 'gb18030' };
  }
}
