/** The smallest real file of each type chat accepts, and files it must refuse. */
const hex = (h: string) => Buffer.from(h, 'hex');
const latin1 = (s: string) => Buffer.from(s, 'latin1');

export const allowedSamples = {
  'image/png': hex('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e1a4d50000000049454e44ae426082'),
  'image/jpeg': hex('ffd8ffe000104a46494600010100000100010000ffd9'),
  'image/gif': latin1('GIF89a\x01\x00\x01\x00\x00\x00\x00;'),
  'image/webp': latin1('RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00'),
  'application/pdf': latin1('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
};

export const scriptSamples = {
  html: Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>'),
  svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
  xmlSvg: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'),
};
